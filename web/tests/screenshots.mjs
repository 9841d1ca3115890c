// Renders every page and tab with demo data into KANSRIJK_SCREENSHOT_DIR (1280×800, and two at 768 px).
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

// Every page and every tab of the family page, in the order a visitor meets them. The names
// are listed in docs/screenshots/README.md; keep the two in step.
const FAMILY_TABS = [
  ['overzicht', 'In het kort'],
  ['gezinsleden', 'Gezinsleden'],
  ['traject', 'Tijdlijn'],
  ['toestemming', 'Toestemming'],
  ['genogram', 'Genogram'],
  ['metingen', 'Metingen'],
  ['kansplan', 'Kansplan'],
  ['budget', 'Gezinsbudget'],
  ['contacten', 'Contacten'],
  ['toegang', 'Wie heeft de gegevens van dit gezin bekeken?'],
];

/** Opens the first demo family (Bakker: four generations, a plan, spending, measurements). */
async function openBakker(page) {
  await page.goto('/gezinnen');
  await page.getByLabel('Zoek op naam').fill('Bakker');
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.getByRole('link', { name: 'Familie Bakker', exact: true }).click();
  await heading(page, 'Familie Bakker');
  return new URL(page.url()).pathname.split('/').slice(0, 3).join('/');
}

async function tab(page, href, slug, marker) {
  await page.goto(`${href}/${slug}`);
  await page.getByRole('heading', { name: marker, exact: true }).first().waitFor();
  await settle(page);
  if (slug === 'genogram') {
    await page.locator('.k-geno-stage g.person').first().waitFor();
    await page.locator('.k-geno-patterns__list li').first().waitFor();
    // The drawing opens fitted to its frame, the legend beside it (the viewport starts at it).
    await page.locator('.k-geno-canvas').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.mouse.move(0, 0); // no hover ring on the symbol under the pointer
  }
  if (slug === 'metingen') await page.locator('canvas').first().waitFor().catch(() => {});
}

test('screenshots', async () => {
  let n = 0;
  const name = (slug) => `${String(++n).padStart(2, '0')}-${slug}`;

  const page = await newPage(browser);
  await page.goto('/login');
  await heading(page, 'Inloggen');
  await shot(page, name('inloggen'));

  // A coach starts on Vandaag.
  const coach = await newPage(browser);
  await login(coach, 'coach1', { start: true });
  await heading(coach, 'Vandaag');
  await shot(coach, name('vandaag'));
  await coach.context().close();

  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  await page.locator('table tbody tr').first().waitFor();
  await shot(page, name('gezinnen'));

  const href = await openBakker(page);
  for (const [slug, marker] of FAMILY_TABS) {
    await tab(page, href, slug, marker);
    await shot(page, name(`gezin-${slug}`));
  }

  // One person of the genogram open in the side panel: Gerda, the main person's mother.
  await tab(page, href, 'genogram', 'Genogram');
  await page.getByRole('button', { name: 'Hele tekening tonen' }).click();
  await page.locator('.k-geno-stage g.person', { has: page.locator('text.name', { hasText: 'Gerda' }) }).click();
  await page.getByRole('heading', { level: 2, name: 'Gerda Bakker', exact: true }).waitFor();
  await page.locator('.k-geno-tools').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.mouse.move(0, 0);
  await shot(page, name('genogram-persoon'));

  // The printed kansplan (A4, as the printer gets it: print media), in Dutch and in English.
  await tab(page, href, 'kansplan', 'Kansplan');
  await page.getByRole('button', { name: 'Printversie' }).click();
  await page.getByTestId('plan-print').waitFor();
  await page.emulateMedia({ media: 'print' });
  await settle(page);
  await page.screenshot({ path: join(out, `${name('kansplan-print')}.png`), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('Taal van het papier').selectOption('en');
  await page.getByText('What we are good at and what we dream of').waitFor();
  await page.emulateMedia({ media: 'print' });
  await settle(page);
  await page.screenshot({ path: join(out, `${name('kansplan-print-en')}.png`), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  for (const [path, slug, title] of [
    ['/vandaag', 'vandaag-teamleider', 'Vandaag'],
    ['/wachtlijst', 'wachtlijst', 'Wachtlijst'],
    ['/team', 'team', 'Team'],
    ['/aanmelden', 'gezin-aanmelden', 'Gezin aanmelden'],
    ['/resultaten', 'resultaten', 'Resultaten van een programma'],
    ['/budget', 'budget', 'Budget van de programma’s'],
    ['/uren', 'uren', 'Uren met de gezinnen'],
    ['/beheer/partners', 'partnerorganisaties', 'Partnerorganisaties'],
  ]) {
    await page.goto(path);
    await heading(page, title);
    if (slug === 'budget') await page.getByTestId('report-programmes').waitFor();
    if (slug === 'uren') await page.getByTestId('hours-summary').waitFor();
    await shot(page, name(slug));
  }
  await page.context().close();

  const admin = await newPage(browser);
  await login(admin, 'admin');
  for (const [path, slug, title] of [
    ['/beheer/gebruikers', 'beheer-gebruikers', 'Gebruikers'],
    ['/beheer/programmas', 'beheer-programmas', "Programma's"],
    ['/beheer/themas', 'beheer-themas', "Thema's genogram"],
    ['/beheer/normen', 'beheer-normen', 'Normtabellen'],
    ['/account', 'mijn-account', 'Mijn account'],
  ]) {
    await admin.goto(path);
    await heading(admin, title);
    if (slug === 'beheer-gebruikers') await admin.locator('table tbody tr').first().waitFor();
    await shot(admin, name(slug));
  }
  await admin.context().close();

  // The footer's pages, before login.
  const visitor = await newPage(browser);
  for (const [path, slug, title] of [
    ['/toegankelijkheid', 'toegankelijkheid', 'Toegankelijkheid'],
    ['/privacy', 'privacy', 'Privacy'],
    ['/hulp', 'hulp', 'Hulp en contact'],
  ]) {
    await visitor.goto(path);
    await heading(visitor, title);
    await shot(visitor, name(slug));
  }
  await visitor.context().close();

  // On a 768 px tablet at the kitchen table: the caseload as cards, and the kansplan.
  const tablet = await newPage(browser, { width: 768, height: 1024 });
  await login(tablet, 'coach1');
  await tablet.locator('table tbody tr').first().waitFor();
  await tablet.locator('table').first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shot(tablet, name('tablet-gezinnen'));
  const tabletHref = await openBakker(tablet);
  await tab(tablet, tabletHref, 'kansplan', 'Kansplan');
  await shot(tablet, name('tablet-kansplan'));
  await tablet.context().close();
});
