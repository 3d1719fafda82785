// Browser tests of the drieluik web UI against the real server (see harness.mjs), run by
// ctest (tests/ui) with node's test runner. Scenarios of issue 4: an anonymous report
// appears in the aandachtsfunctionaris' worklist; login; the triage view; an edit the
// server rejects keeps its input and shows the field error; the language switch. Every
// screen is checked with axe-core and photographed into docs/screenshots/.
// When the server has no accounts yet (GET /api/v1/session answers 404) the signal
// screens are used without login, and the login-only scenarios are skipped with a reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, checkScreen, login, startBrowser, startServer, totpNow } from './harness.mjs';

let server;
let browser;
let page;
const violations = [];
let publicReference = '';
let publicSecret = '';

async function screen(name) {
  violations.push(...(await checkScreen(page, name)));
}

async function signIn(username) {
  if (!server.hasAccounts) return;
  await page.context().clearCookies();
  await login(page, server.base, username);
}

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
});

after(async () => {
  await browser?.stop();
  await server?.stop();
});

test('public form: an anonymous report gets a reference code and secret', async () => {
  await page.goto(`${server.base}/melden`);
  await page.getByRole('heading', { level: 1, name: 'Mensenhandel melden' }).waitFor();
  assert.ok(await page.getByText('Bel direct 112').isVisible(), 'the form says to call 112 in acute danger');
  await screen('public-report');

  await page.getByLabel(/Wat hebt u gezien of gehoord/).fill('Elke nacht worden jonge vrouwen met een busje naar het pand aan de Markt gebracht. Ze lijken bang.');
  await page.getByLabel('Korte omschrijving').fill('E2E: busjes met jonge vrouwen bij pand aan de Markt');
  await page.getByLabel('Waar was het?').fill('Markt 3, Ter Apel');
  await page.getByLabel('In welke gemeente?').selectOption('GM1950');
  await page.getByRole('button', { name: 'Melding versturen' }).click();

  await page.getByRole('heading', { level: 1, name: 'Uw melding is ontvangen' }).waitFor();
  publicReference = (await page.getByTestId('reference-code').textContent()).trim();
  publicSecret = (await page.getByTestId('secret').textContent()).trim();
  assert.match(publicReference, /^[A-Z0-9-]{6,}$/);
  assert.ok(publicSecret.length >= 16, 'a secret is shown');
  await screen('public-receipt');
});

test('public form: a rejected report keeps its input and focuses the error summary', async () => {
  await page.goto(`${server.base}/melden`);
  await page.getByLabel('Korte omschrijving').fill('Alleen een samenvatting');
  await page.getByRole('button', { name: 'Melding versturen' }).click();
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'focus moves to the error summary');
  assert.equal(await page.getByLabel('Korte omschrijving').inputValue(), 'Alleen een samenvatting', 'input is kept');
  assert.ok(await page.locator('#f-description-error').isVisible(), 'the error is shown beside the description');
  await screen('public-report-error');
});

test('public addition: the reporter adds information with reference and secret', async () => {
  assert.ok(publicReference, 'needs the report of the first test');
  await page.goto(`${server.base}/melden/aanvullen?referentie=${encodeURIComponent(publicReference)}`);
  assert.equal(await page.getByLabel('Referentiecode').inputValue(), publicReference);
  await page.getByLabel('Geheime code').fill(publicSecret);
  await page.getByLabel('Aanvullende informatie').fill('Er stond ook een zwarte auto bij.');
  await page.getByRole('button', { name: 'Aanvulling versturen' }).click();
  await page.getByText(/Uw aanvulling is ontvangen/).waitFor();
  await screen('public-addition');
});

test('login page: a wrong password gets the one generic message and keeps the username', async (t) => {
  if (!server.hasAccounts) return t.skip('server has no session API yet');
  await page.context().clearCookies();
  await page.goto(`${server.base}/inloggen`);
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await screen('login');
  await page.getByLabel('Gebruikersnaam').fill('af.westerwolde');
  await page.getByLabel('Wachtwoord').fill('fout-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).last().click();
  await page.locator('#error-summary').waitFor();
  assert.equal(await page.getByLabel('Gebruikersnaam').inputValue(), 'af.westerwolde');
  await screen('login-failed');
});

test('login with the TOTP step when the beheerder requires it for the role', async (t) => {
  if (!server.hasAccounts) return t.skip('server has no session API yet');
  const admin = await apiSession(server.base, 'beheer');
  const users = await admin('GET', '/users');
  const kr = users.body.items.find((u) => u.username === 'kr.zvhg');
  const enrol = await admin('POST', `/users/${kr.id}/totp`);
  assert.equal(enrol.status, 200);
  assert.equal((await admin('PUT', '/role-settings/ketenregisseur', { totp_required: true })).status, 200);
  try {
    await page.context().clearCookies();
    await page.goto(`${server.base}/inloggen`);
    await page.getByLabel('Gebruikersnaam').fill('kr.zvhg');
    await page.getByLabel('Wachtwoord').fill('demo-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).last().click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen: verificatiecode' }).waitFor();
    await screen('login-totp');
    await page.locator('#f-code').fill(totpNow(enrol.body.otpauth_uri));
    await page.getByRole('button', { name: 'Controleren' }).click();
    await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
    assert.ok(await page.getByText(/Ingelogd als .*Ketenregisseur/).isVisible());
  } finally {
    await admin('PUT', '/role-settings/ketenregisseur', { totp_required: false });
  }
});

test('worklist: the anonymous report appears for the aandachtsfunctionaris of the municipality', async () => {
  assert.ok(publicReference, 'needs the report of the first test');
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/`);
  await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
  const newSection = page.locator('section', { has: page.getByRole('heading', { name: /Nieuwe meldingen/ }) });
  await newSection.getByRole('link', { name: publicReference }).waitFor();
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  assert.ok(await nav.getByRole('link', { name: 'Signalen' }).isVisible());
  assert.equal(await nav.getByRole('link', { name: 'Casussen' }).count(), 0, 'later parts stay out of the navigation');
  assert.equal(await nav.getByRole('link', { name: 'Beheer' }).count(), 0, 'no administration for this role');
  await screen('worklist');
});

test('signal detail: triage with explanation and proposed routes, links, history', async () => {
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/`);
  await page.getByRole('link', { name: publicReference }).click();
  await page.getByRole('heading', { level: 1, name: `Melding ${publicReference}` }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'page-heading', 'focus moves to the heading after navigation');
  await page.getByRole('heading', { level: 2, name: 'Triage' }).waitFor();
  await page.getByRole('heading', { name: 'Elementen van mensenhandel' }).waitFor();
  await page.getByRole('heading', { name: 'Voorgestelde routes' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Geschiedenis' }).waitFor();
  assert.ok(await page.getByText('Er stond ook een zwarte auto bij.').isVisible(), 'the addition is shown');
  await screen('signal-detail-public');

  // A demo signal with involved parties and links to other signals.
  await page.goto(`${server.base}/meldingen?q=loon`);
  await page.getByRole('table').getByRole('link').first().click();
  await page.getByRole('heading', { level: 2, name: 'Gekoppelde meldingen' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Betrokkenen' }).waitFor();
  await screen('signal-detail');
});

test('search and filters over signals', async () => {
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/meldingen`);
  await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
  await page.getByLabel('Zoeken', { exact: true }).fill('Markt');
  await page.getByLabel('Status').selectOption('new');
  await page.getByRole('button', { name: 'Zoeken' }).click();
  await page.waitForURL(/q=Markt/);
  await page.getByRole('link', { name: publicReference }).waitFor();
  assert.match(page.url(), /status=new/);
  await screen('signals-search');
});

test('edit: a change the server rejects keeps every input and shows the field error', async () => {
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/`);
  await page.getByRole('link', { name: publicReference }).click();
  await page.getByRole('link', { name: 'Melding bewerken' }).click();
  await page.getByRole('heading', { level: 1, name: 'Melding bewerken' }).waitFor();
  const signalUrl = page.url().replace(/\/bewerken$/, '');
  const id = signalUrl.split('/').pop();
  const before = await page.evaluate(async (sid) => (await fetch(`/api/v1/signals/${sid}`)).json(), id);

  await page.getByLabel('Korte omschrijving').fill('E2E: gewijzigde omschrijving');
  await page.getByRole('button', { name: 'Bedrijf toevoegen' }).click();
  await page.locator('#f-businesses-0-name').fill('Uitzendbureau Snel');
  await page.locator('#f-businesses-0-kvkNumber').fill('12');
  await page.getByRole('button', { name: 'Opslaan' }).click();

  await page.locator('#error-summary').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary', 'focus moves to the error summary');
  const fieldError = page.locator('#f-businesses-0-kvkNumber-error');
  assert.match(await fieldError.textContent(), /8 cijfers/);
  assert.equal(await page.locator('#f-businesses-0-kvkNumber').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Korte omschrijving').inputValue(), 'E2E: gewijzigde omschrijving', 'the other input is kept');
  assert.equal(await page.locator('#f-businesses-0-name').inputValue(), 'Uitzendbureau Snel');
  assert.equal(await page.locator('#f-businesses-0-kvkNumber').inputValue(), '12');
  const afterReject = await page.evaluate(async (sid) => (await fetch(`/api/v1/signals/${sid}`)).json(), id);
  assert.equal(afterReject.version, before.version, 'the server changed nothing');
  await screen('signal-edit-error');

  // Correcting the field saves; the detail page shows the change.
  await page.locator('#f-businesses-0-kvkNumber').fill('12345678');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { level: 1, name: /^Melding / }).waitFor();
  await page.getByText('E2E: gewijzigde omschrijving').first().waitFor();
});

test('edit: a signal changed meanwhile by someone else (409) keeps the input and offers a way on', async () => {
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/`);
  await page.getByRole('link', { name: publicReference }).click();
  await page.getByRole('link', { name: 'Melding bewerken' }).click();
  await page.getByRole('heading', { level: 1, name: 'Melding bewerken' }).waitFor();
  const id = page.url().split('/').at(-2);
  await page.getByLabel('Locatie', { exact: true }).fill('Achter het pand aan de Markt');

  // A colleague saves first (same API, through the page's own session).
  const status = await page.evaluate(async (sid) => {
    const s = await fetch('/api/v1/session');
    const token = s.ok ? (await s.json()).csrf_token : undefined;
    const current = await (await fetch(`/api/v1/signals/${sid}`)).json();
    const headers = { 'Content-Type': 'application/json', ...(token ? { 'X-CSRF-Token': token } : {}) };
    const r = await fetch(`/api/v1/signals/${sid}`, { method: 'PATCH', headers, body: JSON.stringify({ version: current.version, status: 'in_intake' }) });
    return r.status;
  }, id);
  assert.equal(status, 200);

  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { name: 'De melding is intussen gewijzigd' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'error-summary');
  assert.equal(await page.getByLabel('Locatie', { exact: true }).inputValue(), 'Achter het pand aan de Markt', 'input is kept');
  await screen('signal-edit-conflict');

  await page.getByRole('button', { name: 'Mijn wijzigingen houden en opnieuw opslaan' }).click();
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByRole('heading', { level: 1, name: `Melding ${publicReference}` }).waitFor();
  await page.getByText('Achter het pand aan de Markt').waitFor();
  assert.equal(await page.locator('.status-badge').textContent(), 'In intake', "the colleague's change to another field is kept");
});

test('new signal form: indicators grouped by list and group', async () => {
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/meldingen/nieuw`);
  await page.getByRole('heading', { level: 1, name: 'Nieuwe melding registreren' }).waitFor();
  await page.getByText('ILO-indicatoren van dwangarbeid').click();
  await page.getByLabel(/ILO07/).check();
  await page.getByLabel('Toelichting bij ILO07').fill('Paspoort ingenomen');
  await page.getByRole('button', { name: 'Persoon toevoegen' }).click();
  await screen('signal-new');
});

test('a lost session keeps the draft and returns to it after login', async (t) => {
  if (!server.hasAccounts) return t.skip('server has no session API yet');
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/meldingen/nieuw`);
  await page.getByLabel('Korte omschrijving').fill('Concept dat niet verloren mag gaan');
  await page.context().clearCookies();
  await page.getByRole('button', { name: 'Melding registreren' }).click();
  await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
  await page.getByLabel('Gebruikersnaam').fill('af.westerwolde');
  await page.getByLabel('Wachtwoord').fill('demo-wachtwoord');
  await page.getByRole('button', { name: 'Inloggen' }).last().click();
  await page.getByRole('heading', { level: 1, name: 'Nieuwe melding registreren' }).waitFor();
  assert.equal(await page.getByLabel('Korte omschrijving').inputValue(), 'Concept dat niet verloren mag gaan');
});

test('user administration for the beheerder', async (t) => {
  if (!server.hasAccounts) return t.skip('server has no users API yet');
  await signIn('beheer');
  await page.goto(`${server.base}/beheer/gebruikers`);
  await page.getByRole('heading', { level: 1, name: 'Gebruikersbeheer' }).waitFor();
  await page.getByRole('cell', { name: 'af.westerwolde', exact: true }).waitFor();
  await screen('users');
  await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
  await page.getByLabel('Gebruikersnaam').fill('af.test');
  await page.getByLabel('Naam', { exact: true }).fill('Test Gebruiker');
  await page.locator('#f-organisation').selectOption('gem-westerwolde');
  await page.locator('#f-municipality').selectOption('GM1950');
  await page.getByLabel(/Eerste wachtwoord/).fill('een-lang-wachtwoord-123');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('Gebruiker af.test is aangemaakt.').waitFor();
  await page.getByRole('cell', { name: 'af.test', exact: true }).waitFor();
  await screen('users-created');
});

test('later parts of drieluik: a plain "not yet available" page', async () => {
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/zorg`);
  await page.getByRole('heading', { level: 1, name: 'Zorg: nog niet beschikbaar' }).waitFor();
  await screen('not-yet-available');
});

test('language switch: English texts, html lang, dates in the chosen locale', async () => {
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/meldingen`);
  await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor();
  const firstDateNl = await page.locator('tbody tr td').nth(1).textContent();
  await page.getByRole('navigation', { name: 'Taal' }).getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { level: 1, name: 'Signals' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.ok(await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Worklist' }).isVisible());
  const firstDateEn = await page.locator('tbody tr td').nth(1).textContent();
  assert.notEqual(firstDateEn, firstDateNl, 'dates follow the language');
  await screen('language-en');
  await page.goto(`${server.base}/melden`);
  await page.getByRole('heading', { level: 1, name: 'Report human trafficking' }).waitFor();
  await screen('public-report-en');
  await page.getByRole('navigation', { name: 'Language' }).getByRole('button', { name: 'Nederlands' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mensenhandel melden' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'nl');
});

test('accessibility: no serious or critical axe-core violations on any screen', () => {
  assert.deepEqual(violations, []);
});
