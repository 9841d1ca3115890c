// Measurements in the browser (issue 10): a coach records a 0-meting and an eindmeting of the ZRM
// for a parent through the form (one domain at a time, by mouse and by keyboard, with "save and
// continue later" in between), then sees the radar chart with both moments, its table with the
// scores and the heat map; the child gets the child version by age. The team lead sees the
// programme's results, with "te weinig om te tonen" for groups under 5, and the export links.
// Then the programme's measurement settings (the admin sets the 12-16 choice, and the form offers
// that version), loaded cell texts shown under the levels (placeholder test data, never the
// licensed ZRM texts), and a coach correcting a saved measurement.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, heading, launch, login, newPage, unique, fillDate } from './harness.mjs';

let browser;
let familyName;
let familyPath;
let programmeName;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** "dd-mm-yyyy" for a day `days` before today in Amsterdam. */
function daysAgo(days) {
  const parts = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date(Date.now() - days * 86400e3));
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('day')}-${get('month')}-${get('year')}`;
}

/** Fills the first step of the form; the person by name (the option also shows the birth date). */
async function about(page, { person, instrument, moment, date, by }) {
  await page.getByRole('heading', { level: 2, name: /Meting invullen/ }).waitFor();
  const select = page.getByLabel('Voor wie is de meting?');
  await select.selectOption(await select.locator('option', { hasText: person }).getAttribute('value'));
  if (instrument) await page.getByLabel('Welke lijst?').selectOption(instrument);
  await page.getByLabel('Welk moment?').selectOption(moment);
  await fillDate(page, 'Datum van de meting', date);
  await page.getByLabel('Wie vulde het in?').selectOption(by);
  await page.getByRole('button', { name: /^Volgende/ }).click();
}

/** Answers domain `n` of 13 with `level` (by clicking the large choice), then goes on. */
async function answer(page, n, level) {
  await page.getByText(`Domein ${n} van 13`, { exact: true }).waitFor();
  await page.getByRole('radio', { name: new RegExp(`^${level} `) }).check();
  await page.getByRole('button', { name: n === 13 ? /^Naar controleren/ : /^Volgende/ }).click();
}

test('a coach records a 0-meting and an eindmeting and sees them in the radar chart', async () => {
  familyName = unique('Familie Meting');
  programmeName = unique('Programma Meten');

  // A programme of its own, so the results page has fewer than 5 people in it.
  const admin = await newPage(browser);
  await login(admin, 'admin');
  await heading(admin, 'Gebruikers');
  const created = await admin.evaluate(async (name) => {
    const me = await (await fetch('/api/v1/me')).json();
    const r = await fetch('/api/v1/programmes', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: JSON.stringify({ name }) });
    return r.status;
  }, programmeName);
  assert.equal(created, 201, 'the admin created a programme');
  await admin.context().close();

  // The team lead refers a family (a mother and a child of 9) in that programme, for coach1.
  const lead = await newPage(browser);
  await login(lead, 'teamlead');
  await heading(lead, 'Gezinnen');
  await lead.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gezin aanmelden', exact: true }).click();
  await heading(lead, 'Gezin aanmelden');
  await lead.getByLabel('Naam van het gezin').fill(familyName);
  await lead.getByLabel('Programma', { exact: true }).selectOption({ label: programmeName });
  await lead.getByLabel('Naam van de organisatie of persoon').fill('Woonstichting De Volmacht');
  await lead.getByLabel('Soort aanmelder').selectOption('woningcorporatie');
  await lead.getByLabel('Reden van aanmelding').fill('Moeder wil graag zien wat er verandert.');
  await lead.getByLabel('Telefoon').fill('0612345678');
  await lead.getByRole('button', { name: 'Nog een gezinslid' }).click();
  await lead.getByRole('button', { name: 'Nog een gezinslid' }).click();
  await lead.locator('[id$="-given"]').nth(0).fill('Marja');
  await fillDate(lead, lead.locator('fieldset[id$="-birth"]').nth(0), '14-03-1985');
  await lead.locator('[id^="ref-m"][id$="-role"]').nth(0).selectOption('parent');
  const childBirth = daysAgo(9 * 365 + 40);
  await lead.locator('[id$="-given"]').nth(1).fill('Sanne');
  await fillDate(lead, lead.locator('fieldset[id$="-birth"]').nth(1), childBirth);
  await lead.locator('[id^="ref-m"][id$="-role"]').nth(1).selectOption('child');
  await lead.getByRole('button', { name: 'Aanmelding opslaan' }).click();
  await heading(lead, familyName);
  await lead.getByRole('link', { name: 'Wachtlijst', exact: true }).click();
  const row = lead.locator('tr', { hasText: familyName });
  await row.getByRole('button', { name: `Coach toewijzen voor ${familyName}` }).click();
  await row.getByLabel('Coach', { exact: true }).selectOption({ label: 'Esther Wolters' });
  await row.getByRole('button', { name: 'Coach toewijzen' }).click();
  await lead.getByText(`Esther Wolters is nu de coach van ${familyName}.`).waitFor();
  await lead.context().close();

  // A tablet at the kitchen table.
  const page = await newPage(browser, { width: 820, height: 1180 });
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  await page.getByRole('heading', { name: 'Metingen om te doen' }).waitFor();
  await page.getByLabel('Zoek op naam').fill(familyName);
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.getByRole('link', { name: familyName }).click();
  await heading(page, familyName);
  familyPath = new URL(page.url()).pathname.match(/^\/gezinnen\/[^/]+/)[0];
  await page.getByRole('link', { name: 'Metingen', exact: true }).click();
  assert.match(page.url(), /\/metingen$/);
  await page.getByText('Nog geen metingen. Begin met de 0-meting.').waitFor();
  await checkA11y(page, 'measurements, empty');

  // The child gets the child version by age, and the screen says why.
  await page.getByRole('button', { name: '0-meting invullen' }).click();
  const personSelect = page.getByLabel('Voor wie is de meting?');
  const sanne = await personSelect.locator('option', { hasText: 'Sanne' }).getAttribute('value');
  await personSelect.selectOption(sanne);
  await page.getByText(/Sanne is 9 jaar\. Voor kinderen van 8 tot 12 jaar is er de kindversie\./).waitFor();
  const chosen = await page.getByLabel('Welke lijst?').inputValue();
  assert.match(chosen, /^positieve_gezondheid_kind@/, `the child version is preselected: ${chosen}`);
  await checkA11y(page, 'measurement form, first step');
  await page.getByRole('button', { name: 'Stoppen zonder bewaren' }).click();

  // The 0-meting of Marja: a few domains, then "save and continue later".
  await page.getByRole('button', { name: '0-meting invullen' }).click();
  await about(page, { person: 'Marja', instrument: 'zrm@2017', moment: 'nulmeting', date: daysAgo(120), by: 'together' });

  await page.getByText('Domein 1 van 13', { exact: true }).waitFor();
  // The level names are the choices; the progress bar says where we are.
  for (const name of ['1 acute problematiek', '2 niet zelfredzaam', '3 beperkt zelfredzaam', '4 voldoende zelfredzaam', '5 volledig zelfredzaam']) {
    await page.getByRole('radio', { name }).waitFor();
  }
  assert.equal(await page.locator('progress').getAttribute('value'), '1');
  await checkA11y(page, 'measurement form, a domain');
  await answer(page, 1, 2);

  // Domain 2 by keyboard only: the heading has focus; Tab to the choices, arrows, Enter goes on.
  await page.getByText('Domein 2 van 13', { exact: true }).waitFor();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.getByRole('radio', { name: /^3 / }).isChecked(), true, 'the arrow keys choose a level');
  await page.keyboard.press('Enter');
  await page.getByText('Domein 3 van 13', { exact: true }).waitFor();

  await page.getByRole('button', { name: 'Bewaren en later verder' }).click();
  await page.getByText('Bewaard op dit apparaat. U kunt later verder met de meting van Marja.').waitFor();
  await page.getByText(/^Concept voor Marja, bewaard/).waitFor();
  await page.getByRole('button', { name: 'Verder invullen' }).click();
  await page.getByText('Domein 3 van 13', { exact: true }).waitFor();
  for (let n = 3; n <= 13; n++) await answer(page, n, 2);

  // The check: every domain with its answer, each one press from changing it.
  await page.getByRole('heading', { level: 2, name: /Controleren en opslaan/ }).waitFor();
  const review = (await page.locator('.k-meas-review').textContent()).replace(/\s+/g, ' ');
  assert.match(review, /Financiën\s*2 niet zelfredzaam/);
  assert.match(review, /Werk & opleiding\s*3 beperkt zelfredzaam/);
  await checkA11y(page, 'measurement form, check');
  await page.getByRole('button', { name: 'Meting opslaan' }).click();
  await page.getByText('De 0-meting van Marja is opgeslagen.').waitFor();
  assert.equal(await page.getByText(/^Concept voor Marja/).count(), 0, 'the draft is gone after saving');

  // The eindmeting, today.
  await page.getByRole('button', { name: 'Nieuwe meting' }).click();
  await about(page, { person: 'Marja', instrument: 'zrm@2017', moment: 'eindmeting', date: daysAgo(0), by: 'coach' });
  for (let n = 1; n <= 13; n++) await answer(page, n, 4);
  await page.getByRole('button', { name: 'Meting opslaan' }).click();
  await page.getByText('De eindmeting van Marja is opgeslagen.').waitFor();

  // The radar chart of Marja: a canvas with its table, holding the scores of both moments.
  const figure = page.locator('figure', { has: page.getByRole('heading', { name: /van Marja, alle momenten over elkaar/ }) });
  await figure.locator('canvas').waitFor();
  assert.match(await figure.locator('canvas').getAttribute('aria-label'), /Spinnenweb .* van Marja/);
  const table = figure.locator('table');
  assert.equal(await table.count(), 1, 'the table is in the page (for screen readers) while the chart shows');
  const financien = (await table.locator('tr', { has: page.getByRole('rowheader', { name: 'Financiën' }) }).textContent()).replace(/\s+/g, ' ');
  assert.match(financien, /2 niet zelfredzaam.*4 voldoende zelfredzaam/, `the table holds both moments: ${financien}`);
  const headers = await table.locator('thead th').allTextContents();
  assert.ok(headers.some((h) => h.startsWith('0-meting')) && headers.some((h) => h.startsWith('Eindmeting')), `both moments are columns: ${headers}`);
  await figure.getByRole('button', { name: 'Toon als tabel' }).click();
  await table.waitFor({ state: 'visible' });
  assert.equal(await figure.locator('canvas').count(), 0, 'the table replaces the chart on request');
  await figure.getByRole('button', { name: 'Toon als grafiek' }).click();
  await figure.locator('canvas').waitFor();

  // The heat map: level colour, number and name in every cell.
  const heat = page.locator('.k-heatmap__table');
  const cell = heat.locator('tr', { has: page.getByRole('rowheader', { name: 'Huisvesting' }) }).locator('td').last();
  assert.match(await cell.getAttribute('class'), /k-level--4/);
  assert.equal((await cell.textContent()).trim(), '4 voldoende zelfredzaam');
  // The family at a glance names everyone measured.
  const glance = page.locator('section[aria-labelledby="meas-glance"]');
  assert.match((await glance.locator('table').textContent()).replace(/\s+/g, ' '), /Marja \(Eindmeting/);
  await checkA11y(page, 'measurements with charts');

  // Print shows the tables, not the buttons.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await figure.locator('table').isVisible(), true, 'the table prints');
  assert.equal(await page.getByRole('button', { name: 'Afdrukken' }).isVisible(), false, 'no buttons on paper');
  await page.emulateMedia({ media: 'screen' });
  await page.context().close();
});

test('the team lead sees the programme results, suppressed under 5, with exports', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  await page.getByRole('link', { name: 'Resultaten', exact: true }).click();
  await heading(page, 'Resultaten van een programma');
  await page.getByLabel('Programma', { exact: true }).selectOption({ label: programmeName });
  await page.getByLabel('Lijst', { exact: true }).selectOption('zrm@2017');
  await page.getByLabel('Van moment', { exact: true }).selectOption('nulmeting');
  await page.getByLabel('Tot moment', { exact: true }).selectOption('eindmeting');
  await page.getByRole('button', { name: 'Toon resultaten' }).click();
  const table = page.locator('table.k-outcomes__table');
  await table.waitFor({ state: 'attached' });
  const rows = await table.locator('tbody tr').allTextContents();
  assert.equal(rows.length, 13, 'one row per ZRM domain');
  for (const r of rows) assert.match(r, /te weinig (mensen )?om te tonen/i, `one person is too few to show: ${r}`);
  await page.getByText('Bij minder dan 5 mensen tonen we geen cijfers.').waitFor();
  const csv = page.getByRole('link', { name: 'Download als CSV' });
  assert.match(await csv.getAttribute('href'), /\/api\/v1\/programmes\/[^/]+\/measurements\/export\?instrument=zrm&version=2017&format=csv/);
  await page.getByRole('link', { name: 'Download als Excel (XLSX)' }).waitFor();
  await checkA11y(page, 'programme results');
  // The team lead also sets the programme's measurement moments here.
  await page.getByRole('button', { name: `Meetmomenten van ${programmeName}` }).click();
  await page.getByRole('heading', { name: `Meetmomenten van ${programmeName}` }).waitFor();
  assert.equal(await page.getByLabel('Tussenmeting elke zoveel maanden').inputValue(), '6', 'the default until changed');
  await checkA11y(page, 'measurement settings on the results page');
  await page.getByRole('button', { name: 'Annuleren' }).click();
  await page.context().close();
});

/** fetch() in the page with the session's CSRF token; returns [status, body]. */
async function call(page, method, path, body, headers = {}) {
  return page.evaluate(
    async ([method, path, body, headers]) => {
      const me = await (await fetch('/api/v1/me')).json();
      const r = await fetch(path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token, ...headers }, body: body ? JSON.stringify(body) : undefined });
      return [r.status, await r.json().catch(() => null)];
    },
    [method, path, body, headers],
  );
}

/** Opens the form for `person` and returns the advice under "Welke lijst?" and the preselected list. */
async function offered(page, person, expect) {
  await page.getByRole('button', { name: 'Nieuwe meting' }).click();
  const select = page.getByLabel('Voor wie is de meting?');
  await select.selectOption(await select.locator('option', { hasText: person }).getAttribute('value'));
  const list = page.getByLabel('Welke lijst?');
  const hint = page.locator(`#${await list.getAttribute('id')}-description`);
  // The programme's settings load beside the form: wait for the advice they lead to.
  await hint.filter({ hasText: expect }).waitFor();
  const description = await hint.textContent();
  // The preselection follows the advice in the next render.
  await page.waitForFunction((id) => document.getElementById(id)?.value !== '', await list.getAttribute('id'), { timeout: 3000 }).catch(() => {});
  const value = await list.inputValue();
  await page.getByRole('button', { name: 'Stoppen zonder bewaren' }).click();
  return { description, value };
}

test('settings, cell texts and a correction: the 12-16 choice changes the offered list, texts under the levels', async () => {
  assert.ok(familyPath, 'the first test made the family');
  const familyId = familyPath.split('/').pop();
  const coach = await newPage(browser, { width: 820, height: 1180 });
  await login(coach, 'coach1');
  await heading(coach, 'Mijn gezinnen');
  // A youth of 13 joins the household.
  const [added] = await call(coach, 'POST', `/api/v1/families/${familyId}/members`,
    { given_name: 'Tim', birth_date: `${new Date().getUTCFullYear() - 13}-01-15`, sex: 'male', household_role: 'child' });
  assert.equal(added, 201);
  await coach.goto(`${familyPath}/metingen`);
  await heading(coach, familyName);
  let o = await offered(coach, 'Tim', /nog niet gekozen/);
  assert.match(o.description, /Uw programma heeft nog niet gekozen: kies zelf\./);
  assert.equal(o.value, '', 'nothing preselected without a choice');

  // The admin: placeholder cell texts for the first ZRM domain, then the programme's moments.
  const admin = await newPage(browser);
  await login(admin, 'admin');
  await heading(admin, 'Gebruikers');
  const cells = { financien: Object.fromEntries([1, 2, 3, 4, 5].map((l) => [l, { nl: `TESTTEKST financien ${l} (testgegevens, geen ZRM-tekst)` }])) };
  const [loaded] = await call(admin, 'POST', '/api/v1/instrument-cells', { instrument_id: 'zrm', instrument_version: '2017', cells });
  assert.equal(loaded, 200);
  await admin.getByRole('link', { name: "Programma's", exact: true }).click();
  await admin.getByRole('button', { name: `Meetmomenten van ${programmeName}` }).click();
  await admin.getByRole('heading', { name: `Meetmomenten van ${programmeName}` }).waitFor();
  await admin.getByText('3, 6, 12 maanden na de afsluiting. Dit is de standaard.', { exact: false }).waitFor();
  await admin.getByLabel('Tussenmeting elke zoveel maanden').fill('0');
  await admin.getByRole('button', { name: 'Meetmomenten opslaan' }).click();
  await admin.getByText('Kies een aantal maanden van 1 tot en met 24.').waitFor();
  await checkA11y(admin, 'measurement settings with an error');
  await admin.getByLabel('Tussenmeting elke zoveel maanden').fill('3');
  await admin.getByLabel('Lijst voor jongeren van 12 tot 16 jaar').selectOption('adult');
  await admin.getByRole('button', { name: 'Meetmomenten opslaan' }).click();
  await admin.getByText('De meetmomenten zijn opgeslagen.').waitFor();
  await admin.context().close();

  // The form now offers the adult version to Tim, and says the programme chose it.
  await coach.reload();
  await heading(coach, familyName);
  o = await offered(coach, 'Tim', /welke versie u gebruikt/);
  assert.match(o.description, /Tim is 13 jaar\. Voor jongeren van 12 tot 16 jaar kiest het programma welke versie u gebruikt: Positieve Gezondheid/);
  assert.match(o.value, /^positieve_gezondheid@/, `the programme's choice is preselected: ${o.value}`);

  // Correct Marja's 0-meting: open it at the check, change Financiën, where the loaded texts show.
  await coach.getByRole('button', { name: /^Marja: 0-meting van .* corrigeren$/ }).click();
  await coach.getByRole('heading', { level: 2, name: /Meting corrigeren: .*Marja/ }).waitFor();
  assert.match((await coach.locator('.k-meas-review').textContent()).replace(/\s+/g, ' '), /Financiën\s*2 niet zelfredzaam/, 'prefilled');
  await coach.getByRole('button', { name: 'Wijzig Financiën' }).click();
  await coach.getByText('TESTTEKST financien 3 (testgegevens, geen ZRM-tekst)').waitFor();
  assert.equal(await coach.locator('.k-choice__cell').count(), 5, 'a text under each level');
  await checkA11y(coach, 'measurement form with cell texts');
  await coach.getByRole('radio', { name: /^3 / }).check();
  await coach.getByRole('button', { name: /^Naar controleren/ }).click();
  await coach.getByRole('button', { name: 'Wijzig Huisvesting' }).click();
  await coach.getByRole('radio', { name: /^2 / }).waitFor();
  assert.equal(await coach.locator('.k-choice__cell').count(), 0, 'no texts loaded for this domain: none shown');
  await coach.getByRole('button', { name: /^Naar controleren/ }).click();
  assert.equal(await coach.getByRole('button', { name: 'Bewaren en later verder' }).count(), 0, 'a correction is not a draft');
  await coach.getByRole('button', { name: 'Correctie opslaan' }).click();
  await coach.getByText('De 0-meting van Marja is verbeterd.').waitFor();
  const figure = coach.locator('figure', { has: coach.getByRole('heading', { name: /van Marja, alle momenten over elkaar/ }) });
  const financien = figure.locator('table tr', { has: coach.getByRole('rowheader', { name: 'Financiën' }) });
  // The charts load again after the save: wait for the corrected figures.
  await financien.filter({ hasText: '3 beperkt zelfredzaam' }).waitFor();
  const row = (await financien.textContent()).replace(/\s+/g, ' ');
  assert.match(row, /3 beperkt zelfredzaam.*4 voldoende zelfredzaam/, `the corrected 0-meting is in the table: ${row}`);
  await checkA11y(coach, 'measurements after a correction');
  await coach.context().close();
});
