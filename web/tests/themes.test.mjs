// The genogram theme list ("Thema's genogram") in the browser: the admin adds a strength,
// moves it with the keyboard and saves; a coach then finds it as a checkbox in a person's panel.
// Removing a theme that is still marked on persons is refused with the server's own sentence
// next to the theme, which can be put back. Last, the family access log names genogram actions
// in plain words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, heading, launch, login, newPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const strengthsTable = (page) => page.locator('section[aria-labelledby="themes-strengths"] table');
const concernsTable = (page) => page.locator('section[aria-labelledby="themes-concerns"] table');
const ids = (table) => table.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.themeId));

async function openThemes(page) {
  await page.getByRole('link', { name: "Thema's genogram", exact: true }).click();
  await heading(page, "Thema's genogram");
  await strengthsTable(page).waitFor();
}

test('the admin adds a strength theme, and a coach can mark it on a person', async () => {
  const admin = await newPage(browser);
  await login(admin, 'admin');
  await heading(admin, 'Gebruikers');
  await openThemes(admin);
  assert.match(await admin.title(), /^Thema's genogram/);
  // The default list: strengths first, then points of attention.
  assert.deepEqual(await ids(strengthsTable(admin)), ['ondernemend', 'sportief', 'creatief', 'zorgzaam']);
  assert.ok((await ids(concernsTable(admin))).includes('schulden'));
  await checkA11y(admin, 'genogram themes');

  // The code follows the name (lower case, accents gone, spaces to _) until it is edited.
  const add = admin.locator('form[aria-labelledby="themes-add"]');
  await add.getByLabel('Naam', { exact: true }).fill('Zélf Creatief');
  assert.equal(await add.getByLabel('Code', { exact: true }).inputValue(), 'zelf_creatief');
  await add.getByLabel('Naam', { exact: true }).fill('');
  // Nothing filled in: the errors sit next to the fields.
  await add.getByRole('button', { name: 'Toevoegen aan de lijst' }).click();
  await admin.locator('#th-add-label-error', { hasText: 'Vul dit veld in.' }).waitFor();
  assert.equal(await admin.evaluate(() => document.activeElement?.id), 'th-add-label');
  await checkA11y(admin, 'genogram themes, add form with errors');

  await add.getByLabel('Naam', { exact: true }).fill('Muzikaal');
  assert.equal(await add.getByLabel('Code', { exact: true }).inputValue(), 'muzikaal');
  await add.getByLabel('Dit is een sterke kant').check();
  await add.getByRole('button', { name: 'Toevoegen aan de lijst' }).click();
  await admin.getByText('Muzikaal staat in de lijst. Klik op Opslaan om het te bewaren.').waitFor();
  assert.deepEqual(await ids(strengthsTable(admin)), ['ondernemend', 'sportief', 'creatief', 'zorgzaam', 'muzikaal']);
  await admin.getByText('Er zijn wijzigingen die nog niet zijn opgeslagen.').waitFor();
  // The same code twice is refused before anything is sent.
  await add.getByLabel('Naam', { exact: true }).fill('Muzikaal');
  await add.getByRole('button', { name: 'Toevoegen aan de lijst' }).click();
  await admin.locator('#th-add-id-error', { hasText: 'Deze code staat al in de lijst.' }).waitFor();
  await add.getByLabel('Naam', { exact: true }).fill('');

  // Up with the keyboard: focus stays on the button, the order follows.
  await admin.getByRole('button', { name: 'Muzikaal omhoog' }).focus();
  await admin.keyboard.press('Enter');
  await admin.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Muzikaal omhoog');
  assert.deepEqual(await ids(strengthsTable(admin)), ['ondernemend', 'sportief', 'creatief', 'muzikaal', 'zorgzaam']);
  // An empty name is caught on its own row.
  const muzikaalLabel = admin.getByLabel('Naam van thema muzikaal');
  await muzikaalLabel.fill('');
  await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await admin.locator('tr[data-theme-id="muzikaal"] .utrecht-form-field__error-message', { hasText: 'Vul dit veld in.' }).waitFor();
  assert.equal(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Naam van thema muzikaal');
  await checkA11y(admin, 'genogram themes, row with an error');
  await muzikaalLabel.fill('Muzikaal');

  await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await admin.getByText("De thema's zijn opgeslagen. Coaches zien ze meteen in het genogram.").waitFor();
  assert.equal(await admin.getByText('Er zijn wijzigingen die nog niet zijn opgeslagen.').count(), 0);
  // Saved in this order: it is still there after a reload.
  await admin.reload();
  await heading(admin, "Thema's genogram");
  await strengthsTable(admin).waitFor();
  assert.deepEqual(await ids(strengthsTable(admin)), ['ondernemend', 'sportief', 'creatief', 'muzikaal', 'zorgzaam']);
  await admin.context().close();

  // The coach opens a person in the genogram of one of their families: Muzikaal is a strength.
  const coach = await newPage(browser);
  await login(coach, 'coach1');
  await heading(coach, 'Mijn gezinnen');
  await coach.locator('table tbody tr a').first().click();
  await coach.getByRole('link', { name: 'Genogram', exact: true }).click();
  const symbol = coach.locator('.k-geno-stage g.person[data-person-id]').first();
  await symbol.waitFor();
  await symbol.focus();
  await coach.keyboard.press('Enter');
  const form = coach.locator('form[aria-labelledby="gp-title"]');
  const strengths = form.locator('[role="group"][aria-labelledby="gp-strengths"]');
  const box = strengths.getByRole('checkbox', { name: 'Muzikaal', exact: true });
  await box.waitFor();
  assert.equal(await box.isChecked(), false);
  await coach.context().close();
});

test('a theme still marked on persons cannot be removed, and can be put back', async () => {
  const admin = await newPage(browser);
  await login(admin, 'admin');
  await heading(admin, 'Gebruikers');
  await openThemes(admin);

  // Zorgzaam is marked on persons in the demo genograms.
  await admin.getByRole('button', { name: 'Zorgzaam verwijderen' }).click();
  const restore = admin.getByRole('button', { name: 'Zorgzaam terugzetten' });
  await restore.waitFor();
  assert.equal(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Zorgzaam terugzetten');
  assert.ok(!(await ids(strengthsTable(admin))).includes('zorgzaam'));
  await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();

  // The server's sentence at the top, and a note next to the theme itself.
  await admin.getByRole('alert').filter({ hasText: /Het thema "Zorgzaam" staat nog bij \d+ personen\. Haal het daar eerst weg\./ }).waitFor();
  const item = admin.locator('.k-themes__removed-item', { hasText: 'Zorgzaam' });
  await item.getByText('Dit thema staat nog bij personen in een genogram.', { exact: false }).waitFor();
  assert.equal(await restore.getAttribute('aria-describedby'), 'th-restore-s-zorgzaam-error');
  assert.equal(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Zorgzaam terugzetten');
  await checkA11y(admin, 'genogram themes, theme in use');

  await restore.click();
  assert.ok((await ids(strengthsTable(admin))).includes('zorgzaam'));
  // Moving a theme to the other group keeps focus on its button.
  await admin.getByRole('button', { name: 'Sportief naar aandachtspunten' }).click();
  await admin.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Sportief naar sterke kanten');
  assert.ok((await ids(concernsTable(admin))).includes('sportief'));
  await admin.getByRole('button', { name: 'Wijzigingen terugdraaien' }).click();
  assert.deepEqual((await ids(strengthsTable(admin))).sort(), ['creatief', 'muzikaal', 'ondernemend', 'sportief', 'zorgzaam']);

  // A refusal from the server with field errors (422) lands on the row it names.
  const add = admin.locator('form[aria-labelledby="themes-add"]');
  await add.getByLabel('Naam', { exact: true }).fill('Taalrijk');
  await add.getByRole('button', { name: 'Toevoegen aan de lijst' }).click();
  const index = (await ids(strengthsTable(admin))).indexOf('taalrijk');
  assert.ok(index >= 0);
  await admin.route('**/api/v1/genogram/themes', (route) =>
    route.request().method() === 'PUT'
      ? route.fulfill({
          status: 422,
          contentType: 'application/problem+json',
          body: JSON.stringify({ status: 422, title: 'validation', errors: { [`items[${index}].id`]: ['Dit thema staat er twee keer in.'] } }),
        })
      : route.continue(),
  );
  await admin.getByRole('button', { name: 'Opslaan', exact: true }).click();
  await admin.locator('tr[data-theme-id="taalrijk"] .utrecht-form-field__error-message', { hasText: 'Dit thema staat er twee keer in.' }).waitFor();
  assert.equal(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Code van het nieuwe thema Taalrijk');
  await admin.unroute('**/api/v1/genogram/themes');
  await admin.getByRole('button', { name: 'Taalrijk verwijderen' }).click();

  // A team lead or coach cannot reach the page.
  const lead = await newPage(browser);
  await login(lead, 'teamlead');
  await heading(lead, 'Gezinnen');
  assert.equal(await lead.getByRole('link', { name: "Thema's genogram" }).count(), 0);
  await lead.goto('/beheer/themas');
  await heading(lead, 'Geen toegang');
  await lead.context().close();
  await admin.context().close();
});

test('the access log names genogram actions in plain words', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  await page.locator('table tbody tr a').first().click();
  await page.getByRole('link', { name: 'Genogram', exact: true }).click();
  await page.locator('.k-geno-stage g.person[data-person-id]').first().waitFor();
  await page.getByRole('link', { name: 'Toegang', exact: true }).click();
  await page.getByRole('heading', { name: 'Wie heeft de gegevens van dit gezin bekeken?' }).waitFor();
  // One row per visit; the third column lists what was looked at, one item each.
  const actions = page.locator('table tbody tr td:nth-child(3) li');
  await actions.first().waitFor();
  const labels = (await actions.allTextContents()).map((l) => l.replace(/\s*\(\d+ keer\)$/, '').trim());
  assert.ok(labels.includes('Genogram bekeken'), `the log shows "Genogram bekeken": ${labels.slice(0, 8).join(', ')}`);
  assert.ok(!labels.some((l) => l.startsWith('genogram.')), `no raw genogram action names: ${labels.join(', ')}`);
  await page.context().close();
});
