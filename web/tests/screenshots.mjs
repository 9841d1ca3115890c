// Renders the main pages with demo data into KANSRIJK_SCREENSHOT_DIR (1280×800).
// Run through scripts/screenshots.sh (make screenshots); not part of the test suite.
import { after, before, test } from 'node:test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { heading, launch, login, newPage } from './harness.mjs';

const out = process.env.KANSRIJK_SCREENSHOT_DIR;
if (!out) throw new Error('KANSRIJK_SCREENSHOT_DIR is not set');
mkdirSync(out, { recursive: true });

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function settle(page) {
  await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});
  await page.evaluate(() => document.fonts?.ready);
  // No focus ring from the route-change focus in the pictures.
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
}

async function shot(page, name) {
  await settle(page);
  await page.screenshot({ path: join(out, `${name}.png`), fullPage: false });
}

test('screenshots', async () => {
  const page = await newPage(browser);
  await page.goto('/login');
  await heading(page, 'Inloggen');
  await shot(page, '01-inloggen');

  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  await page.locator('table tbody tr').first().waitFor();
  await shot(page, '02-gezinnen');

  // A family that is further along, so the tabs have content.
  await page.getByLabel('Fase').selectOption('actief');
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.waitForURL(/fase=actief/);
  await page.locator('table tbody tr').first().waitFor();
  const href = await page.locator('table tbody tr a').first().getAttribute('href');
  for (const [tab, name, marker] of [
    ['overzicht', '03-gezin-overzicht', 'In het kort'],
    ['gezinsleden', '04-gezin-gezinsleden', 'Gezinsleden'],
    ['traject', '05-gezin-traject', 'Tijdlijn'],
    ['toestemming', '06-gezin-toestemming', 'Toestemming'],
    ['toegang', '07-gezin-toegang', 'Wie heeft de gegevens van dit gezin bekeken?'],
  ]) {
    await page.goto(`${href}/${tab}`);
    await page.getByRole('heading', { name: marker, exact: true }).first().waitFor();
    await shot(page, name);
  }
  for (const [path, name, title] of [
    ['/wachtlijst', '08-wachtlijst', 'Wachtlijst'],
    ['/team', '09-team', 'Team'],
    ['/aanmelden', '10-aanmelden', 'Gezin aanmelden'],
  ]) {
    await page.goto(path);
    await heading(page, title);
    await shot(page, name);
  }

  // The genogram of the first demo family (four generations with patterns). Its tab comes after
  // the pages above so their numbers stay the same.
  await page.goto('/gezinnen');
  await page.getByLabel('Zoek op naam').fill('Bakker');
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.getByRole('link', { name: 'Familie Bakker', exact: true }).click();
  await heading(page, 'Familie Bakker');
  await page.getByRole('link', { name: 'Genogram', exact: true }).click();
  await page.locator('.k-geno-stage g.person').first().waitFor();
  await page.locator('.k-geno-patterns__list li').first().waitFor();
  // The drawing opens fitted to its frame, the legend beside it (the viewport starts at the drawing).
  await page.locator('.k-geno-canvas').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.mouse.move(0, 0); // no hover ring on the symbol now under the pointer
  await shot(page, '14-genogram');
  await page.getByRole('button', { name: 'Hele tekening tonen' }).click();
  // One person open in the side panel: Gerda, the index person's mother.
  await page.locator('.k-geno-stage g.person', { has: page.locator('text.name', { hasText: 'Gerda' }) }).click();
  await page.getByRole('heading', { level: 2, name: 'Gerda Bakker', exact: true }).waitFor();
  await page.locator('.k-geno-tools').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.mouse.move(0, 0);
  await shot(page, '15-genogram-persoon');

  // The printed kansplan of the same family (A4, as the printer gets it: print media), in Dutch
  // and in English.
  await page.getByRole('link', { name: 'Kansplan', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Kansplan' }).waitFor();
  await settle(page);
  await page.getByRole('button', { name: 'Printversie' }).click();
  await page.getByTestId('plan-print').waitFor();
  await page.emulateMedia({ media: 'print' });
  await settle(page);
  await page.screenshot({ path: join(out, '16-kansplan-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('Taal van het papier').selectOption('en');
  await page.getByText('What we are good at and what we dream of').waitFor();
  await page.emulateMedia({ media: 'print' });
  await settle(page);
  await page.screenshot({ path: join(out, '17-kansplan-print-en.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // The team lead's programme budget: pot, spending per category, goal and family.
  await page.goto('/budget');
  await heading(page, 'Budget van de programma’s');
  await page.getByTestId('report-programmes').waitFor();
  await shot(page, '18-budget');
  await page.context().close();

  const admin = await newPage(browser);
  await login(admin, 'admin');
  await heading(admin, 'Gebruikers');
  await admin.locator('table tbody tr').first().waitFor();
  await shot(admin, '11-beheer-gebruikers');
  await admin.goto('/beheer/programmas');
  await heading(admin, "Programma's");
  await shot(admin, '12-beheer-programmas');
  await admin.goto('/account');
  await heading(admin, 'Mijn account');
  await shot(admin, '13-mijn-account');
  await admin.context().close();
});
