// axe-core on every page, as each role sees it: zero serious or critical violations, on a
// laptop (1280 px) and on a tablet (768 px), where the whole page must also fit the width.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOGINS, checkA11y, heading, launch, login, newPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const WIDTHS = [1280, 768];

/** axe at this width, and no sideways scrolling of the whole page. */
async function checkPage(page, label) {
  await checkA11y(page, label);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `${label}: the page is ${overflow} px wider than the window`);
}

for (const width of WIDTHS) {
  test(`login page at ${width} px`, async () => {
    const page = await newPage(browser, { width });
    const check = (label) => checkPage(page, `${label} at ${width} px`);
    await page.goto('/login');
    await heading(page, 'Inloggen');
    await check('login');
    // Client-side errors on the login form are accessible too.
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.locator('#login-username-error').waitFor();
    await check('login with errors');
    await page.context().close();
  });
}

for (const width of WIDTHS) {
  test(`footer pages before login (issue 13) at ${width} px`, async () => {
    const page = await newPage(browser, { width });
    const check = (label) => checkPage(page, `${label} at ${width} px`);
    for (const [path, title] of [
      ['/toegankelijkheid', 'Toegankelijkheid'],
      ['/privacy', 'Privacy'],
      ['/hulp', 'Hulp en contact'],
    ]) {
      await page.goto(path);
      await heading(page, title);
      await check(`${path} (logged out)`);
    }
    await page.context().close();
  });
}

for (const width of WIDTHS) {
  test(`team lead pages at ${width} px`, async () => {
    const page = await newPage(browser, { width });
    const check = (label) => checkPage(page, `${label} at ${width} px`);
    await login(page, 'teamlead');
    await heading(page, 'Gezinnen');
    await page.locator('table tbody tr').first().waitFor();
    await check('caseload (team lead)');

    const href = await page.locator('table tbody tr a').first().getAttribute('href');
    for (const [tab, marker] of [
      ['overzicht', 'In het kort'],
      ['gezinsleden', 'Gezinsleden'],
      ['traject', 'Tijdlijn'],
      ['toestemming', 'Toestemming'],
      ['genogram', 'Genogram'],
      ['metingen', 'Metingen'],
      ['toegang', 'Wie heeft de gegevens van dit gezin bekeken?'],
      // Kansplan, budget and contact log (issue 11).
      ['kansplan', 'Kansplan'],
      ['budget', 'Gezinsbudget'],
      ['contacten', 'Contacten'],
    ]) {
      await page.goto(`${href}/${tab}`);
      await page.getByRole('heading', { name: marker, exact: true }).first().waitFor();
      await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});
      await check(`family ${tab}`);
    }
    await page.goto(`${href}/gezinsleden`);
    await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('#member-given-name-error').waitFor();
    await check('member form with errors');

    for (const [path, title] of [
      ['/wachtlijst', 'Wachtlijst'],
      ['/team', 'Team'],
      ['/aanmelden', 'Gezin aanmelden'],
      ['/account', 'Mijn account'],
      ['/beheer/partners', 'Partnerorganisaties'], // issue 14
      ['/resultaten', 'Resultaten van een programma'],
      ['/vandaag', 'Vandaag'],
      ['/budget', 'Budget van de programma’s'], // the programme pot and report (issue 11)
      ['/uren', 'Uren met de gezinnen'], // hours per family and coach (issue 11)
      ['/toegankelijkheid', 'Toegankelijkheid'],
      ['/privacy', 'Privacy'],
      ['/hulp', 'Hulp en contact'],
      ['/bestaat-niet', 'Niet gevonden'],
    ]) {
      await page.goto(path);
      await heading(page, title);
      await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});
      await check(path);
    }
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gezin aanmelden', exact: true }).click();
    await heading(page, 'Gezin aanmelden');
    await page.getByRole('button', { name: 'Aanmelding opslaan' }).click();
    await page.locator('#ref-family-name-error').waitFor();
    await check('referral with errors');
    await page.context().close();
  });
}

for (const width of WIDTHS) {
  test(`coach pages, in English too, at ${width} px`, async () => {
    const page = await newPage(browser, { lang: 'en', width });
    const check = (label) => checkPage(page, `${label} at ${width} px`);
    await login(page, 'coach1');
    await heading(page, 'My families');
    await page.locator('table tbody tr').first().waitFor();
    await check('caseload (coach, en)');
    await page.locator('table tbody tr a').first().click();
    await page.getByRole('link', { name: 'Trajectory', exact: true }).click();
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    await check('trajectory (coach, en)');
    // Kansplan, budget, contact log and Today in English (issue 11).
    for (const [link, marker] of [['Family plan', 'Family plan'], ['Budget', 'Family budget'], ['Contacts', 'Contacts']]) {
      await page.getByRole('link', { name: link, exact: true }).click();
      await page.getByRole('heading', { level: 2, name: marker, exact: true }).waitFor();
      await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});
      await check(`${link} (coach, en)`);
    }
    await page.getByRole('link', { name: 'Today', exact: true }).click();
    await heading(page, 'Today');
    await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});
    await check('Today (coach, en)');
    await page.context().close();
  });
}

test('activation page', async () => {
  const page = await newPage(browser);
  await page.goto('/activeren#not-a-real-token-but-long-enough');
  await heading(page, 'Account activeren');
  await checkA11y(page, 'activation');
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await page.locator('#activate-password-error').waitFor();
  await checkA11y(page, 'activation with errors');
  await page.context().close();
});

for (const width of WIDTHS) {
  test(`admin pages at ${width} px`, async () => {
    const page = await newPage(browser, { width });
    const check = (label) => checkPage(page, `${label} at ${width} px`);
    await login(page, 'admin');
    await heading(page, 'Gebruikers');
    await page.locator('table tbody tr').first().waitFor();
    await check('users');
    await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
    await check('new user form');
    await page.goto('/beheer/programmas');
    await heading(page, "Programma's");
    await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});
    await check('programmes');
    await page.goto('/beheer/themas');
    await heading(page, "Thema's genogram");
    await page.locator('section[aria-labelledby="themes-strengths"] table').waitFor();
    await check('genogram themes');
    // Issue 14: the norm tables, with the stale warning when the newest is old.
    await page.goto('/beheer/normen');
    await heading(page, 'Normtabellen');
    await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});
    await check('norm tables');
    // The programme pot: an admin may set it but not read the report (issue 11).
    await page.goto('/budget');
    await heading(page, 'Budget van de programma’s');
    await page.locator('#pot-amount').waitFor();
    await check('programme budget (admin)');
    await page.goto('/account');
    await heading(page, 'Mijn account');
    await page.getByLabel('Uw wachtwoord (ter controle)').fill(LOGINS.admin.password);
    await page.getByRole('button', { name: 'Extra beveiliging instellen' }).click();
    await page.getByRole('img', { name: 'QR-code om de app te koppelen' }).waitFor();
    const secret = await page.getByTestId('totp-secret').textContent();
    assert.match(secret, /^[A-Z2-7]+=*$/);
    await check('account with TOTP setup');
    await page.context().close();
  });
}

test('a tablet viewport keeps everything usable', async () => {
  const page = await newPage(browser, { width: 820, height: 1180 });
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  await page.locator('table tbody tr').first().waitFor();
  await checkA11y(page, 'caseload on a tablet');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  assert.equal(overflow, false, 'no horizontal scrolling of the whole page on a tablet');
  await page.context().close();
});
