// A contact's follow-up line into the kansplan (issue 11): the coach logs a contact with two
// things still to do, puts one of them in the plan with "Zet in het plan", the list then says
// it is in the plan (no second button), and the Kansplan tab shows it as an action. Axe on the
// way, at tablet width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, heading, launch, login, newPage, unique } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('a follow-up of a contact becomes a plan action with "Zet in het plan"', async () => {
  const page = await newPage(browser, { width: 768, height: 1024 });
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  await page.locator('table tbody tr').first().waitFor();
  const href = await page.locator('table tbody tr a').first().getAttribute('href');
  await page.goto(`${href}/contacten`);
  await page.getByRole('heading', { level: 2, name: 'Contacten' }).waitFor();
  await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});

  const first = unique('Brief van de gemeente samen lezen');
  const second = unique('Sportclub bellen');
  await page.getByRole('button', { name: 'Contact vastleggen' }).click();
  await page.getByLabel('Hoe lang (minuten)').fill('45');
  await page.getByLabel('Begintijd').fill('00:00');
  await page.getByLabel('Wat moet er nog gebeuren?').fill(`${first}\n${second}`);
  await page.getByRole('button', { name: 'Contact opslaan' }).click();
  await page.getByText('Het contact is vastgelegd.').waitFor();

  const button = page.getByRole('button', { name: `Zet in het plan: ${second}` });
  await button.waitFor();
  await checkA11y(page, 'Contacten with follow-ups');
  await button.click();
  await page.getByText(`"${second}" staat nu als actie in het plan.`).waitFor();
  // Taken over: no button for that line any more; the other line keeps its button.
  await button.waitFor({ state: 'detached' });
  await page.getByRole('listitem').filter({ hasText: second }).getByText('Staat in het plan').waitFor();
  assert.equal(await page.getByRole('button', { name: `Zet in het plan: ${first}` }).count(), 1);
  await checkA11y(page, 'Contacten after a follow-up went into the plan');
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1), false, 'no sideways scrolling');

  await page.getByRole('link', { name: 'Kansplan', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Kansplan' }).waitFor();
  await page.getByText(second).first().waitFor();
  assert.deepEqual(page.consoleErrors, []);
});
