// Issue 14 in the browser: the income check for a household of a 19-year-old parent, her baby
// and a grandparent of pension age (age groups, the cost-sharer suggestion and its correction
// with a reason, holiday allowance, what is not income, the answer with norm, date and source);
// the admin's norm tables with the stale warning; the team lead's partner list and consent per
// person with the partner chooser. axe on every changed page.
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

function bornYearsAgo(years, days = 30) {
  const d = new Date(Date.now() - days * 86400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** Creates a family through the API with the page's session; returns it. */
async function createFamily(page, body) {
  return page.evaluate(async (b) => {
    const me = await (await fetch('/api/v1/me')).json();
    const r = await fetch('/api/v1/families', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
      body: JSON.stringify(b),
    });
    if (r.status !== 201) throw new Error(`create family: ${r.status} ${await r.text()}`);
    return r.json();
  }, body);
}

test('income check: a 19-year-old parent, her baby and a grandparent of pension age', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  const name = unique('Familie Drie Generaties');
  const f = await createFamily(page, {
    name,
    members: [
      { given_name: 'Lisa', family_name: 'Drie', birth_date: bornYearsAgo(19), sex: 'female', household_role: 'parent' },
      { given_name: 'Noa', family_name: 'Drie', birth_date: bornYearsAgo(0, 100), sex: 'female', household_role: 'child' },
      { given_name: 'Gerda', family_name: 'Drie', birth_date: bornYearsAgo(70), sex: 'female', household_role: 'grandparent' },
    ],
  });
  await page.goto(`/gezinnen/${f.id}/traject`);
  await page.getByRole('heading', { name: 'Inkomenstoets' }).waitFor();
  const household = page.locator('section[aria-labelledby="elig-household"]');
  await household.getByRole('rowheader', { name: 'Gerda Drie' }).waitFor();
  const row = (who) => household.locator('tr', { has: page.getByRole('rowheader', { name: who }) });
  await row('Lisa Drie').getByText('Jonger dan 21').waitFor();
  await row('Lisa Drie').getByText('Ja, aanvrager').waitFor();
  await row('Gerda Drie').getByText('AOW-leeftijd').waitFor();
  await row('Noa Drie').getByText('Nee, jonger dan 27').waitFor();
  await household.getByText('Voorstel: 2 kostendeler(s)').waitFor();
  await household.getByText(/studenten met studiefinanciering, BBL-leerlingen en mensen die commercieel huren/).waitFor();
  // What does not count as income is next to the field.
  await page.getByText('Dit telt niet als inkomen:').waitFor();
  for (const t of ['kindgebonden budget', 'de alleenstaande-ouderkop']) await page.getByText(t, { exact: true }).waitFor();
  await checkA11y(page, 'income check with household');

  // Fewer cost-sharers than the birth dates give, without a reason: refused next to the field.
  await page.getByLabel('Soort huishouden').selectOption('alleenstaande_ouder');
  await page.getByLabel('Soort inkomen').fill('Uitkering');
  await page.getByLabel('Bedrag per maand in euro').fill('300,00');
  await page.getByLabel(/Aantal kostendelers/).fill('1');
  await page.getByRole('button', { name: 'Toets uitvoeren' }).click();
  const sharersError = page.locator('#elig-sharers-error');
  await sharersError.waitFor();
  assert.match(await sharersError.textContent(), /minstens 2 kostendelers/);
  await checkA11y(page, 'income check with errors');

  // With a reason the grandparent does not count; amounts without holiday allowance.
  await page.getByLabel('Telt Gerda Drie mee als kostendeler?').selectOption('commerciele_huur');
  await household.getByText('Voorstel: 1 kostendeler(s)').waitFor();
  await page.getByLabel('Zit het vakantiegeld in de bedragen?').selectOption('no');
  await page.getByRole('button', { name: 'Toets uitvoeren' }).click();
  await page.getByText('De inkomenstoets is opgeslagen.').waitFor();
  const answer = page.locator('.k-check-item').first();
  await answer.getByText(/% van de norm/).waitFor();
  await answer.getByText(/Jonger dan 21/).waitFor();
  await answer.getByText(/Normtabel .*, geldig vanaf/).waitFor();
  await answer.getByText('inkomen ingevuld zonder vakantiegeld en omgerekend', { exact: false }).waitFor();
  await answer.getByText('Bron van de norm').click();
  await answer.getByText(/Normenbrief|Hof van Twente/).first().waitFor();
  await checkA11y(page, 'income check answer');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('norm tables on the admin page, with the stale warning when the newest is old', async () => {
  const page = await newPage(browser);
  await login(page, 'admin');
  await page.getByRole('link', { name: 'Normtabellen', exact: true }).click();
  await heading(page, 'Normtabellen');
  await page.getByRole('rowheader', { name: /01-07-2025|1 juli 2025/ }).waitFor();
  const stale = await page.evaluate(async () => (await (await fetch('/api/v1/norms')).json()).stale);
  if (stale) await page.getByText(/de nieuwste normtabel is van/i).waitFor();
  else await page.getByText(/De nieuwste normtabel is van/).waitFor();
  await checkA11y(page, 'norm tables');
  await page.context().close();
});

test('partner organisations and consent per person with the partner chooser', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  await page.getByRole('link', { name: 'Partnerorganisaties', exact: true }).click();
  await heading(page, 'Partnerorganisaties');
  const partner = unique('Voedselbank Test');
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await page.locator('#partner-name-error').waitFor();
  await checkA11y(page, 'partner organisations with errors');
  await page.getByLabel('Naam').fill(partner);
  await page.getByLabel('Soort').selectOption('voedselbank');
  await page.getByLabel('Contact').fill('info@voedselbank.example');
  await page.getByRole('button', { name: 'Toevoegen' }).click();
  await page.getByText(`${partner} staat in de lijst.`).waitFor();
  await page.getByRole('rowheader', { name: partner }).waitFor();
  await checkA11y(page, 'partner organisations');

  const f = await createFamily(page, {
    name: unique('Familie Toestemming'),
    members: [
      { given_name: 'Sanne', family_name: 'Test', birth_date: '1986-04-12', sex: 'female', household_role: 'parent' },
      { given_name: 'Daan', family_name: 'Test', birth_date: bornYearsAgo(10), sex: 'male', household_role: 'child' },
    ],
  });
  await page.goto(`/gezinnen/${f.id}/toestemming`);
  await page.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  // A child under 16 for himself: refused, with the reason next to the field.
  await page.getByLabel('Doel').selectOption('research');
  await page.getByLabel('Over wie gaat het?').selectOption({ label: 'Daan Test' });
  await page.getByLabel('Gegeven door').selectOption({ label: 'Daan Test' });
  await page.getByLabel('Hoe gegeven').selectOption('paper');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  const err = page.locator('#consent-given-by-error');
  await err.waitFor();
  assert.match(await err.textContent(), /ouder geeft toestemming/);
  await checkA11y(page, 'consent with errors');
  await page.getByLabel('Gegeven door').selectOption({ label: 'Sanne Test' });
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('De toestemming is vastgelegd.').waitFor();
  // Sharing: the partner from the list.
  await page.getByRole('button', { name: 'Toestemming vastleggen' }).click();
  await page.getByLabel('Doel').selectOption('sharing');
  await page.getByLabel('Partnerorganisatie', { exact: false }).first().selectOption({ label: `${partner} (Voedselbank)` });
  await page.getByLabel('Hoe gegeven').selectOption('paper');
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('De toestemming is vastgelegd.').waitFor();
  await page.getByRole('cell', { name: `Delen met een andere organisatie: ${partner}`, exact: true }).waitFor();
  await checkA11y(page, 'consent per person');
  await page.context().close();
});
