// At the kitchen table (issue 11), as the coach on a tablet: Vandaag → a talent and a dream →
// a goal → the printed plan → a spending request → the family signs on the tablet and the
// coach approves → paid with a receipt → the balance went down; then a contact is logged and
// the hours show as a chart and as a table. Axe on every new page on the way.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { checkA11y, heading, launch, login, newPage, settle, unique, fillDate, isoInDays } from './harness.mjs';

const OUT = join(process.cwd(), 'test-results');
mkdirSync(OUT, { recursive: true });

let browser;
// The family and request of the journey, for the team lead's part.
let familyHref;
let journeyRequest;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** "€ 1.234,56" → 123456 */
function cents(text) {
  const m = /(-?)\s*€\s*(-?)([\d.]+),(\d{2})/.exec(text.replace(/\u00a0/g, ' '));
  assert.ok(m, `an amount in ${text}`);
  return (m[1] || m[2] ? -1 : 1) * (Number(m[3].replace(/\./g, '')) * 100 + Number(m[4]));
}

test('dream → goal → spending request → family and coach approve → paid → balance; and a contact', async () => {
  const page = await newPage(browser, { width: 1024, height: 1366 });
  await login(page, 'coach1', { start: true });
  // A coach starts on Vandaag.
  await heading(page, 'Vandaag');
  await settle(page);
  await page.getByRole('heading', { level: 2, name: /Aanvragen die wachten/ }).waitFor();
  await checkA11y(page, 'Vandaag');
  await page.screenshot({ path: join(OUT, 'vandaag.png'), fullPage: true });

  // A family of this coach with members.
  await page.getByRole('link', { name: 'Mijn gezinnen', exact: true }).click();
  await heading(page, 'Mijn gezinnen');
  await page.locator('table tbody tr').first().waitFor();
  const href = await page.locator('table tbody tr a').first().getAttribute('href');
  familyHref = href;
  await page.goto(`${href}/kansplan`);
  await page.getByRole('heading', { level: 2, name: 'Kansplan' }).waitFor();
  await settle(page);
  await checkA11y(page, 'Kansplan (empty or demo)');

  // Strengths first: what the first person is good at, then their dream.
  const talent = unique('Kan goed koken voor het hele gezin');
  const dream = unique('Ooit een eigen eetcafé');
  await page.getByRole('button', { name: /^Iets toevoegen voor / }).first().click();
  await page.locator('textarea[id^="talent-"]').fill(talent);
  await page.locator('textarea[id^="dream-"]').fill(dream);
  await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await page.getByText(/^Opgeschreven voor /).waitFor();
  await page.getByText(talent).waitFor();

  // A goal with a domain, horizon, owner and target date.
  const goal = unique('Rijbewijs halen');
  await page.getByRole('button', { name: 'Doel toevoegen' }).click();
  await page.getByLabel('Wat wil je bereiken?').fill(goal);
  await page.getByLabel('Levensgebied').selectOption('zrm.werk_opleiding');
  await page.getByLabel('Wanneer', { exact: true }).selectOption('long');
  await page.locator('input[id^="goal-owner-"]').first().check();
  await fillDate(page, page.locator('#goal-target'), isoInDays(180));
  await page.getByRole('button', { name: 'Doel opslaan' }).click();
  await page.getByText('Het doel staat in het plan.').waitFor();
  await page.getByRole('heading', { level: 3, name: goal }).waitFor();
  await checkA11y(page, 'Kansplan with a goal');

  // The printed plan: strengths and dreams before the goals, in print CSS, as a picture.
  await page.getByRole('button', { name: 'Printversie' }).click();
  const sheet = page.getByTestId('plan-print');
  await sheet.waitFor();
  const text = await sheet.textContent();
  assert.ok(text.indexOf(talent) >= 0 && text.indexOf(talent) < text.indexOf(goal), 'talents come before goals on paper');
  assert.ok(text.indexOf(dream) < text.indexOf(goal), 'dreams come before goals on paper');
  await checkA11y(page, 'plan print view');
  await page.getByLabel('Taal van het papier').selectOption('en');
  await page.getByText('What we are good at and what we dream of').waitFor();
  await page.getByLabel('Taal van het papier').selectOption('nl');
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: join(OUT, 'kansplan-print-a4.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 1000, 'the plan prints to A4');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'Terug naar het plan' }).click();

  // Budget: a spending request for the goal.
  await page.getByRole('link', { name: 'Budget', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Gezinsbudget' }).waitFor();
  await settle(page);
  if (await page.getByRole('heading', { name: 'Budget toekennen' }).isVisible()) {
    await page.getByLabel('Bedrag', { exact: false }).first().fill('1500');
    await page.getByRole('button', { name: 'Budget toekennen' }).click();
    await page.getByText('Het budget is toegekend.').waitFor();
  }
  const balance = page.getByTestId('budget-balance');
  await balance.waitFor();
  const before = cents(await balance.textContent());
  assert.ok(before >= 35000, `enough budget for the test (${before})`);
  await checkA11y(page, 'Budget');

  await page.getByRole('button', { name: 'Geld aanvragen' }).click();
  // Bad input first: letters in the amount.
  await page.getByLabel('Bedrag', { exact: true }).fill('drie');
  await page.getByLabel('Leverancier').fill('Rijschool De Bocht');
  await page.getByLabel('Wat is het precies?').fill(`Rijlessen ${goal}`);
  await page.getByRole('button', { name: 'Aanvraag opslaan' }).click();
  await page.locator('#req-amount-error').waitFor();
  // What the money is for starts on "Kies…": nothing chosen is an error of its own.
  assert.equal(await page.locator('#req-category-error').textContent(), 'Maak een keuze.');
  await checkA11y(page, 'request form with errors');
  await page.getByLabel('Bedrag', { exact: true }).fill('350,00');
  await page.getByLabel('Waarvoor').selectOption({ index: 1 });
  await page.getByText('Dat is € 350,00.').waitFor();
  await page.getByLabel('Bij welk doel?').selectOption({ label: goal });
  await page.getByRole('button', { name: 'Aanvraag opslaan' }).click();
  await page.getByText('De aanvraag is opgeslagen. Nu is goedkeuring nodig.').waitFor();
  journeyRequest = `Rijlessen ${goal}`;
  const card = page.locator('li.k-request', { hasText: `Rijlessen ${goal}` });
  await card.waitFor();

  // The family signs on the tablet: choose the name, type it.
  await card.getByRole('button', { name: 'Gezin keurt goed' }).click();
  const dialog = page.getByRole('dialog', { name: 'Bent u het ermee eens?' });
  await dialog.waitFor();
  await checkA11y(page, 'family approval dialog');
  await page.screenshot({ path: join(OUT, 'budget-family-signs.png') });
  const first = dialog.locator('input[type="radio"]:not([disabled])').first();
  const name = (await dialog.locator(`label[for="${await first.getAttribute('id')}"]`).textContent()).trim();
  // Signing without a name first: a calm hint, nothing sent.
  await dialog.getByRole('button', { name: 'Ja, ik ben het eens' }).click();
  await dialog.getByText('Kies eerst uw naam.').waitFor();
  await first.check();
  await dialog.getByLabel(/^Typ uw naam om te tekenen/).fill('Iemand anders');
  await dialog.getByRole('button', { name: 'Ja, ik ben het eens' }).click();
  // The server compares the typed name with the member's own name, and says so by the field.
  await dialog.getByText('Dit is niet de naam van dit gezinslid. Typ uw eigen voornaam of uw hele naam.').waitFor();
  await dialog.getByLabel(/^Typ uw naam om te tekenen/).fill(name.split(' ')[0]);
  await dialog.getByRole('button', { name: 'Ja, ik ben het eens' }).click();
  await page.getByText(`${name} heeft de aanvraag goedgekeurd.`).waitFor();
  // The typed name is kept with the approval as the family's signature.
  await card.getByText(`getekend als ‘${name.split(' ')[0]}’`).waitFor();

  // The coach approves; with both approvals the money is committed.
  await card.getByRole('button', { name: 'Goedkeuren als coach' }).click();
  await page.getByText('Goedgekeurd als Coach.').waitFor();
  await card.getByText('Goedgekeurd', { exact: true }).waitFor();

  // Paid, with a receipt (a tiny PNG).
  await card.getByRole('button', { name: 'Betaald', exact: true }).click();
  await page.getByText('De betaling is opgeslagen.').waitFor();
  const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
    + '1f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d8b9b40000000049454e44ae426082', 'hex');
  await card.locator('input[type="file"]').setInputFiles({ name: 'bon.png', mimeType: 'image/png', buffer: png });
  await card.getByRole('button', { name: 'Bon opslaan' }).click();
  await page.getByText('De bon is opgeslagen.').waitFor();
  await card.getByRole('link', { name: 'Bon bekijken' }).waitFor();
  await card.getByText(/^Betaald op /).waitFor();

  // What is left went down by exactly € 350.
  const afterCents = cents(await balance.textContent());
  assert.equal(before - afterCents, 35000, 'the balance is € 350 less');
  await checkA11y(page, 'Budget after payment');
  await page.screenshot({ path: join(OUT, 'budget-after-payment.png'), fullPage: true });
  // On a tablet nothing scrolls sideways.
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1), false, 'no sideways scrolling on the budget tab');

  // Contacten: log a kitchen-table talk of 90 minutes.
  await page.getByRole('link', { name: 'Contacten', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Contacten' }).waitFor();
  await settle(page);
  await checkA11y(page, 'Contacten');
  await page.getByRole('button', { name: 'Contact vastleggen' }).click();
  // A contact longer than a day is refused before anything is sent.
  await page.getByLabel('Hoe lang (minuten)').fill('2000');
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.locator('#contact-duration-error').waitFor();
  await page.getByLabel('Hoe lang (minuten)').fill('90');
  await page.getByLabel('Begintijd').fill('00:00');
  await page.getByLabel('Soort contact').selectOption('kitchen_table');
  await page.locator('input[id^="contact-member-"]').first().check();
  const note = unique('Samen naar de rijschool gebeld');
  await page.getByLabel('Notitie').fill(note);
  await page.getByLabel('Wat moet er nog gebeuren?').fill('Theorie-examen plannen');
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.getByText('Het contact is vastgelegd.').waitFor();
  await page.getByRole('cell', { name: new RegExp(note) }).waitFor();
  await page.getByRole('img', { name: /Uren per week/ }).waitFor();
  await page.getByRole('button', { name: 'Toon als tabel' }).click();
  await page.getByRole('table', { name: 'Uren per week' }).waitFor();
  await checkA11y(page, 'Contacten with hours table');
  await page.getByRole('button', { name: 'Toon als grafiek' }).click();
  await page.screenshot({ path: join(OUT, 'contacten.png'), fullPage: true });

  // Back to Vandaag: the page reads kindly whatever is on it.
  await page.getByRole('link', { name: 'Vandaag', exact: true }).click();
  await heading(page, 'Vandaag');
  await settle(page);
  await checkA11y(page, 'Vandaag after the journey');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('above the threshold the team lead approves too; a team lead reverses a payment with a reversing line', async () => {
  assert.ok(familyHref && journeyRequest, 'runs after the journey');
  const lead = await newPage(browser, { width: 1024, height: 1366 });
  await login(lead, 'teamlead', { start: true });
  await heading(lead, 'Vandaag');
  await lead.goto(`${familyHref}/budget`);
  await lead.getByRole('heading', { level: 2, name: 'Gezinsbudget' }).waitFor();
  await settle(lead);
  const balance = lead.getByTestId('budget-balance');
  const before = cents(await balance.textContent());

  // Reverse the journey's payment: a new ledger line, the old one stays.
  const paid = lead.locator('li.k-request', { hasText: journeyRequest });
  await paid.getByRole('button', { name: `${journeyRequest} terugdraaien` }).click();
  await paid.getByLabel('Waarom terugdraaien?').fill('Rijschool heeft het bedrag teruggestort.');
  await paid.getByRole('button', { name: 'Terugdraaien', exact: true }).click();
  await lead.getByRole('dialog', { name: 'Uitgave terugdraaien?' }).getByRole('button', { name: 'Ja, terugdraaien' }).click();
  await lead.getByText('De uitgave is teruggedraaid. Het bedrag is weer te besteden.').waitFor();
  await paid.getByText('Teruggedraaid', { exact: true }).waitFor();
  await lead.locator('tr.k-reversal').first().waitFor();
  assert.equal(cents(await balance.textContent()) - before, 35000, 'the reversal gives € 350 back');
  await checkA11y(lead, 'Budget with a reversal');
  await lead.context().close();

  // € 600 is above the threshold: coach and family approve, then it waits for the team lead.
  const coach = await newPage(browser, { width: 1024, height: 1366 });
  await login(coach, 'coach1');
  await coach.goto(`${familyHref}/budget`);
  await coach.getByRole('heading', { level: 2, name: 'Gezinsbudget' }).waitFor();
  await settle(coach);
  const what = unique('Koelkast');
  await coach.getByRole('button', { name: 'Geld aanvragen' }).click();
  await coach.getByLabel('Bedrag', { exact: true }).fill('600');
  await coach.getByLabel('Waarvoor').selectOption({ index: 1 });
  await coach.getByLabel('Leverancier').fill('Witgoed Centrum');
  await coach.getByLabel('Wat is het precies?').fill(what);
  await coach.getByRole('button', { name: 'Aanvraag opslaan' }).click();
  const card = coach.locator('li.k-request', { hasText: what });
  await card.waitFor();
  await card.getByRole('button', { name: 'Gezin keurt goed' }).click();
  const dialog = coach.getByRole('dialog', { name: 'Bent u het ermee eens?' });
  const first = dialog.locator('input[type="radio"]:not([disabled])').first();
  const name = (await dialog.locator(`label[for="${await first.getAttribute('id')}"]`).textContent()).trim();
  await first.check();
  await dialog.getByLabel(/^Typ uw naam om te tekenen/).fill(name);
  await dialog.getByRole('button', { name: 'Ja, ik ben het eens' }).click();
  await coach.getByText(`${name} heeft de aanvraag goedgekeurd.`).waitFor();
  await card.getByRole('button', { name: 'Goedkeuren als coach' }).click();
  await coach.getByText('Goedgekeurd als Coach.').waitFor();
  await card.getByText('Wacht op goedkeuring', { exact: true }).waitFor();
  assert.equal(await card.getByRole('button', { name: 'Goedkeuren als teamleider' }).count(), 0, 'a coach cannot approve as team lead');
  await coach.context().close();

  const lead2 = await newPage(browser);
  await login(lead2, 'teamlead', { start: true });
  await heading(lead2, 'Vandaag');
  await lead2.goto(`${familyHref}/budget`);
  const card2 = lead2.locator('li.k-request', { hasText: what });
  await card2.getByRole('button', { name: 'Goedkeuren als teamleider' }).click();
  await lead2.getByText('Goedgekeurd als Teamleider.').waitFor();
  await card2.getByText('Goedgekeurd', { exact: true }).waitFor();
  await lead2.context().close();
});
