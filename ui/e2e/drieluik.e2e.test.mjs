// Browser tests of the Drieluik screens (issue 5) against the real server and the demo
// region (see harness.mjs): meetings, the chair's agenda, the assessment, cases, actions,
// minutes and the signal's feedback. The main test runs a WHOLE meeting in the browser as
// the chair (kr.zvhg, ketenregisseur): plan a meeting, record attendance, build the agenda,
// move and postpone items, assess the new signal as "suspicion" with "open a case", follow
// the case, add an action whose due date has passed, and find that action overdue in the
// worklist and on the next meeting's agenda. The server runs on the real clock (serve has
// no fake clock), so the action is created with a due date two Dutch days in the past,
// which the API accepts (as tests/web/api/drieluik_api_test.cc does). Every screen is
// checked with axe-core and photographed into docs/screenshots/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiSession, checkScreen, login, startBrowser, startServer } from './harness.mjs';

let server;
let browser;
let page;
const violations = [];

// Shared between the tests of the scenario, in order.
const SUMMARY = 'E2E-Drieluik: twaalf mannen slapen in een loods';
let signalId = 0;
let meetingId = 0;
let caseId = 0;
let actionTitle = '';

async function screen(name) {
  violations.push(...(await checkScreen(page, name)));
}

async function signIn(username) {
  await page.context().clearCookies();
  await login(page, server.base, username);
}

/// A Dutch calendar day (YYYY-MM-DD), `days` from now.
function dutchDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/// The ids of the meeting's agenda items in order, as the API has them.
async function agendaOrder(id) {
  return page.evaluate(async (mid) => (await (await fetch(`/api/v1/meetings/${mid}/agenda`)).json()).items.map((i) => i.id), id);
}

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = await browser.context.newPage();
  // A fresh signal for the meeting, through the public route (as a reporter would).
  const r = await fetch(`${server.base}/api/v1/public/signals`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      summary: SUMMARY,
      description: 'Twaalf mannen slapen in een loods achter het uitzendbureau; hun paspoorten zijn ingenomen.',
      location: 'Industrieweg 4, Ter Apel',
      municipality: 'GM1950',
      forms: ['ARBEID'],
    }),
  });
  assert.equal(r.status, 201, await r.text());
  const kr = await apiSession(server.base, 'kr.zvhg');
  const found = await kr('GET', `/signals?q=loods&municipality=GM1950&limit=50`);
  signalId = found.body.items.find((s) => s.summary === SUMMARY)?.id ?? 0;
  assert.ok(signalId, 'the new signal is found');
});

after(async () => {
  await browser?.stop();
  await server?.stop();
});

test('navigation: the Drieluik screens for the roles of the policy table', async () => {
  await signIn('af.westerwolde');
  const nav = () => page.getByRole('navigation', { name: 'Hoofdmenu' });
  await page.getByRole('heading', { level: 1, name: 'Werkvoorraad' }).waitFor();
  assert.equal(await nav().getByRole('link', { name: 'Overleggen (Drieluik)' }).count(), 0, 'no meetings for the aandachtsfunctionaris');
  assert.equal(await nav().getByRole('link', { name: 'Casussen' }).count(), 0);
  await page.goto(`${server.base}/overleggen`);
  await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();

  await signIn('handhaving.groningen');
  await nav().getByRole('link', { name: 'Overleggen (Drieluik)' }).waitFor();
  assert.ok(await nav().getByRole('link', { name: 'Acties' }).isVisible());
  assert.equal(await nav().getByRole('link', { name: 'Casussen' }).count(), 0, 'no cases for handhaving');

  await signIn('kr.zvhg');
  for (const name of ['Overleggen (Drieluik)', 'Casussen', 'Acties']) assert.ok(await nav().getByRole('link', { name }).isVisible(), name);
});

test('a whole meeting: plan, attendance, agenda, assessment, case, action, overdue on the next agenda', async () => {
  await signIn('kr.zvhg');

  // 1. Plan a Drieluik for tomorrow 10:00 (Dutch time in the browser).
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Overleggen (Drieluik)' }).click();
  await page.getByRole('heading', { level: 1, name: 'Overleggen' }).waitFor();
  await page.locator('#m-type').selectOption('drieluik');
  await page.locator('#m-scheduledAt').fill(`${dutchDay(1)}T10:00`);
  await page.getByRole('button', { name: 'Overleg plannen' }).click();
  await page.waitForURL(/\/overleggen\/\d+$/);
  meetingId = Number(page.url().split('/').pop());
  await page.getByRole('heading', { level: 1, name: /^Drieluik / }).waitFor();

  // 2. Participants per organisation; record attendance.
  await page.getByRole('heading', { level: 2, name: 'Deelnemers per organisatie' }).waitFor();
  await page.getByLabel(/^Ketenregisseur \(.*\) aanwezig$/).check();
  await page.getByLabel(/^Zorgcoördinator \(.*\) aanwezig$/).check();
  await page.getByRole('button', { name: 'Aanwezigheid en status opslaan' }).click();
  await page.getByText('Het overleg is opgeslagen.').waitFor();
  const saved = await page.evaluate(async (id) => (await fetch(`/api/v1/meetings/${id}`)).json(), meetingId);
  assert.deepEqual(saved.participants.map((p) => [p.role, p.attended ?? null]), [['ketenregisseur', true], ['zorgcoordinator', true], ['politie', null]]);
  assert.equal(await page.getByRole('link', { name: 'Notulen downloaden (PDF)' }).getAttribute('href'), `/api/v1/meetings/${meetingId}/minutes?format=pdf`);
  await screen('meeting-detail');

  // 3. Build the agenda: the new signal is on it with its one-line summary and triage.
  await page.getByRole('link', { name: /^Naar de agenda/ }).click();
  await page.getByRole('heading', { level: 1, name: /^Agenda: Drieluik / }).waitFor();
  await page.getByRole('button', { name: 'Agenda opbouwen' }).click();
  await page.getByText(/De agenda is opgebouwd: \d+ punt/).waitFor();
  const item = page.locator('li.agenda-item', { hasText: SUMMARY });
  await item.waitFor();
  assert.match(await item.textContent(), /Nieuwe melding/);
  assert.match(await item.textContent(), /Voorgestelde routes/, 'the triage routes the chair may see');
  const order = await agendaOrder(meetingId);
  assert.ok(order.length >= 2, `the demo region gives more than one item (${order.length})`);

  // 4. Reorder with the keyboard: the first item one place down, then back up.
  const first = page.locator('li.agenda-item').first();
  const firstTitle = (await first.locator('h3').textContent()).replace(/^\d+\.\s*/, '');
  await first.getByRole('button', { name: /^Omlaag: punt 1/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByText(/^Omlaaggeschoven: punt 1/).waitFor();
  assert.deepEqual(await agendaOrder(meetingId), [order[1], order[0], ...order.slice(2)]);
  assert.equal((await page.locator('li.agenda-item').nth(1).locator('h3').textContent()).replace(/^\d+\.\s*/, ''), firstTitle);
  assert.match(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id ?? ''), /punt 2|agenda-item/, 'focus stays with the moved item');
  await page.locator('li.agenda-item').nth(1).getByRole('button', { name: /^Omhoog: punt 2/ }).click();
  await page.getByText(/^Omhooggeschoven: punt 2/).waitFor();
  assert.deepEqual(await agendaOrder(meetingId), order);

  // 5. Postpone the last item (unless it is ours).
  const last = page.locator('li.agenda-item').last();
  if (!(await last.textContent()).includes(SUMMARY)) {
    await last.getByRole('button', { name: /^Doorschuiven/ }).click();
    await page.getByText(/^Doorgeschoven naar het volgende overleg/).waitFor();
    assert.match(await page.locator('li.agenda-item').last().textContent(), /Doorgeschoven/);
  }
  await screen('agenda');

  // 6. Assess our item: a suspicion without follow-up is refused field by field.
  await item.getByRole('link', { name: /^Beoordelen: / }).click();
  await page.getByRole('heading', { level: 1, name: `Beoordeling: ${SUMMARY}`, exact: false }).waitFor();
  await page.getByLabel('Vermoeden van mensenhandel, opvolgen').check();
  await page.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
  const summary = page.locator('#assessment-errors');
  await summary.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'assessment-errors', 'focus moves to the error summary');
  await summary.getByRole('link').first().waitFor();
  assert.ok(await page.locator('#as-reasoning-error').isVisible(), 'the reasoning error is beside its field');
  assert.ok(await page.getByLabel('Vermoeden van mensenhandel, opvolgen').isChecked(), 'the choice is kept');
  await screen('assessment-error');
  await summary.getByRole('link', { name: /onderbouwing|Onderbouwing|verplicht|Verplicht/ }).first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'as-reasoning', 'the summary link leads to the field');
  await page.getByLabel(/^Onderbouwing/).fill('Paspoorten ingenomen door de uitzender; twaalf mannen in een loods.');
  await page.getByLabel('Casus openen').check();
  await page.getByLabel('Doorverwijzen naar de politie (AVIM/TMM)').check();
  await page.getByLabel('Toelichting bij: Doorverwijzen naar de politie (AVIM/TMM)').fill('TMM');
  await screen('assessment');
  await page.getByRole('button', { name: 'Beoordeling vastleggen' }).click();
  await page.getByText('De beoordeling is vastgelegd.').waitFor();
  const toCase = page.getByRole('link', { name: /^Naar casus #\d+$/ });
  caseId = Number((await toCase.textContent()).match(/\d+/)[0]);

  // 7. The case: only the allowed transitions are offered; the decision log shows the meeting.
  await toCase.click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Casus #${caseId}:`) }).waitFor();
  const options = await page.locator('#c-to option').allTextContents();
  assert.deepEqual(options, ['Kies…', 'In opvolging', 'Gesloten', 'Samengevoegd'], 'open → in follow-up, closed, merged');
  const log = page.locator('section', { has: page.getByRole('heading', { name: 'Besluitenlog' }) });
  assert.match(await log.textContent(), /Casus geopend/);
  assert.match(await log.textContent(), /Doorverwijzen naar de politie/);
  assert.match(await log.textContent(), /Beoordeling in het overleg: Vermoeden van mensenhandel/);
  const linked = page.locator('section', { has: page.getByRole('heading', { name: 'Gekoppelde meldingen' }) });
  await linked.getByText(SUMMARY).waitFor();

  // A merge without a target: the server refuses and its reason is shown at the field.
  await page.locator('#c-to').selectOption('merged');
  await page.getByRole('button', { name: 'Status wijzigen' }).click();
  await page.locator('#transition-errors').waitFor();
  assert.ok(await page.locator('#c-mergeInto-error').isVisible(), "the API's reason is beside the target field");
  await page.locator('#c-to').selectOption('in_followup');
  await page.getByLabel('Toelichting', { exact: true }).first().fill('Politie en NLA pakken het op.');
  await page.getByRole('button', { name: 'Status wijzigen' }).click();
  await page.getByText("De casus heeft nu status 'In opvolging'.").waitFor();
  await page.locator('#c-to option', { hasText: 'Monitoren' }).waitFor({ state: 'attached' }); // the case is loaded again
  await log.getByText(/Opvolging gestart/).waitFor();
  assert.deepEqual(await page.locator('#c-to option').allTextContents(), ['Kies…', 'Monitoren', 'Gesloten', 'Samengevoegd']);
  assert.match(await log.textContent(), /Opvolging gestart \(Open → In opvolging\)/);
  await screen('case-detail');

  // 8. An action with a due date that has passed; first an empty title is refused.
  await page.getByRole('link', { name: 'Actie toevoegen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Nieuwe actie' }).waitFor();
  assert.equal(await page.getByLabel(/^Eigenaar/).inputValue(), 'kr.zvhg', 'the owner starts as the signed-in user');
  await page.getByLabel(/^Eigenaar/).fill('zc.zvhg');
  await page.locator('#a-organisation').selectOption('zvhg');
  await page.getByLabel(/^Deadline/).fill(dutchDay(-2));
  await page.getByRole('button', { name: 'Actie vastleggen' }).click();
  await page.locator('#action-errors').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'action-errors');
  assert.ok(await page.locator('#a-title-error').isVisible());
  assert.equal(await page.getByLabel(/^Eigenaar/).inputValue(), 'zc.zvhg', 'input is kept');
  await screen('action-new-error');
  actionTitle = 'Huisbezoek bij de loods (E2E)';
  await page.getByLabel(/^Actie/).fill(actionTitle);
  await page.getByRole('button', { name: 'Actie vastleggen' }).click();
  await page.getByRole('heading', { level: 1, name: new RegExp(`^Casus #${caseId}:`) }).waitFor();
  const actions = page.locator('section', { has: page.getByRole('heading', { name: 'Acties', exact: true }) });
  await actions.getByRole('link', { name: actionTitle }).waitFor();
  assert.match(await actions.textContent(), /Verlopen: 2 dagen over tijd/);

  // 9. The worklist of overdue actions.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Acties' }).click();
  await page.getByRole('heading', { level: 1, name: 'Acties' }).waitFor();
  await page.getByLabel('Alleen verlopen acties').check();
  await page.getByRole('heading', { level: 1, name: 'Verlopen acties' }).waitFor();
  await page.waitForURL(/verlopen=1/);
  const row = page.getByRole('row', { name: new RegExp(actionTitle.replace(/[()]/g, '\\$&')) });
  await row.waitFor();
  assert.equal(await row.locator('[data-due-state]').getAttribute('data-due-state'), 'overdue');
  assert.match(await row.getAttribute('class'), /row-overdue/);
  await screen('actions-overdue');

  // 10. The next Drieluik, two weeks later: the action is on its agenda as overdue.
  await page.goto(`${server.base}/overleggen`);
  await page.locator('#m-scheduledAt').fill(`${dutchDay(15)}T10:00`);
  await page.getByRole('button', { name: 'Overleg plannen' }).click();
  await page.waitForURL((u) => /\/overleggen\/\d+$/.test(u.pathname) && !u.pathname.endsWith(`/${meetingId}`));
  await page.getByRole('link', { name: /^Naar de agenda/ }).click();
  await page.getByRole('button', { name: 'Agenda opbouwen' }).click();
  const overdue = page.locator('li.agenda-item--overdue_action', { hasText: actionTitle });
  await overdue.waitFor();
  assert.match(await overdue.textContent(), /Verlopen actie/);
  assert.match(await overdue.textContent(), new RegExp(`Casus #${caseId}`));
  assert.equal(await page.locator('li.agenda-item', { hasText: SUMMARY }).count(), 0, 'the assessed signal is not carried over');
  await screen('agenda-next-overdue');
});

test('signal detail: the assessment outcome and the cases of the signal, where the API gives them', async () => {
  assert.ok(caseId, 'needs the whole-meeting test');
  await signIn('kr.zvhg');
  await page.goto(`${server.base}/meldingen/${signalId}`);
  const feedback = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Beoordeling in het Drieluik' }) });
  await feedback.getByText(/vermoeden van mensenhandel/i).waitFor();
  const cases = page.locator('section', { has: page.getByRole('heading', { level: 2, name: 'Casussen' }) });
  await cases.getByRole('link', { name: new RegExp(`^Casus #${caseId}:`) }).waitFor();
  await screen('signal-detail-drieluik');

  // The aandachtsfunctionaris of the municipality sees the outcome, not the case.
  await signIn('af.westerwolde');
  await page.goto(`${server.base}/meldingen/${signalId}`);
  await page.getByRole('heading', { level: 2, name: 'Beoordeling in het Drieluik' }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Geschiedenis' }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 2, name: 'Casussen' }).count(), 0);
});

test('meetings: the chair plans a TVO series; the list shows it', async () => {
  await signIn('kr.zvhg');
  await page.goto(`${server.base}/overleggen`);
  await page.locator('#p-type').selectOption('tvo');
  await page.locator('#p-count').fill('0');
  await page.getByRole('button', { name: 'Reeks plannen' }).click();
  await page.locator('#plan-errors').waitFor();
  assert.ok(await page.locator('#p-count-error').isVisible(), 'the count error is at its field');
  assert.equal(await page.locator('#meeting-errors').count(), 0, 'the other form keeps no summary');
  await page.locator('#p-count').fill('2');
  await page.getByRole('button', { name: 'Reeks plannen' }).click();
  await page.getByText('2 overleg(gen) gepland.').waitFor();
  await page.getByRole('cell', { name: 'Tactisch Veiligheidsoverleg (TVO)' }).nth(1).waitFor(); // the list is loaded again
  assert.equal(await page.getByRole('cell', { name: 'Tactisch Veiligheidsoverleg (TVO)' }).count(), 2);
  await screen('meetings');
});

test('agenda: adding an item the agenda already has is refused at the field', async () => {
  assert.ok(meetingId, 'needs the whole-meeting test');
  await signIn('kr.zvhg');
  await page.goto(`${server.base}/overleggen/${meetingId}/agenda`);
  await page.getByRole('heading', { level: 2, name: 'Punt toevoegen' }).waitFor();
  await page.locator('#ai-signalId').selectOption(String(signalId));
  await page.getByRole('button', { name: 'Punt toevoegen' }).click();
  await page.locator('#add-item-errors').waitFor();
  assert.ok(await page.locator('#ai-signalId-error').isVisible());
  await page.locator('#add-item-errors').getByRole('link').first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'ai-signalId');
  // A case is added at the end.
  await page.locator('#ai-signalId').selectOption('');
  await page.locator('#ai-caseId').selectOption(String(caseId));
  await page.getByRole('button', { name: 'Punt toevoegen' }).click();
  await page.getByText('Het punt is onderaan de agenda toegevoegd.').waitFor();
  assert.match(await page.locator('li.agenda-item').last().textContent(), /Toegevoegd door de voorzitter/);
  await screen('agenda-add');
});

test('agenda for the police: restricted items, no chair buttons', async () => {
  assert.ok(meetingId, 'needs the whole-meeting test');
  await signIn('politie.tmm');
  await page.goto(`${server.base}/overleggen/${meetingId}/agenda`);
  await page.getByRole('heading', { level: 1, name: /^Agenda: / }).waitFor();
  await page.locator('li.agenda-item').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'Agenda opbouwen' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: /^Omhoog/ }).count(), 0);
  // Signals not referred to the police are restricted (only that they are on the agenda).
  assert.ok((await page.getByText('Punt buiten uw toegang').count()) > 0, 'unreferred signals are restricted');
  await screen('agenda-police');
});

test('cases list and an action edited by its owner', async () => {
  assert.ok(caseId && actionTitle, 'needs the whole-meeting test');
  await signIn('zc.zvhg');
  await page.goto(`${server.base}/casussen`);
  await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor();
  await page.getByRole('link', { name: `Casus #${caseId}` }).waitFor();
  await page.locator('#cases-status').selectOption('closed');
  await page.getByText('Er zijn geen casussen met deze status.').waitFor();
  await page.locator('#cases-status').selectOption('in_followup');
  await page.getByRole('link', { name: `Casus #${caseId}` }).waitFor();
  await screen('cases');

  await page.goto(`${server.base}/acties`);
  await page.getByRole('link', { name: actionTitle }).click();
  await page.getByRole('heading', { level: 1, name: 'Actie wijzigen' }).waitFor();
  await page.locator('#a-status').selectOption('done');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('De actie is opgeslagen.').waitFor();
  await screen('action-edit');
  const overdue = await page.evaluate(async () => (await (await fetch('/api/v1/actions?overdue=true')).json()).items.length);
  assert.equal(overdue, 0, 'done: no longer overdue');
});

test('accessibility: no serious or critical axe-core violations on any Drieluik screen', () => {
  assert.deepEqual(violations, []);
});
