// The foundation journeys: login, caseload, family file, members with validation,
// scope (a coach cannot open another coach's family), admin creates a user, language.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, LOGINS, checkA11y, createUserAsAdmin, heading, launch, login, newPage, totp, unique, fillDate } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

describe('login and caseload', () => {
  test('team lead logs in and sees the families of the team', async () => {
    const page = await newPage(browser);
    await login(page, 'teamlead');
    await heading(page, 'Gezinnen');
    const rows = page.locator('table tbody tr');
    await rows.first().waitFor();
    assert.ok((await rows.count()) > 3, 'the caseload lists several demo families');
    await page.context().close();
  });

  test('coach logs in, sees only own families, and opens one', async () => {
    const page = await newPage(browser);
    await login(page, 'coach1');
    await heading(page, 'Mijn gezinnen');
    const firstLink = page.locator('table tbody tr a').first();
    await firstLink.waitFor();
    const name = (await firstLink.textContent()).trim();
    await firstLink.click();
    await heading(page, name);
    await page.getByRole('link', { name: 'Gezinsleden', exact: true }).click();
    await page.getByRole('table', { name: new RegExp(`Gezinsleden van ${name}`) }).waitFor();
    assert.deepEqual(page.consoleErrors, []);
    await page.context().close();
  });

  test('search narrows the caseload, and an unknown name shows the empty state', async () => {
    const page = await newPage(browser);
    await login(page, 'teamlead');
    await heading(page, 'Gezinnen');
    await page.locator('table tbody tr').first().waitFor();
    await page.getByLabel('Zoek op naam').fill('zzzz-niemand');
    await page.getByRole('button', { name: 'Toon gezinnen' }).click();
    await page.getByText('Geen gezinnen gevonden met deze zoekopdracht of filters.').waitFor();
    await page.getByRole('button', { name: 'Filters wissen' }).click();
    await page.locator('table tbody tr').first().waitFor();
    await page.context().close();
  });

  test('pagination and the phase filter', async () => {
    const page = await newPage(browser);
    await login(page, 'teamlead');
    await heading(page, 'Gezinnen');
    const caption = page.locator('table caption');
    await caption.filter({ hasText: 'Pagina 1' }).waitFor();
    const firstOnPage1 = await page.locator('table tbody tr a').first().textContent();
    await page.getByRole('button', { name: 'Volgende pagina' }).click();
    await caption.filter({ hasText: 'Pagina 2' }).waitFor();
    assert.notEqual(await page.locator('table tbody tr a').first().textContent(), firstOnPage1);
    // Focus moves to the table caption, so reading starts at the new page.
    assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'CAPTION');
    await page.getByRole('button', { name: 'Vorige pagina' }).click();
    await caption.filter({ hasText: 'Pagina 1' }).waitFor();

    await page.getByLabel('Fase').selectOption('nazorg');
    await page.getByRole('button', { name: 'Toon gezinnen' }).click();
    await page.waitForURL(/fase=nazorg/);
    // Wait until the new rows are in (the old ones stay visible while loading).
    await page.waitForFunction(() => {
      const badges = [...document.querySelectorAll('table tbody tr .k-badge')].map((b) => b.textContent);
      return badges.length > 0 && badges.every((p) => p === 'Nazorg');
    });
    await page.context().close();
  });

  test('an expired session sends the user to login and back to where they were', async () => {
    const page = await newPage(browser);
    await login(page, 'coach1');
    await heading(page, 'Mijn gezinnen');
    await page.context().clearCookies();
    await page.goto('/account');
    await page.waitForURL(/\/login\?terug=%2Faccount/);
    await page.getByLabel('Gebruikersnaam').fill('coach1');
    await page.getByLabel('Wachtwoord', { exact: true }).fill(LOGINS.coach1.password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await heading(page, 'Mijn account');
    await page.context().close();
  });

  test('logout ends the session', async () => {
    const page = await newPage(browser);
    await login(page, 'coach2');
    await heading(page, 'Mijn gezinnen');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await heading(page, 'Inloggen');
    await page.getByText('U bent uitgelogd').waitFor();
    await page.goto('/gezinnen');
    await page.waitForURL(/\/login/);
    await page.context().close();
  });
});

describe('family members', () => {
  test('adding a member shows a validation error next to the field first, then saves', async () => {
    const page = await newPage(browser);
    await login(page, 'coach1');
    await heading(page, 'Mijn gezinnen');
    await page.locator('table tbody tr a').first().click();
    await page.getByRole('link', { name: 'Gezinsleden', exact: true }).click();
    await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
    const given = page.getByLabel('Voornaam');
    await given.waitFor();
    // Invalid: no first name and a birth date in the future.
    await fillDate(page, 'Geboortedatum', '2999-01-01');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    const givenError = page.locator('#member-given-name-error');
    await givenError.waitFor();
    assert.match(await givenError.textContent(), /Vul dit veld in/);
    assert.equal(await given.getAttribute('aria-invalid'), 'true');
    assert.match(await given.getAttribute('aria-describedby'), /member-given-name-error/);
    assert.match(await page.locator('#member-birth-date-error').textContent(), /toekomst/);
    // The first wrong field has focus.
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'member-given-name');
    // Now valid.
    const name = unique('Noor');
    await given.fill(name);
    await fillDate(page, 'Geboortedatum', '2016-03-14');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(`${name} is toegevoegd.`).waitFor();
    await page.getByRole('cell', { name, exact: true }).waitFor();
    await page.getByRole('cell', { name: '14 maart 2016' }).first().waitFor();
    await page.context().close();
  });
});

describe('scope', () => {
  test("a coach cannot open another coach's family: friendly not-found state", async () => {
    // Find a family of coach2 as the team lead.
    const lead = await newPage(browser);
    await login(lead, 'teamlead');
    await heading(lead, 'Gezinnen');
    const rows = lead.locator('table tbody tr');
    await rows.first().waitFor();
    const row = rows.filter({ hasText: 'Rachid Bouzid' }).first();
    const href = await row.locator('a').first().getAttribute('href');
    assert.ok(href && href.startsWith('/gezinnen/'), 'found a family of coach2');
    await lead.context().close();

    const page = await newPage(browser);
    await login(page, 'coach1');
    await heading(page, 'Mijn gezinnen');
    await page.goto(href);
    await heading(page, 'Niet gevonden');
    await page.getByText('We kunnen dit gezin niet vinden').waitFor();
    await checkA11y(page, 'family not found');
    await page.context().close();
  });

  test('a coach does not get the team pages', async () => {
    const page = await newPage(browser);
    await login(page, 'coach1');
    await page.goto('/beheer/gebruikers');
    await heading(page, 'Geen toegang');
    await page.context().close();
  });
});

describe('administration', () => {
  test('admin creates a user, who chooses their own password through the activation link', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await heading(page, 'Gebruikers');
    await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
    const username = `coach${Date.now().toString(36)}`;
    const password = 'een lange zin als wachtwoord';
    // The admin never types a password: there is no such field.
    assert.equal(await page.getByLabel('Eerste wachtwoord').count(), 0);
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Naam', { exact: true }).fill('Nieuwe Coach');
    await page.getByLabel('Rol', { exact: true }).selectOption('coach');
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.getByText(`Gebruiker ${username} is aangemaakt.`).waitFor();
    const link = await page.getByLabel('Activeringslink', { exact: true }).inputValue();
    assert.match(link, /\/activeren#[A-Za-z0-9_-]{20,}$/);
    await page.getByRole('cell', { name: username, exact: true }).waitFor();
    await page.locator('tr', { hasText: username }).getByText('Wacht op activering').waitFor();
    await page.context().close();

    const act = await newPage(browser);
    await act.goto(link);
    await heading(act, 'Account activeren');
    assert.equal(new URL(act.url()).hash, '', 'the token leaves the address bar');
    // A common password is refused with a clear message next to the field.
    await act.getByLabel('Kies een wachtwoord').fill('passwordpassword');
    await act.getByLabel('Wachtwoord nog een keer').fill('passwordpassword');
    await act.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await act.locator('#activate-password-error').waitFor();
    await act.getByLabel('Kies een wachtwoord').fill(password);
    await act.getByLabel('Wachtwoord nog een keer').fill(password);
    await act.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await act.getByText(`Uw gebruikersnaam is ${username}.`).waitFor();
    await act.getByRole('link', { name: 'Naar inloggen' }).click();
    await heading(act, 'Inloggen');
    await act.context().close();

    const fresh = await newPage(browser);
    await fresh.goto('/login');
    await fresh.getByLabel('Gebruikersnaam').fill(username);
    await fresh.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await fresh.getByRole('button', { name: 'Inloggen' }).click();
    await heading(fresh, 'Vandaag'); // a coach starts on Vandaag (issue 11)
    await fresh.getByText('Ingelogd als Nieuwe Coach').waitFor();
    await fresh.context().close();

    // The link works once.
    const again = await newPage(browser);
    await again.goto(link);
    await again.getByLabel('Kies een wachtwoord').fill('nog een ander lang wachtwoord');
    await again.getByLabel('Wachtwoord nog een keer').fill('nog een ander lang wachtwoord');
    await again.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await again.getByText(/activeringslink werkt niet/).waitFor();
    await again.context().close();
  });

  test('admin changes a role and disables a user', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await heading(page, 'Gebruikers');
    await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
    const username = `tijdelijk${Date.now().toString(36)}`;
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Naam', { exact: true }).fill(`Tijdelijk ${username}`);
    await page.getByLabel('Rol', { exact: true }).selectOption('coach');
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.getByText(`Gebruiker ${username} is aangemaakt.`).waitFor();
    await page.getByLabel(`Rol van Tijdelijk ${username}`).selectOption('team_lead');
    await page.getByRole('button', { name: 'Rol opslaan' }).click();
    await page.getByText(`De gegevens van Tijdelijk ${username} zijn opgeslagen.`).waitFor();
    await page.getByRole('button', { name: `Tijdelijk ${username} uitschakelen` }).click();
    await page.getByRole('dialog', { name: `Tijdelijk ${username} uitschakelen?` }).getByRole('button', { name: 'Ja, uitschakelen' }).click();
    await page.getByRole('button', { name: `Tijdelijk ${username} weer inschakelen` }).waitFor();
    await page.context().close();

    // The team lead sees the grant and the change on the team page.
    const lead = await newPage(browser);
    await login(lead, 'teamlead');
    await lead.goto('/team');
    await heading(lead, 'Team');
    const rows = lead.locator('section[aria-labelledby="role-changes-title"] tr', { hasText: `Tijdelijk ${username}` });
    await rows.filter({ hasText: 'Nieuw account als Gezinscoach' }).waitFor();
    await rows.filter({ hasText: 'Rol van Gezinscoach naar Teamleider' }).waitFor();
    await lead.context().close();
  });
});

describe('account', () => {
  test('set up extra security with the QR code, then log in with the TOTP step', async () => {
    const { username, password } = await createUserAsAdmin(browser);
    const page = await newPage(browser);
    await page.goto('/login');
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await heading(page, 'Vandaag'); // a coach starts on Vandaag (issue 11)
    await page.getByRole('link', { name: 'Mijn account', exact: true }).click();
    await heading(page, 'Mijn account');
    // Setting up needs the password again.
    await page.getByRole('button', { name: 'Extra beveiliging instellen' }).click();
    await page.locator('#totp-start-password-error').waitFor();
    await page.getByLabel('Uw wachtwoord (ter controle)').fill(password);
    await page.getByRole('button', { name: 'Extra beveiliging instellen' }).click();
    await page.getByRole('img', { name: 'QR-code om de app te koppelen' }).waitFor();
    const secret = (await page.getByTestId('totp-secret').textContent()).trim();
    // A wrong code first: the message is next to the field.
    await page.getByLabel('Code uit de app').fill('12');
    await page.getByRole('button', { name: 'Extra beveiliging aanzetten' }).click();
    await page.locator('#totp-code-error').waitFor();
    await page.getByLabel('Code uit de app').fill(await totp(secret));
    const usedStep = Math.floor(Date.now() / 30_000);
    await page.getByRole('button', { name: 'Extra beveiliging aanzetten' }).click();
    await page.getByText('Extra beveiliging staat nu aan.').waitFor();
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await heading(page, 'Inloggen');
    assert.equal(new URL(page.url()).search, '', 'after logout there is no page to return to');

    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const code = page.getByLabel('Code uit de app');
    await code.waitFor();
    // Each code works once: the one that switched TOTP on cannot log in. Wait for the next.
    while (Math.floor(Date.now() / 30_000) <= usedStep) await new Promise((r) => setTimeout(r, 250));
    await code.fill(await totp(secret));
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await heading(page, 'Vandaag');
    await page.context().close();
  });

  test('change password: a mismatch is shown next to the field, then it works', async () => {
    const { username, password } = await createUserAsAdmin(browser);
    const page = await newPage(browser);
    await page.goto('/login');
    await page.getByLabel('Gebruikersnaam').fill(username);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await heading(page, 'Vandaag'); // a coach starts on Vandaag (issue 11)
    await page.goto('/account');
    await heading(page, 'Mijn account');
    await page.getByLabel('Huidig wachtwoord').fill(password);
    await page.getByLabel('Nieuw wachtwoord', { exact: true }).fill('een nieuw lang wachtwoord');
    await page.getByLabel('Nieuw wachtwoord nog een keer').fill('iets anders');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('#pw-repeat-error').waitFor();
    await page.getByLabel('Nieuw wachtwoord nog een keer').fill('een nieuw lang wachtwoord');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Uw wachtwoord is gewijzigd.').waitFor();
    await page.context().close();
  });
});

describe('programmes', () => {
  test('admin adds a programme: bad input next to the fields, then saved and editable', async () => {
    const page = await newPage(browser);
    await login(page, 'admin');
    await page.goto('/beheer/programmas');
    await heading(page, "Programma's");
    await page.getByRole('cell', { name: 'Toukomst', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Nieuw programma' }).click();
    const name = unique('Gezinscoaching Emmen');
    await page.getByLabel('Naam', { exact: true }).fill(name);
    await page.getByLabel('Gezinsbudget in euro').fill('-50');
    await page.getByLabel('Inkomensgrens (% van de bijstandsnorm)').fill('veel');
    await page.getByRole('button', { name: 'Programma opslaan' }).click();
    await page.locator('#prog-budget-error').waitFor();
    await page.locator('#prog-threshold-error').waitFor();
    await page.getByLabel('Gezinsbudget in euro').fill('1.500,00');
    await page.getByLabel('Inkomensgrens (% van de bijstandsnorm)').fill('130');
    await page.getByRole('button', { name: 'Programma opslaan' }).click();
    await page.getByText(`Programma ${name} is opgeslagen.`).waitFor();
    const row = page.locator('tr', { hasText: name });
    await row.getByRole('cell', { name: '€ 1.500,00' }).waitFor();
    await row.getByRole('button', { name: `Wijzig ${name}` }).click();
    // The form opens with focus on its first field.
    await page.waitForFunction(() => document.activeElement?.id === 'prog-name');
    await page.getByLabel('Contacttijd per week in uren').fill('6');
    await page.getByRole('button', { name: 'Programma opslaan' }).click();
    await page.getByText(`Programma ${name} is opgeslagen.`).waitFor();
    await row.getByRole('cell', { name: '6 uur' }).waitFor();
    await page.context().close();
  });
});

describe('language', () => {
  test('switches nl → en → nl and remembers the choice', async () => {
    const page = await newPage(browser);
    await login(page, 'coach1');
    await heading(page, 'Mijn gezinnen');
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await heading(page, 'My families');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.reload();
    await heading(page, 'My families');
    await page.getByRole('button', { name: 'Wissel naar Nederlands' }).click();
    await heading(page, 'Mijn gezinnen');
    assert.equal(await page.locator('html').getAttribute('lang'), 'nl');
    await page.context().close();
  });
});

test('the SPA is served with a strict CSP and deep links fall back to the app', async () => {
  const res = await fetch(`${BASE}/gezinnen/iets/traject`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.match(await res.text(), /<div id="root">/);
});
