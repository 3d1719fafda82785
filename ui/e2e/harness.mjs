// Browser-test harness: starts the REAL drieluik server binary on a free loopback port
// with a temporary data directory (loaded with `drieluik demo` first), serving the built
// UI (ui/dist), and Debian's Chromium headless through playwright-core. Every screen is
// checked with axe-core (WCAG 2.1 A/AA rules; serious and critical violations fail) and
// photographed into docs/screenshots/NAME.png.
//
// Environment: DRIELUIK_BIN (the server binary; default ../build/src/cli/drieluik),
// DRIELUIK_UI_DIST (default ui/dist), DRIELUIK_SCREENSHOTS (default docs/screenshots),
// CHROMIUM (default /usr/bin/chromium).
import { spawn, execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');
export const BIN = resolve(process.env.DRIELUIK_BIN ?? join(repo, 'build', 'src', 'cli', 'drieluik'));
export const DIST = resolve(process.env.DRIELUIK_UI_DIST ?? join(repo, 'ui', 'dist'));
// DRIELUIK_SCREENSHOTS_OVERRIDE (set by `make screenshots`) wins over the test's own setting.
export const SHOTS = resolve(
  process.env.DRIELUIK_SCREENSHOTS_OVERRIDE ?? process.env.DRIELUIK_SCREENSHOTS ?? join(repo, 'docs', 'screenshots'),
);
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const DEMO_PASSWORD = 'demo-wachtwoord';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startServer() {
  if (!existsSync(BIN)) throw new Error(`server binary not found: ${BIN} (build it first)`);
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`built UI not found: ${DIST}/index.html (run make ui)`);
  const dir = mkdtempSync(join(tmpdir(), 'drieluik-e2e-'));
  const data = join(dir, 'data');
  execFileSync(BIN, ['demo', '--data', data], { stdio: 'pipe' });
  const portFile = join(dir, 'port');
  const log = [];
  const child = spawn(BIN, ['serve', '--data', data, '--port', '0', '--port-file', portFile, '--ui', DIST], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(String(d)));
  child.stderr.on('data', (d) => log.push(String(d)));
  let port = 0;
  for (let i = 0; i < 200 && !port; i++) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${log.join('')}`);
    if (existsSync(portFile)) port = Number(readFileSync(portFile, 'utf8').trim()) || 0;
    if (!port) await sleep(50);
  }
  if (!port) throw new Error(`server did not report a port: ${log.join('')}`);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) break;
    } catch {
      /* not yet */
    }
    await sleep(50);
  }
  const session = await fetch(`${base}/api/v1/session`);
  const hasAccounts = session.status !== 404;
  return {
    base,
    hasAccounts,
    log,
    async stop() {
      child.kill('SIGTERM');
      for (let i = 0; i < 100 && child.exitCode === null; i++) await sleep(50);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'drieluik-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    bypassCSP: true, // axe-core is injected as a script; the app itself needs no exception
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  return {
    context,
    async stop() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/// Runs axe-core on the page and photographs it. Returns the serious and critical
/// violations (the caller asserts there are none) as readable lines.
export async function checkScreen(page, name) {
  await page.waitForLoadState('networkidle');
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${name}: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

export async function login(page, base, username) {
  await page.goto(`${base}/inloggen`);
  await page.getByLabel(/Gebruikersnaam|Username/).fill(username);
  await page.getByLabel(/Wachtwoord|Password/).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /Inloggen|Log in/ }).last().click();
  await page.waitForURL((u) => !u.pathname.startsWith('/inloggen'));
}

/// Logs in through the API (outside the browser) and returns a caller for that session:
/// call(method, path, body) → { status, body }. For setting up a scenario only.
export async function apiSession(base, username, password = DEMO_PASSWORD) {
  const r = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (r.status !== 200) throw new Error(`login ${username}: HTTP ${r.status}`);
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrf_token: csrf } = await r.json();
  return async (method, path, body) => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}

/// The current RFC 6238 code (SHA-1, 6 digits, 30 s) for an otpauth:// URI's secret.
export function totpNow(otpauthUri, now = Date.now()) {
  const url = new URL(otpauthUri);
  const secret = url.searchParams.get('secret') ?? '';
  const digits = Number(url.searchParams.get('digits') ?? 6);
  const period = Number(url.searchParams.get('period') ?? 30);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 1000 / period)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}
