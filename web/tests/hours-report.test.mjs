// The team lead's hours report (issue 11): per programme, each family's hours against the
// programme's weekly target, the families furthest below it first, each coach's hours per week
// as a chart with the same numbers as a table, and downloads as CSV (families or coaches) and
// Excel. A contact the team lead logs shows up in the report; a coach has no such page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, heading, launch, login, newPage, settle } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const nlHours = (minutes) => new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 1 }).format(minutes / 60);

test('hours report: families below the target first, a logged contact counts, coaches as chart and table, downloads', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  const call = await apiAs(page);
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Uren', exact: true }).click();
  await heading(page, 'Uren met de gezinnen');
  await page.getByTestId('hours-summary').waitFor();
  const pid = await page.locator('#hours-programme').inputValue();
  let report = (await call('GET', `/programmes/${pid}/contact-hours?weeks=4`)).body;
  assert.ok(report.families.length > 0, 'the demo programme has running families');
  await page.getByTestId('hours-summary').getByText(`Streven: ${nlHours(report.target_minutes_per_week)} uur per gezin per week.`).waitFor();

  // The team lead logs a long kitchen-table talk with one family; the report counts it.
  const family = report.families[report.families.length - 1];
  const started = new Date(Date.now() - 2 * 3600_000).toISOString();
  const logged = await call('POST', `/families/${family.family_id}/contacts`, { started_at: started, duration_minutes: 600, kind: 'kitchen_table' });
  assert.equal(logged.status, 201, JSON.stringify(logged.body));
  await page.reload();
  await heading(page, 'Uren met de gezinnen');
  await page.getByTestId('hours-summary').waitFor();
  report = (await call('GET', `/programmes/${pid}/contact-hours?weeks=4`)).body;
  const after = report.families.find((f) => f.family_id === family.family_id);
  assert.equal(after.direct_minutes, family.direct_minutes + 600);

  // Furthest below the target first: the shares on the first page never go down.
  const table = page.getByTestId('hours-families');
  const rows = table.locator('tbody tr');
  const shares = (await rows.locator('td:last-child').allInnerTexts()).map((s) => Number.parseInt(s, 10)).filter((n) => !Number.isNaN(n));
  assert.ok(shares.length > 0);
  for (let i = 1; i < shares.length; i++) assert.ok(shares[i - 1] <= shares[i], `sorted by share: ${shares.join(', ')}`);
  // A family below the target says so in words, not only a number.
  if (shares[0] < 100) await rows.first().getByText('Minder dan het streven').waitFor();
  // The family with the new contact: find it on whichever page it is, with the new hours.
  const link = table.locator(`a[href="/gezinnen/${after.family_id}/contacten"]`);
  for (let i = 0; i < 50 && !(await link.count()); i++) await page.getByRole('button', { name: 'Volgende pagina' }).click();
  const row = link.locator('xpath=ancestor::tr');
  const cells = await row.locator('td').allInnerTexts();
  assert.equal(cells[1], nlHours(after.direct_minutes));
  assert.equal(cells[3], nlHours(after.direct_minutes + after.indirect_minutes));
  assert.equal(cells[4], nlHours(after.target_minutes));

  // The coaches' chart has its numbers as a table too.
  const figure = page.getByRole('figure', { name: 'Uren per week per coach' });
  await figure.locator('canvas').waitFor();
  await figure.getByRole('button', { name: 'Toon als tabel' }).click();
  const coachRows = page.getByTestId('hours-coaches').locator('tbody tr');
  assert.equal(await coachRows.count(), report.coaches.length);

  // Downloads: the coaches' CSV has its own header; the workbook is a zip.
  const csvHref = await page.getByRole('link', { name: 'Coaches als CSV' }).getAttribute('href');
  const csv = await page.request.get(csvHref);
  assert.equal(csv.status(), 200);
  assert.equal((await csv.text()).split('\r\n')[0], '"coach_id","coach","families","direct_minutes","indirect_minutes","target_minutes"');
  const xlsx = await page.request.get(await page.getByRole('link', { name: 'Alles als Excel' }).getAttribute('href'));
  assert.equal((await xlsx.body()).subarray(0, 2).toString('latin1'), 'PK');

  // A longer period starts earlier.
  const before = await page.getByTestId('hours-summary').innerText();
  await page.locator('#hours-weeks').selectOption('13');
  await settle(page);
  await page.getByTestId('hours-summary').waitFor();
  assert.notEqual(await page.getByTestId('hours-summary').innerText(), before);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('hours report: not for a coach, by menu or by address', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  const items = await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link').allInnerTexts();
  assert.ok(!items.map((s) => s.trim()).includes('Uren'), items.join(', '));
  await page.goto('/uren');
  await heading(page, 'Geen toegang');
  await page.context().close();
});
