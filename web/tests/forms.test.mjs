// Issue 13, forms and dialogs: the date input (day, month and year apart) with an error per
// part, the confirmation dialog for destructive actions, and selects that start on "Kies…".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, createUserAsAdmin, fillDate, heading, launch, login, newPage, unique } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const focusedId = (page) => page.evaluate(() => document.activeElement?.id ?? null);

test('date input: an error per part, focus on that part, and the right ISO date saved', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  await page.locator('table tbody tr a').first().click();
  const familyId = /\/gezinnen\/([^/]+)/.exec(page.url())[1];
  await page.getByRole('link', { name: 'Gezinsleden', exact: true }).click();
  await page.getByRole('button', { name: 'Gezinslid toevoegen' }).click();
  const name = unique('Datum');
  await page.getByLabel('Voornaam').fill(name);

  const group = page.getByRole('group', { name: 'Geboortedatum' });
  const day = group.getByLabel('Dag');
  const month = group.getByLabel('Maand');
  const year = group.getByLabel('Jaar');
  // Small numeric fields: the tablet shows the number keyboard, nobody is offered their own birthday.
  for (const part of [day, month, year]) {
    assert.equal(await part.getAttribute('inputmode'), 'numeric');
    assert.equal(await part.getAttribute('autocomplete'), 'off');
  }
  assert.ok((await day.boundingBox()).width < (await year.boundingBox()).width, 'the day field is narrower than the year field');

  const error = page.locator('#member-birth-date-error');
  const cases = [
    { date: ['32', '3', '2016'], text: 'Vul een dag in van 1 tot en met 31.', part: 'day' },
    { date: ['14', '13', '2016'], text: 'Vul een maand in van 1 tot en met 12.', part: 'month' },
    { date: ['31', '2', '2015'], text: 'Die datum bestaat niet. Kijk de dag en de maand na.', part: 'day' },
    { date: ['14', '3', '16'], text: 'Vul het jaar in met 4 cijfers, bijvoorbeeld 2016.', part: 'year' },
    { date: ['14', '', '2016'], text: 'Vul ook de maand in.', part: 'month' },
  ];
  for (const c of cases) {
    await day.fill(c.date[0]);
    await month.fill(c.date[1]);
    await year.fill(c.date[2]);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await error.waitFor();
    assert.equal(await error.textContent(), c.text, `message for ${c.date.join(' ')}`);
    // Focus goes to the part the message is about; only that part is marked.
    assert.equal(await focusedId(page), `member-birth-date-${c.part}`, `focus for ${c.date.join(' ')}`);
    for (const p of ['day', 'month', 'year']) {
      const invalid = await page.locator(`#member-birth-date-${p}`).getAttribute('aria-invalid');
      assert.equal(invalid === 'true', p === c.part, `${p} marked for ${c.date.join(' ')}`);
    }
    // The message belongs to the group: it is read out with the legend.
    assert.match(await page.locator('#member-birth-date').getAttribute('aria-describedby'), /member-birth-date-error/);
  }
  await checkA11y(page, 'date input with an error on one part');

  // Keyboard only: Tab goes day → month → year; typing replaces what is there.
  await day.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('14');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'member-birth-date-month');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  assert.equal(await focusedId(page), 'member-birth-date-year');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2016');
  await page.keyboard.press('Enter');
  await page.getByText(`${name} is toegevoegd.`).waitFor();

  const family = await (await page.request.get(`/api/v1/families/${familyId}`)).json();
  const saved = family.members.find((m) => m.given_name === name);
  assert.equal(saved?.birth_date, '2016-03-14', 'the three parts become the ISO date');
  await page.context().close();
});

test('date input: a whole date pasted into the day fills all three, in English too', async () => {
  const page = await newPage(browser, { lang: 'en' });
  await login(page, 'coach1');
  await page.locator('table tbody tr a').first().click();
  await page.getByRole('link', { name: 'Members', exact: true }).click();
  await page.getByRole('button', { name: 'Add a family member' }).click();
  const group = page.getByRole('group', { name: 'Date of birth' });
  await group.getByLabel('Day').fill('01-06-2010');
  assert.equal(await group.getByLabel('Day').inputValue(), '1');
  assert.equal(await group.getByLabel('Month').inputValue(), '6');
  assert.equal(await group.getByLabel('Year').inputValue(), '2010');
  await group.getByLabel('Month').fill('13');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Enter a month from 1 to 12.').waitFor();
  await page.context().close();
});

test('confirmation dialog: "Nee, terug" and Escape change nothing, "Ja, uitschakelen" disables', async () => {
  const { username } = await createUserAsAdmin(browser, { role: 'coach', displayName: unique('Bevestig') });
  const page = await newPage(browser);
  await login(page, 'admin');
  await heading(page, 'Gebruikers');
  const row = page.locator('tr', { hasText: username });
  const trigger = row.getByRole('button', { name: /uitschakelen$/ });
  const userState = async () => {
    const r = await page.request.get('/api/v1/users?limit=200');
    const body = await r.json();
    const items = Array.isArray(body) ? body : body.items;
    return items.find((u) => u.username === username);
  };
  assert.equal((await userState()).disabled, false);

  // Looks different from ordinary actions: the danger style, and a sign (not colour alone).
  assert.match(await trigger.getAttribute('class'), /k-danger/);

  await trigger.click();
  const dialog = page.getByRole('dialog', { name: /uitschakelen\?$/ });
  await dialog.waitFor();
  await dialog.getByText('kan dan niet meer inloggen').waitFor();
  // Focus moves into the dialog, onto the safe answer.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Nee, terug');
  await checkA11y(page, 'confirmation dialog');
  await dialog.getByRole('button', { name: 'Nee, terug' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await trigger.evaluate((el) => el === document.activeElement), true, 'focus is back on the button');
  assert.equal((await userState()).disabled, false, 'cancel changed nothing');

  await trigger.click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await trigger.evaluate((el) => el === document.activeElement), true, 'focus is back after Escape');
  assert.equal((await userState()).disabled, false, 'Escape changed nothing');

  await trigger.click();
  await dialog.getByRole('button', { name: 'Ja, uitschakelen' }).click();
  await row.getByRole('button', { name: /weer inschakelen$/ }).waitFor();
  assert.equal((await userState()).disabled, true, 'confirm disabled the user');
  await page.context().close();
});

test('"Kies…": the referrer kind starts empty and must be chosen', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await page.goto('/aanmelden');
  await heading(page, 'Gezin aanmelden');
  const kind = page.getByLabel('Soort aanmelder');
  assert.equal(await kind.inputValue(), '', 'nothing is chosen beforehand');
  assert.equal(await kind.locator('option').first().textContent(), 'Kies…');
  await page.getByLabel('Naam van het gezin').fill(unique('Familie Kies'));
  await page.getByLabel('Naam van de organisatie of persoon').fill('Wijkteam Noord');
  await page.getByLabel('Reden van aanmelding').fill('Moeder wil graag hulp bij de post.');
  await page.getByLabel('Telefoon').fill('0612345678');
  await page.getByRole('button', { name: 'Aanmelding opslaan' }).click();
  const error = page.locator('#ref-kind-error');
  await error.waitFor();
  assert.equal(await error.textContent(), 'Maak een keuze.');
  assert.equal(await focusedId(page), 'ref-kind', 'focus goes to the select');
  await checkA11y(page, 'referral with no referrer kind chosen');
  await kind.selectOption('wijkteam');
  await page.getByRole('button', { name: 'Aanmelding opslaan' }).click();
  await page.getByText('De aanmelding is opgeslagen.', { exact: false }).first().waitFor();
  await page.context().close();
});

test('"Gezin aanmelden" on the caseload is a button link, not an underlined link', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  const link = page.locator('#main').getByRole('link', { name: 'Gezin aanmelden' });
  const style = await link.evaluate((el) => {
    const s = getComputedStyle(el);
    return { line: s.textDecorationLine, bg: s.backgroundColor };
  });
  assert.equal(style.line, 'none');
  assert.notEqual(style.bg, 'rgba(0, 0, 0, 0)', 'it has the button background');
  await page.context().close();
});

test('throwing away a measurement draft asks first; "Nee, terug" and Escape keep it', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  await page.locator('table tbody tr a').first().click();
  const familyId = /\/gezinnen\/([^/]+)/.exec(page.url())[1];
  const family = await (await page.request.get(`/api/v1/families/${familyId}`)).json();
  const member = family.members[0];
  // A draft as "save and continue later" leaves it in this browser.
  await page.evaluate(({ familyId, memberId }) => {
    localStorage.setItem(`kansrijk.meting.${familyId}.${memberId}`, JSON.stringify({
      family_id: familyId, member_id: memberId, instrument_key: '', moment: '', date_text: '', date_parts: { day: '1', month: '2', year: '2026' },
      filled_in_by: '', scores: {}, notes: {}, step: 0, saved_at: new Date().toISOString(),
    }));
  }, { familyId, memberId: member.id });
  await page.goto(`/gezinnen/${familyId}/metingen`);
  const discard = page.getByRole('button', { name: 'Concept weggooien' });
  await discard.waitFor();
  const dialog = page.getByRole('dialog', { name: `Concept voor ${member.given_name} weggooien?` });
  const stored = () => page.evaluate((k) => localStorage.getItem(k) !== null, `kansrijk.meting.${familyId}.${member.id}`);

  await discard.click();
  await dialog.getByRole('button', { name: 'Nee, terug' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await stored(), true, 'cancel keeps the draft');
  assert.equal(await discard.evaluate((el) => el === document.activeElement), true, 'focus is back on the button');

  await discard.click();
  await dialog.waitFor();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await stored(), true, 'Escape keeps the draft');

  await discard.click();
  await dialog.getByRole('button', { name: 'Ja, weggooien' }).click();
  await discard.waitFor({ state: 'detached' });
  assert.equal(await stored(), false, 'confirm throws the draft away');
  await page.context().close();
});
