// The whole trajectory in the browser, as team lead and coach: referral → waiting list →
// assign coach → intake → consent → eligibility → actief → close with a reason → nazorg.
// Bad input on the way: no way to reach the family, income with letters, closing without reason.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, heading, launch, login, newPage, unique, fillDate, isoInDays } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('referral to follow-up, as team lead and coach', async () => {
  const familyName = unique('Familie Journey');

  // Team lead enters the referral.
  const lead = await newPage(browser);
  await login(lead, 'teamlead');
  await heading(lead, 'Gezinnen');
  await lead.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gezin aanmelden', exact: true }).click();
  await heading(lead, 'Gezin aanmelden');
  await lead.getByLabel('Naam van het gezin').fill(familyName);
  await lead.getByLabel('Naam van de organisatie of persoon').fill('Woonstichting De Volmacht');
  await lead.getByLabel('Soort aanmelder').selectOption('woningcorporatie');
  await lead.getByLabel('Reden van aanmelding').fill('Huurachterstand; moeder wil graag hulp bij de administratie. De kinderen gaan goed naar school.');
  await lead.getByRole('button', { name: 'Nog een gezinslid' }).click();
  await lead.locator('[id$="-given"]').first().fill('Sanne');
  // No phone, e-mail or address: the referral cannot be saved.
  await lead.getByRole('button', { name: 'Aanmelding opslaan' }).click();
  await lead.locator('#ref-phone-error').waitFor();
  assert.match(await lead.locator('#ref-phone-error').textContent(), /minstens één manier/);
  await lead.getByLabel('Telefoon').fill('0612345678');
  await lead.getByRole('button', { name: 'Aanmelding opslaan' }).click();
  await heading(lead, familyName);
  await lead.getByText('Woonstichting De Volmacht').waitFor();

  // It is on the waiting list; assign coach1.
  await lead.getByRole('link', { name: 'Wachtlijst', exact: true }).click();
  await heading(lead, 'Wachtlijst');
  const row = lead.locator('tr', { hasText: familyName });
  await row.waitFor();
  await row.getByRole('button', { name: `Coach toewijzen voor ${familyName}` }).click();
  await row.getByLabel('Coach', { exact: true }).selectOption({ label: 'Esther Wolters' });
  await row.getByRole('button', { name: 'Coach toewijzen' }).click();
  await lead.getByText(`Esther Wolters is nu de coach van ${familyName}.`).waitFor();
  await lead.getByRole('link', { name: 'Team', exact: true }).click();
  await heading(lead, 'Team');
  await lead.getByRole('rowheader', { name: 'Esther Wolters' }).waitFor();
  await lead.context().close();

  // The coach takes it from here.
  const page = await newPage(browser);
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  await page.getByLabel('Zoek op naam').fill(familyName);
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.getByRole('link', { name: familyName }).click();
  await heading(page, familyName);
  await page.getByRole('link', { name: 'Traject', exact: true }).click();
  await page.getByRole('heading', { name: 'Volgende stap: Intake' }).waitFor();

  // Intake, planned next week is fine.
  await fillDate(page, 'Datum van de intake', isoInDays(7));
  await page.getByRole('button', { name: 'Naar Intake' }).click();
  await page.getByText('Het gezin is nu in de fase Intake.').waitFor();

  // Actief before consent and eligibility: the server says what is missing (by its reason
  // codes; the web shows their catalogue texts, with the phase named as on the screen).
  await page.getByRole('heading', { name: 'Volgende stap: Actief' }).waitFor();
  await page.getByRole('button', { name: 'Naar Actief' }).click();
  const missing = page.locator('.k-notice [role="alert"]').first();
  await missing.waitFor();
  assert.match(await missing.textContent(), /Voor Actief is (toestemming voor coaching|een inkomenstoets) nodig/);

  // Consent for coaching.
  await page.getByRole('link', { name: 'Toestemming', exact: true }).click();
  await page.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  await page.getByLabel('Doel').selectOption('coaching');
  await page.getByLabel('Gegeven door').selectOption({ index: 0 }); // issue 14: a household member
  await page.getByLabel('Hoe gegeven').selectOption('paper');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('De toestemming is vastgelegd.').waitFor();
  await page.getByRole('cell', { name: 'Geldig' }).waitFor();

  // Eligibility: letters first, then a real amount.
  await page.getByRole('link', { name: 'Traject', exact: true }).click();
  await page.getByRole('heading', { name: 'Inkomenstoets' }).waitFor();
  await page.getByLabel('Soort huishouden').selectOption('alleenstaande_ouder');
  await page.getByLabel('Soort inkomen').fill('Uitkering');
  await page.getByLabel('Bedrag per maand in euro').fill('twaalfhonderd');
  await page.getByRole('button', { name: 'Toets uitvoeren' }).click();
  const amountError = page.locator('[id^="elig-i"][id$="-amount-error"]');
  await amountError.waitFor();
  assert.match(await amountError.textContent(), /Geen letters/);
  await page.getByLabel('Bedrag per maand in euro').fill('1200,00');
  await page.getByRole('button', { name: 'Toets uitvoeren' }).click();
  await page.getByText('De inkomenstoets is opgeslagen.').waitFor();
  await page.locator('.k-check-item', { hasText: 'Past binnen de grens' }).first().waitFor();

  // Now actief.
  await fillDate(page, page.getByRole('group', { name: 'Datum', exact: true }).first(), isoInDays(0));
  await page.getByRole('button', { name: 'Naar Actief' }).click();
  await page.getByText('Het gezin is nu in de fase Actief.').waitFor();

  // Closing without a reason is refused next to the field; then with reason and summary.
  await page.getByRole('button', { name: 'Traject afsluiten…' }).click();
  const closeDialog = page.getByRole('dialog', { name: 'Traject afsluiten' });
  await closeDialog.getByRole('button', { name: 'Traject afsluiten', exact: true }).click();
  await page.locator('#close-reason-error').waitFor();
  await page.locator('#close-summary-error').waitFor();
  await closeDialog.getByLabel('Reden van afsluiten').selectOption('doelen_bereikt');
  await closeDialog.getByLabel('Samenvatting').fill('De administratie is op orde en de huur wordt weer betaald.');
  await closeDialog.getByRole('button', { name: 'Traject afsluiten', exact: true }).click();
  await page.getByText('Het gezin is nu in de fase Afsluiting.').waitFor();

  // Follow-up.
  await page.getByRole('button', { name: 'Naar Nazorg' }).click();
  await page.getByText('Het gezin is nu in de fase Nazorg.').waitFor();
  await page.getByText('Het traject is helemaal doorlopen.').waitFor();
  const timeline = page.locator('.k-timeline li');
  await timeline.nth(5).waitFor();
  assert.ok((await timeline.count()) >= 6, 'the timeline shows every step');
  await checkA11y(page, 'trajectory after closing');

  await page.getByRole('link', { name: 'Overzicht', exact: true }).click();
  await page.getByText('Doelen bereikt').waitFor();
  await page.context().close();
});

test('team lead: handover needs a note, an income check can be overridden, consent can be withdrawn', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  await page.getByLabel('Fase').selectOption('actief');
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.waitForFunction(() => {
    const badges = [...document.querySelectorAll('table tbody tr .k-badge')].map((b) => b.textContent);
    return badges.length > 0 && badges.every((p) => p === 'Actief');
  });
  const link = page.locator('table tbody tr a').first();
  const familyName = (await link.textContent()).trim();
  await link.click();
  await heading(page, familyName);
  await page.getByRole('link', { name: 'Traject', exact: true }).click();

  // Handover: the note is required.
  await page.getByRole('button', { name: 'Overdragen aan een andere coach' }).click();
  const coach = page.locator('#assign-coach');
  await coach.waitFor();
  const options = await coach.locator('option').allTextContents();
  const newCoach = options.find((o) => o && o !== 'Kies een coach');
  await coach.selectOption({ label: newCoach });
  await page.getByRole('button', { name: 'Coach toewijzen' }).click();
  await page.locator('#assign-note-error').waitFor();
  await page.getByLabel('Overdrachtsnotitie').fill('Moeder heeft liever contact op dinsdag. Dochter houdt van voetbal.');
  await page.getByRole('button', { name: 'Coach toewijzen' }).click();
  await page.getByText(`${newCoach} is nu de coach van dit gezin.`).waitFor();
  await page.locator('.k-timeline li', { hasText: 'Overgedragen' }).first().waitFor();

  // An income check above the limit, then the team lead's override with a reason.
  await page.getByLabel('Soort huishouden').selectOption('alleenstaande');
  await page.getByLabel('Soort inkomen').fill('Loon');
  await page.getByLabel('Bedrag per maand in euro').fill('4.000,00');
  await page.getByRole('button', { name: 'Toets uitvoeren' }).click();
  await page.getByText('De inkomenstoets is opgeslagen.').waitFor();
  await page.locator('.k-check-item').first().getByText('Boven de grens').waitFor();
  await page.getByLabel('Nieuwe uitkomst').selectOption('yes');
  await page.getByRole('button', { name: 'Uitkomst aanpassen' }).click();
  await page.locator('[id$="-reason-error"]').first().waitFor();
  await page.getByLabel('Reden', { exact: true }).fill('Eenmalige bonus deze maand; normaal ruim onder de grens.');
  await page.getByRole('button', { name: 'Uitkomst aanpassen' }).click();
  await page.locator('.k-check-item').first().getByText('Aangepast door Marloes Kramer').waitFor();
  await page.locator('.k-check-item').first().getByText('Past binnen de grens').waitFor();

  // Withdraw a consent.
  await page.getByRole('link', { name: 'Toestemming', exact: true }).click();
  const withdraw = page.getByRole('button', { name: /^Toestemming voor .* intrekken$/ }).first();
  await withdraw.waitFor();
  const before = await page.getByText(/^Ingetrokken op/).count();
  await withdraw.click();
  await page.getByRole('button', { name: 'Intrekken', exact: true }).click();
  await page.getByRole('dialog', { name: 'Toestemming intrekken?' }).getByRole('button', { name: 'Ja, intrekken' }).click();
  await page.getByText('De toestemming is ingetrokken.').waitFor();
  await page.waitForFunction((n) => [...document.querySelectorAll('.k-consent--withdrawn')].filter((b) => b.textContent.includes('Ingetrokken op')).length > n, before);
  await checkA11y(page, 'consent after withdrawal');
  await page.context().close();
});
