// The team lead's budget (issue 11): the programme pot is set and changed on the Budget page
// (euros in, integer cents out, the catalogue's words for bad input), the report shows where the
// money went and downloads as CSV with the same rows; on a family's budget tab the team lead
// approves above what is left only with a reason, after a dialog that says how far it goes over.
// Axe on the new page at 1280 and 768 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiAs, checkA11y, heading, launch, login, newPage, settle, unique } from './harness.mjs';

const OUT = join(process.cwd(), 'test-results');
mkdirSync(OUT, { recursive: true });

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric' }).format(new Date()));

/**
 * A family of coach1 with exactly `cents` left, never `avoid` (the caseload's first row, which
 * the kitchen-table journey uses). Families without a budget come first and get one of that
 * size; otherwise one that has more left spends the difference first (approved by the family,
 * the coach and, above the threshold, the team lead). Returns the family's detail. Works
 * whatever budget the demo gave each family.
 */
async function familyWithExactly(coachCall, leadCall, cents, avoid) {
  const list = (await coachCall('GET', '/families?limit=100')).body.items.filter((f) => f.id !== avoid);
  const budgets = new Map();
  for (const f of list) budgets.set(f.id, (await coachCall('GET', `/families/${f.id}/budget`)).body);
  const order = [...list.filter((f) => !budgets.get(f.id).allocation), ...list.filter((f) => budgets.get(f.id).allocation)];
  for (const f of order) {
    let budget = budgets.get(f.id);
    if (!budget.allocation) {
      const a = await coachCall('POST', `/families/${f.id}/budget/allocation`, { amount_cents: cents, period_start: `${thisYear}-01-01`, period_end: `${thisYear}-12-31` });
      if (a.status !== 201) continue;
      budget = (await coachCall('GET', `/families/${f.id}/budget`)).body;
    }
    if (budget.balance_cents < cents || budget.requests.some((r) => r.status === 'requested')) continue;
    const detail = (await coachCall('GET', `/families/${f.id}`)).body;
    if (!detail.members?.length) continue;
    const extra = budget.balance_cents - cents;
    if (extra > 0) {
      const r = await coachCall('POST', `/families/${f.id}/budget/requests`, { amount_cents: extra, category: budget.categories[0], supplier: 'Test', description: unique('Eerder besteed') });
      assert.equal(r.status, 201);
      const path = `/families/${f.id}/budget/requests/${r.body.id}/approvals`;
      if (r.body.needs.includes('team_lead')) assert.equal((await leadCall('POST', path, { as: 'team_lead' })).status, 200);
      assert.equal((await coachCall('POST', path, { as: 'family', member_id: detail.members[0].id, signature: detail.members[0].given_name })).status, 200);
      assert.equal((await coachCall('POST', path, { as: 'coach' })).status, 200);
    }
    assert.equal((await coachCall('GET', `/families/${f.id}/budget`)).body.balance_cents, cents);
    return detail;
  }
  assert.fail('a family of coach1 (not the first) to spend from');
}

/** The coach's and the team lead's API, each in their own browser context. */
async function coachAndLead() {
  const coach = await newPage(browser);
  await login(coach, 'coach1');
  const lead = await newPage(browser, { width: 1024, height: 1366 });
  await login(lead, 'teamlead');
  // The caseload's first row belongs to the kitchen-table journey.
  await coach.goto('/gezinnen');
  await coach.locator('table tbody tr a').first().waitFor();
  const avoid = (await coach.locator('table tbody tr a').first().getAttribute('href')).split('/').pop();
  return { coach, lead, avoid, coachCall: await apiAs(coach), leadCall: await apiAs(lead) };
}

function noSidewaysScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);
}

test('the team lead sets the pot, reads the report and downloads it as CSV', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  // The menu item comes from the capabilities (budget.report / budget.pot_manage).
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Budget', exact: true }).click();
  await heading(page, 'Budget van de programma’s');
  await settle(page);

  // Next year has no pot yet: an empty state and the form to set it.
  const programme = (await page.getByLabel('Programma', { exact: true }).locator('option').nth(1).textContent()).trim();
  await page.getByLabel('Programma', { exact: true }).selectOption({ label: programme });
  await page.getByLabel('Jaar', { exact: true }).selectOption(String(thisYear + 1));
  await settle(page);
  await page.getByText(`Er is nog geen budget voor ${thisYear + 1}.`, { exact: false }).waitFor();
  const form = page.getByRole('form', { name: `Budget instellen voor ${programme} in ${thisYear + 1}` });
  await form.waitFor();
  await checkA11y(page, 'Budget page, no pot yet');

  // Bad input first, with the catalogue's words; nothing is saved.
  const amount = form.getByLabel('Bedrag voor het hele jaar');
  await amount.fill('veel');
  await form.getByRole('button', { name: 'Budget opslaan' }).click();
  await page.locator('#pot-amount-error').getByText('Vul een bedrag in euro in, bijvoorbeeld 1250,00.', { exact: false }).waitFor();
  await amount.fill('0');
  await form.getByRole('button', { name: 'Budget opslaan' }).click();
  await page.locator('#pot-amount-error').getByText('Vul een bedrag groter dan nul in.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'pot-amount', 'focus goes to the field with the error');
  await checkA11y(page, 'pot form with errors');

  // By keyboard: type the amount and press Enter.
  await amount.fill('12.345,67');
  await form.getByText('Dat is € 12.345,67.').waitFor();
  await amount.press('Enter');
  await page.getByText(`Het budget is opgeslagen: € 12.345,67 voor ${thisYear + 1}.`).waitFor();
  await settle(page);
  assert.equal((await page.getByTestId('pot-left').textContent()).replace(/\u00a0/g, ' '), '€ 12.345,67');
  await page.getByText(`In ${thisYear + 1} is nog niets uitgegeven.`).first().waitFor();

  // Changing it: the form starts with what is there.
  await page.getByRole('button', { name: 'Budget veranderen' }).click();
  const change = page.getByRole('form', { name: `Budget veranderen voor ${programme} in ${thisYear + 1}` });
  assert.equal(await change.getByLabel('Bedrag voor het hele jaar').inputValue(), '12345,67');
  await change.getByLabel('Bedrag voor het hele jaar').fill('20000');
  await change.getByLabel('Teamleider keurt goed boven').fill('750');
  await change.getByRole('button', { name: 'Budget opslaan' }).click();
  await page.getByText(`Het budget is opgeslagen: € 20.000,00 voor ${thisYear + 1}.`).waitFor();
  await settle(page);
  assert.equal((await page.getByTestId('pot-amount').textContent()).replace(/\u00a0/g, ' '), '€ 20.000,00');
  await page.getByText('Boven € 750,00 keurt de teamleider ook goed.').waitFor();
  // The overview of all programmes shows the new pot too.
  await page.getByTestId('report-programmes').getByRole('row', { name: new RegExp(programme) }).getByText('€ 20.000,00').first().waitFor();

  // This year, the demo programme with spending: where the money went.
  await page.getByLabel('Programma', { exact: true }).selectOption({ index: 0 });
  await page.getByLabel('Jaar', { exact: true }).selectOption(String(thisYear));
  await settle(page);
  await page.getByRole('heading', { level: 2, name: 'Waar gaat het geld naartoe?' }).waitFor();
  await page.getByRole('img', { name: /Toegezegd bedrag per soort uitgave/ }).waitFor();
  const families = page.getByTestId('report-families');
  const pid = await page.getByLabel('Programma', { exact: true }).inputValue();
  const report = await (await page.request.get(`/api/v1/programmes/${pid}/budget-report?year=${thisYear}`)).json();
  const familyRows = report.by_family.length;
  assert.ok(familyRows > 0, 'the demo has spending per family');
  assert.equal(await families.locator('tbody tr').count(), Math.min(20, familyRows), 'the table shows the families, twenty at a time');
  const firstFamily = (await families.locator('tbody tr th').first().textContent()).trim();
  assert.ok((await page.getByTestId('report-goals').locator('tbody tr').count()) > 0, 'spending per goal');
  // The chart's figures are also a table (visually hidden until asked for).
  await page.getByRole('button', { name: 'Toon als tabel' }).click();
  await page.getByRole('table', { name: /Toegezegd en betaald per soort uitgave/ }).waitFor();
  await checkA11y(page, 'Budget page with the report (1280)');
  await page.screenshot({ path: join(OUT, 'budget-lead.png'), fullPage: true });
  await page.getByRole('button', { name: 'Toon als grafiek' }).click();

  // CSV: the same rows as on the screen.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download als CSV' }).click()]);
  assert.match(download.suggestedFilename(), /\.csv$/);
  const csv = await readFile(await download.path(), 'utf8');
  // Text cells may be quoted; the section is the first cell of every row.
  const lines = csv.trim().split(/\r?\n/).map((l) => l.replace(/"/g, ''));
  const section = (name) => lines.filter((l) => l.split(',')[0] === name);
  assert.equal(lines[0], 'section,key,label,committed_cents,paid_cents,count');
  assert.equal(section('family').length, familyRows, 'one CSV row per family in the report');
  assert.ok(section('family').some((l) => l.includes(firstFamily)), `${firstFamily} is in the CSV`);
  assert.ok(section('category').length > 0, 'rows per category');
  // XLSX: the documented shape of the same route.
  const xlsx = await page.getByRole('link', { name: 'Download als Excel (XLSX)' }).getAttribute('href');
  assert.match(xlsx, /\/budget-report\?year=\d{4}&format=xlsx$/);

  // A family in the report opens its budget tab.
  await families.getByRole('link', { name: firstFamily }).click();
  await page.getByRole('heading', { level: 2, name: 'Gezinsbudget' }).waitFor();
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the Budget page on a 768 px tablet', async () => {
  const page = await newPage(browser, { width: 768, height: 1024 });
  await login(page, 'teamlead');
  await page.goto('/budget');
  await heading(page, 'Budget van de programma’s');
  await settle(page);
  await page.getByTestId('pot-left').waitFor();
  await page.getByTestId('report-programmes').waitFor();
  await checkA11y(page, 'Budget page (768)');
  assert.ok(await noSidewaysScroll(page), 'no sideways scrolling of the Budget page at 768 px');
  await page.context().close();

  // In English too.
  const en = await newPage(browser, { width: 768, height: 1024, lang: 'en' });
  await login(en, 'teamlead');
  await en.goto('/budget');
  await heading(en, 'Programme budgets');
  await settle(en);
  await en.getByText('left to spend, of', { exact: false }).waitFor();
  await checkA11y(en, 'Budget page (768, en)');
  await en.context().close();
});

test('a coach does not see the Budget page', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  assert.equal(await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Budget', exact: true }).count(), 0);
  await page.goto('/budget');
  await page.getByRole('heading', { level: 1, name: 'Geen toegang' }).waitFor();
  await page.context().close();
});

test('above what is left, the team lead approves only with a reason', async () => {
  // Set-up through the API as the coach: a family of theirs gets a small budget (not the first
  // of the caseload, which the kitchen-table journey uses), and two requests that fit it.
  const { coach, lead, avoid, coachCall: call, leadCall } = await coachAndLead();
  const family = await familyWithExactly(call, leadCall, 10000, avoid);
  const member = family.members[0];
  const small = unique('Zwemles');
  const big = unique('Fiets');
  const a = await call('POST', `/families/${family.id}/budget/requests`, { amount_cents: 2000, category: 'sport en cultuur', supplier: 'Zwembad', description: small });
  const b = await call('POST', `/families/${family.id}/budget/requests`, { amount_cents: 10000, category: 'rijbewijs en vervoer', supplier: 'Fietsenmaker', description: big });
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  assert.equal((await call('POST', `/families/${family.id}/budget/requests/${a.body.id}/approvals`, { as: 'family', member_id: member.id, signature: member.given_name })).status, 200);
  assert.equal((await call('POST', `/families/${family.id}/budget/requests/${a.body.id}/approvals`, { as: 'coach' })).status, 200);
  // € 80 is left; the € 100 bicycle no longer fits. The family agrees; the coach's approval
  // would commit it, and is refused.
  assert.equal((await call('POST', `/families/${family.id}/budget/requests/${b.body.id}/approvals`, { as: 'family', member_id: member.id, signature: member.given_name })).status, 200);
  await coach.goto(`/gezinnen/${family.id}/budget`);
  await coach.getByRole('heading', { level: 2, name: 'Gezinsbudget' }).waitFor();
  await settle(coach);
  const coachCard = coach.locator('li.k-request', { hasText: big });
  assert.equal(await coachCard.getByRole('button', { name: 'Goedkeuren boven het budget' }).count(), 0, 'a coach cannot go over the budget');
  await coachCard.getByRole('button', { name: 'Goedkeuren als coach' }).click();
  await coachCard.getByText('Er is niet genoeg geld over in het gezinsbudget.').waitFor();
  await coachCard.getByText('De teamleider kan het toch goedkeuren, met een reden.', { exact: false }).waitFor();
  const refused = await call('GET', `/families/${family.id}/budget`);
  assert.equal(refused.body.requests.find((r) => r.id === b.body.id).status, 'requested', 'refused: nothing committed');

  await lead.goto(`/gezinnen/${family.id}/budget`);
  await lead.getByRole('heading', { level: 2, name: 'Gezinsbudget' }).waitFor();
  await settle(lead);
  const card = lead.locator('li.k-request', { hasText: big });
  await card.getByText('Dit is meer dan er nog is (€ 80,00).', { exact: false }).waitFor();
  assert.equal(await card.getByRole('button', { name: 'Goedkeuren als teamleider' }).count(), 0, 'no plain approval above what is left');
  await card.getByRole('button', { name: 'Goedkeuren boven het budget' }).click();
  const dialog = lead.getByRole('dialog', { name: 'Goedkeuren boven het budget?' });
  await dialog.waitFor();
  assert.equal((await dialog.getByTestId('override-consequence').textContent()).replace(/\u00a0/g, ' '), 'Hiermee gaat het budget € 20,00 over.');
  await dialog.getByText('Daarna wacht de aanvraag nog op: Coach.').waitFor();
  await checkA11y(lead, 'override dialog');
  await lead.screenshot({ path: join(OUT, 'budget-override-dialog.png') });

  // Without a reason: refused with the message, nothing sent.
  await dialog.getByRole('button', { name: 'Ja, goedkeuren boven het budget' }).click();
  await dialog.getByText('Schrijf op waarom het budget over mag gaan.').waitFor();
  assert.equal(await lead.evaluate(() => document.activeElement?.id), `override-${b.body.id}-reason`);
  await checkA11y(lead, 'override dialog with the error');
  let now = await call('GET', `/families/${family.id}/budget`);
  assert.deepEqual(now.body.requests.find((r) => r.id === b.body.id).approvals.map((x) => x.as), ['family'], 'nothing was sent without a reason');
  // Escape closes the dialog without approving; the button opens it again.
  await lead.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await card.getByRole('button', { name: 'Goedkeuren boven het budget' }).click();

  const reason = unique('Fiets nodig voor de nieuwe baan');
  await dialog.getByLabel('Waarom mag dit toch?').fill(reason);
  await dialog.getByRole('button', { name: 'Ja, goedkeuren boven het budget' }).click();
  await lead.getByText('Goedgekeurd boven het budget. De reden staat erbij.').waitFor();
  await card.getByText(`Toegestaan boven het budget: ${reason}`).waitFor();

  // Now the coach's approval commits it, with the reason in the ledger.
  const committed = await call('POST', `/families/${family.id}/budget/requests/${b.body.id}/approvals`, { as: 'coach' });
  assert.equal(committed.status, 200);
  assert.equal(committed.body.status, 'committed');
  now = await call('GET', `/families/${family.id}/budget`);
  assert.equal(now.body.balance_cents, -2000, 'the budget went € 20 over');
  assert.ok(now.body.ledger.some((e) => e.kind === 'commit' && e.note === reason), 'the reason is in the ledger');
  await lead.reload();
  await settle(lead);
  await card.getByText('Goedgekeurd', { exact: true }).waitFor();
  assert.deepEqual(lead.consoleErrors, []);
  await lead.context().close();
  await coach.context().close();
});

test('a long report is shown a page at a time', async () => {
  // 22 goals with a committed euro each: more than one page of goals in the report.
  const { coach, lead, avoid, coachCall: call, leadCall } = await coachAndLead();
  const family = await familyWithExactly(call, leadCall, 10000, avoid);
  const member = family.members[0];
  const titles = [];
  for (let i = 0; i < 22; i++) {
    const title = unique(`Doel ${String(i + 1).padStart(2, '0')}`);
    const plan = await call('POST', `/families/${family.id}/plan/items`, { type: 'goal', title, life_domain: 'zrm.financien', horizon: 'short' });
    assert.equal(plan.status, 201);
    const goal = plan.body.goals.find((g) => g.title === title);
    const r = await call('POST', `/families/${family.id}/budget/requests`, { amount_cents: 100, category: 'overig', goal_id: goal.id, supplier: 'Winkel', description: title });
    assert.equal(r.status, 201);
    assert.equal((await call('POST', `/families/${family.id}/budget/requests/${r.body.id}/approvals`, { as: 'family', member_id: member.id, signature: member.given_name })).status, 200);
    assert.equal((await call('POST', `/families/${family.id}/budget/requests/${r.body.id}/approvals`, { as: 'coach' })).status, 200);
    titles.push(title);
  }
  await coach.context().close();
  await lead.context().close();

  const page = await newPage(browser);
  await login(page, 'teamlead');
  await page.goto('/budget');
  await heading(page, 'Budget van de programma’s');
  await page.getByLabel('Programma', { exact: true }).selectOption({ label: family.programme_name });
  await settle(page);
  const goals = page.getByTestId('report-goals');
  await goals.waitFor();
  const pager = page.getByRole('navigation', { name: 'Pagina’s van Per doel' });
  const status = pager.getByText(/^Pagina 1 van \d+/);
  await status.waitFor();
  const total = Number(/\((\d+) regels\)/.exec(await status.textContent())[1]);
  assert.ok(total >= 22, `all goals are counted (${total})`);
  assert.equal(await goals.locator('tbody tr').count(), 20, 'twenty rows on a page');
  assert.equal(await pager.getByRole('button', { name: 'Vorige pagina' }).isDisabled(), true);
  const firstPage = await goals.locator('tbody th').allInnerTexts();
  await pager.getByRole('button', { name: 'Volgende pagina' }).click();
  await pager.getByText(/^Pagina 2 van /).waitFor();
  if (total <= 40) {
    // On the last page "next" is disabled; the keyboard stays in the pager, on "previous".
    await page.waitForFunction(() => document.activeElement?.textContent === 'Vorige pagina');
  }
  const secondPage = await goals.locator('tbody th').allInnerTexts();
  assert.equal(firstPage.length + secondPage.length, Math.min(total, 40));
  assert.ok(secondPage.every((t) => !firstPage.includes(t)), 'the second page shows other goals');
  for (const title of titles) assert.ok([...firstPage, ...secondPage].includes(title) || total > 40, `${title} is in the report`);
  await checkA11y(page, 'Budget page with a pager');
  await page.context().close();
});
