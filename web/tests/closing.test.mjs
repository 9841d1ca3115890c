// Issue 14 in the browser: closing a family that never started (with a reason, counted apart
// on the team page), and recording an aftercare moment. The families are set up through the
// API as the same user, so the demo data other tests use stays as it is.
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

/** YYYY-MM-DD `days` from today (UTC). */
const isoDate = (days = 0) => new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);

/** Calls the API as the logged-in user of `page` (its cookies, its CSRF token). */
async function apiAs(page) {
  const me = await page.request.get('/api/v1/me');
  const token = (await me.json()).csrf_token;
  return async (method, path, data) => {
    const r = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': token } });
    const body = await r.json().catch(() => null);
    assert.ok(r.ok(), `${method} ${path}: ${r.status()} ${JSON.stringify(body)}`);
    return body;
  };
}

async function refer(call, name) {
  return call('POST', '/referrals', {
    family_name: name,
    referrer_organisation: 'Wijkteam Dalen',
    referrer_kind: 'wijkteam',
    reason: 'Moeder vraagt hulp bij de post en de rekeningen.',
    contact: { phone: '0612345678' },
    members: [{ given_name: 'Sanne', sex: 'female', household_role: 'parent', birth_date: '1990-04-01' }],
  });
}

test('closing a family that never started, with a reason; counted apart on the team page', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  const call = await apiAs(page);
  const name = unique('Familie Nooit Gestart');
  const f = await refer(call, name);

  await page.goto('/team');
  await heading(page, 'Team');
  const before = Number(await page.locator('#team-closed-not-started').textContent());

  await page.goto(`/gezinnen/${f.id}/traject`);
  await heading(page, name);
  // The closing form is not on the page until the button opens it, in a modal dialog.
  assert.equal(await page.locator('#close-reason').count(), 0, 'no open closing form on the page');
  await page.getByRole('button', { name: 'Traject afsluiten…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Traject afsluiten' });
  await dialog.waitFor();
  assert.equal(await dialog.evaluate((d) => d.tagName === 'DIALOG' && d.open && d.matches(':modal')), true, 'a native modal dialog');
  await page.waitForFunction(() => document.activeElement?.id === 'close-reason');
  // No reason: refused next to the field. "Anders" without a few words: refused too.
  await page.locator('#close-submit').click();
  await page.locator('#close-reason-error').waitFor();
  await checkA11y(page, 'closing dialog with errors');
  await page.getByLabel('Reden van afsluiten').selectOption('anders');
  await page.locator('#close-submit').click();
  await page.locator('#close-summary-error').waitFor();
  await page.getByLabel('Reden van afsluiten').selectOption('niet_bereikbaar');
  await page.locator('#close-submit').click();
  await page.getByText('Het gezin is nu in de fase Afsluiting.').waitFor();
  await page.getByText('Het traject is niet gestart. Daarom is er geen nazorg.').waitFor();
  await page.locator('.k-timeline li', { hasText: 'Fase: Aanmelding → Afsluiting' }).waitFor();
  await checkA11y(page, 'trajectory closed before it started');

  await page.goto('/team');
  await heading(page, 'Team');
  await page.locator('#team-closed-not-started', { hasText: String(before + 1) }).waitFor();
  await page.getByRole('rowheader', { name: 'Niet bereikbaar' }).waitFor();
  await page.getByRole('rowheader', { name: 'Wijkteam' }).waitFor();
  await checkA11y(page, 'team overview with closings and referrals');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('recording an aftercare moment; it shows on the coach\'s list while due', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  const call = await apiAs(page);
  const name = unique('Familie Nazorg');
  const f = await refer(call, name);
  await call('POST', `/families/${f.id}/phase`, { to: 'intake', date: isoDate(-500) });
  await call('POST', `/families/${f.id}/consents`, { purpose: 'coaching', given_by: 'Sanne', given_on: isoDate(-500), method: 'paper' });
  await call('POST', `/families/${f.id}/eligibility`, {
    household_type: 'alleenstaande_ouder', cost_sharers: 1, incomes: [{ source: 'uitkering', amount_cents: 120000 }],
  });
  await call('POST', `/families/${f.id}/phase`, { to: 'actief', date: isoDate(-480) });
  // Closed about 7 months ago: the 3- and 6-month moments are due, the 12-month one is not.
  await call('POST', `/families/${f.id}/phase`, {
    to: 'afsluiting', date: isoDate(-215), closing_reason: 'doelen_bereikt', closing_summary: 'Rust in de financiën.',
  });

  // The caseload lists what is due.
  await page.goto('/gezinnen');
  await heading(page, 'Mijn gezinnen');
  const due = page.locator('section[aria-labelledby="due-followups-title"]');
  await due.getByRole('link', { name }).first().waitFor();
  await checkA11y(page, 'caseload with due aftercare');
  await due.getByRole('link', { name }).first().click();
  await heading(page, name);
  await page.getByRole('heading', { name: 'Nazorg', exact: true }).waitFor();
  await page.getByText('Dit moment is nog niet aan de beurt.').waitFor();

  // "Gesproken" needs a note; then it is recorded.
  const form = page.locator('form[aria-label^="Nazorgmoment van"]').first();
  await form.getByLabel('Hoe ging het contact?').selectOption('done');
  await form.getByRole('button', { name: 'Vastleggen' }).click();
  await form.locator('[id$="-note-error"]').waitFor();
  await checkA11y(page, 'aftercare form with errors');
  await form.getByLabel('Notitie').fill('Het gaat goed; de huur wordt op tijd betaald.');
  await form.getByRole('button', { name: 'Vastleggen' }).click();
  await page.getByText('Het nazorgmoment is vastgelegd.').waitFor();
  await page.locator('.k-followup', { hasText: 'Het gaat goed; de huur wordt op tijd betaald.' }).waitFor();
  await page.locator('.k-timeline li', { hasText: 'Nazorg na 3 maanden: Gesproken' }).waitFor();
  await checkA11y(page, 'aftercare after recording');

  // The other due one: not reachable, no note needed.
  const next = page.locator('form[aria-label^="Nazorgmoment van"]').first();
  await next.getByLabel('Hoe ging het contact?').selectOption('not_reachable');
  await next.getByRole('button', { name: 'Vastleggen' }).click();
  await page.locator('.k-followup .k-badge', { hasText: 'Niet bereikbaar' }).waitFor();
  await page.locator('form[aria-label^="Nazorgmoment van"]').first().waitFor({ state: 'detached' });
  await page.locator('.k-followup .k-badge', { hasText: 'Nog te doen' }).waitFor();
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a team lead adds a kindercoach, who then works on the family, and ends them with a note', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  const call = await apiAs(page);
  const name = unique('Familie Twee Coaches');
  const f = await refer(call, name);
  const staff = await call('GET', '/users?role=coach&limit=200');
  const byName = (n) => staff.items.find((u) => u.display_name === n).id;
  await call('POST', `/families/${f.id}/assign`, { coach_id: byName('Esther Wolters') });

  await page.goto(`/gezinnen/${f.id}/traject`);
  await heading(page, name);
  const card = page.locator('section[aria-labelledby="coaches-title"]');
  await card.getByText('Er werkt geen andere coach met dit gezin.').waitFor();
  await card.getByRole('button', { name: 'Coach toevoegen' }).click();
  await page.locator('#coach-add-submit').click();
  await page.locator('#coach-add-user-error').waitFor();
  await page.locator('#coach-add-role-error').waitFor();
  await checkA11y(page, 'add a further coach with errors');
  await card.getByLabel('Welke coach?').selectOption({ label: 'Rachid Bouzid' });
  await card.getByLabel('Rol').selectOption('kindercoach');
  await page.locator('#coach-add-submit').click();
  await card.getByText('Rachid Bouzid werkt nu ook met het gezin, als Kindercoach.').waitFor();
  await page.locator('.k-timeline li', { hasText: 'Coach erbij: Rachid Bouzid (Kindercoach)' }).waitFor();

  // Kees sees the family in his own caseload.
  const kees = await newPage(browser);
  await login(kees, 'coach2');
  await heading(kees, 'Mijn gezinnen');
  await kees.getByLabel('Zoek op naam').fill(name);
  await kees.getByRole('button', { name: 'Toon gezinnen' }).click();
  await kees.getByRole('link', { name }).click();
  await heading(kees, name);

  // Ending needs a note; then Kees no longer finds the family.
  await card.getByRole('button', { name: 'Stoppen' }).click();
  await card.locator('button[id$="-submit"]').click();
  await card.locator('[id$="-note-error"]').waitFor();
  await checkA11y(page, 'end a further coach with errors');
  await card.getByLabel('Waarom stopt deze coach?').fill('De kinderen redden het nu goed zelf.');
  await card.locator('button[id$="-submit"]').click();
  await page.getByRole('dialog', { name: 'Stoppen met Rachid Bouzid?' }).getByRole('button', { name: 'Ja, stoppen' }).click();
  await card.getByText('Rachid Bouzid werkt niet meer met het gezin.').waitFor();
  await card.getByText('Eerdere coaches (1)').waitFor();
  await kees.reload();
  await kees.getByRole('heading', { name: 'Niet gevonden' }).first().waitFor();
  assert.deepEqual(page.consoleErrors, []);
  await kees.context().close();
  await page.context().close();
});
