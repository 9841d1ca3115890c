// Issue 13, the frame around the work: the trajectory stepper, closing behind a dialog, the
// footer pages (also before login) with the server's version, the back link that keeps the
// caseload's filters and page, and badges that look different per meaning.
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
/** The app's long Dutch date ("3 maart 2026"). */
const nlDate = (iso) =>
  new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

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

/** A family referred, taken in and active, through the API as the user of `page`. */
async function activeFamily(page, { intake, active }) {
  const call = await apiAs(page);
  const name = unique('Familie Stappen');
  const f = await call('POST', '/referrals', {
    family_name: name,
    referrer_organisation: 'Wijkteam Dalen',
    referrer_kind: 'wijkteam',
    reason: 'Moeder vraagt hulp bij de post.',
    contact: { phone: '0612345678' },
    members: [{ given_name: 'Sanne', sex: 'female', household_role: 'parent', birth_date: '1990-04-01' }],
  });
  await call('POST', `/families/${f.id}/phase`, { to: 'intake', date: intake });
  await call('POST', `/families/${f.id}/consents`, { purpose: 'coaching', given_by: 'Sanne', given_on: intake, method: 'paper' });
  await call('POST', `/families/${f.id}/eligibility`, {
    household_type: 'alleenstaande_ouder', cost_sharers: 1, incomes: [{ source: 'uitkering', amount_cents: 120000 }],
  });
  await call('POST', `/families/${f.id}/phase`, { to: 'actief', date: active });
  return { id: f.id, name, call };
}

test('the stepper shows done phases with their dates, the current one, and the next one', async () => {
  const page = await newPage(browser, { width: 768, height: 1024 });
  await login(page, 'coach1');
  const intake = isoDate(-40);
  const active = isoDate(-20);
  const f = await activeFamily(page, { intake, active });
  await page.goto(`/gezinnen/${f.id}/traject`);
  await heading(page, f.name);
  const steps = page.getByRole('list', { name: 'Stappen van het traject' });
  await steps.locator('li[data-phase="intake"]', { hasText: `Klaar op ${nlDate(intake)}` }).waitFor();

  const items = await steps.locator('li').evaluateAll((lis) =>
    lis.map((li) => ({ phase: li.dataset.phase, current: li.getAttribute('aria-current'), text: li.textContent })),
  );
  assert.deepEqual(items.map((i) => i.phase), ['aanmelding', 'intake', 'actief', 'afsluiting', 'nazorg'], 'an ordered list of the phases');
  assert.equal(await steps.evaluate((el) => el.tagName), 'OL');
  assert.match(items[0].text, /Aanmelding.*Klaar op \d+ \w+ \d{4}/, 'aanmelding is done, with its date');
  assert.match(items[0].text, /✓/, 'a done phase has a check');
  assert.match(items[1].text, new RegExp(`Intake.*Klaar op ${nlDate(intake)}`));
  assert.deepEqual(items.map((i) => i.current), [null, null, 'step', null, null], 'only the current phase is aria-current="step"');
  assert.match(items[2].text, new RegExp(`Actief.*Nu bezig, sinds ${nlDate(active)}`));
  assert.match(items[3].text, /Afsluiting.*Volgende stap/, 'the next phase is named');
  assert.match(items[4].text, /Nazorg.*Later/);

  // At 768 px the stepper fits: nothing sticks out sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scrolling at 768 px (${overflow} px too wide)`);
  await checkA11y(page, 'trajectory with the stepper at 768 px');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('closing opens only from its button, in a modal dialog; Escape and Annuleren change nothing', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  const f = await activeFamily(page, { intake: isoDate(-30), active: isoDate(-10) });
  await page.goto(`/gezinnen/${f.id}/traject`);
  await heading(page, f.name);
  const opener = page.getByRole('button', { name: 'Traject afsluiten…' });
  await opener.waitFor();
  assert.equal(await page.locator('#close-reason').count(), 0, 'no closing form on the page before the button');
  assert.equal(await page.getByRole('dialog').count(), 0);

  // Escape cancels: the dialog goes, focus returns to the button, the family stays active.
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Traject afsluiten' });
  await dialog.waitFor();
  assert.equal(await dialog.evaluate((d) => d.tagName === 'DIALOG' && d.matches(':modal')), true, 'a native modal dialog');
  await page.waitForFunction(() => document.activeElement?.id === 'close-reason');
  // Reason, date and summary, in that order.
  const order = await dialog.locator('select, input, textarea').evaluateAll((els) => els.map((e) => e.id));
  assert.deepEqual(order.slice(0, 5), ['close-reason', 'close-date-day', 'close-date-month', 'close-date-year', 'close-summary']);
  await checkA11y(page, 'closing dialog open');
  await dialog.getByLabel('Reden van afsluiten').selectOption('doelen_bereikt');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.activeElement?.id === 'close-open');
  const after1 = await f.call('GET', `/families/${f.id}`);
  assert.equal(after1.phase, 'actief', 'Escape did not close the trajectory');
  await page.locator('li[aria-current="step"][data-phase="actief"]').waitFor();

  // "Annuleren" too.
  await opener.click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Annuleren' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await f.call('GET', `/families/${f.id}`)).phase, 'actief');

  // Confirming does close it, with the reason, date and summary.
  await opener.click();
  await dialog.getByLabel('Reden van afsluiten').selectOption('doelen_bereikt');
  await dialog.getByLabel('Samenvatting').fill('De post is op orde. Sanne belt zelf de woningcorporatie.');
  await dialog.getByRole('button', { name: 'Traject afsluiten', exact: true }).click();
  await page.getByText('Het gezin is nu in de fase Afsluiting.').waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0);
  const closed = await f.call('GET', `/families/${f.id}`);
  assert.equal(closed.phase, 'afsluiting');
  assert.equal(closed.closing_reason, 'doelen_bereikt');
  await page.locator('li[aria-current="step"][data-phase="afsluiting"]').waitFor();
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

const FOOTER_PAGES = [
  ['Toegankelijkheid', 'Toegankelijkheid', /axe/],
  ['Privacy', 'Privacy', /logboek/],
  ['Hulp en contact', 'Hulp en contact', /beheerder/],
];

test('the footer pages are reachable before login, axe-clean, and show the server version', async () => {
  const page = await newPage(browser);
  await page.goto('/login');
  await heading(page, 'Inloggen');
  const footer = page.getByRole('contentinfo');
  for (const [link, title, body] of FOOTER_PAGES) {
    await footer.getByRole('link', { name: link, exact: true }).click();
    await heading(page, title);
    assert.match(await page.locator('#main').textContent(), body);
    await checkA11y(page, `${title} (logged out)`);
  }
  // Still logged out: the pages did not send anyone to the login page.
  assert.equal(new URL(page.url()).pathname, '/hulp');

  const health = await (await page.request.get('/healthz')).json();
  assert.equal(typeof health.version, 'string');
  assert.ok(health.version.length > 0);
  await footer.getByTestId('server-version').waitFor();
  assert.equal((await footer.getByTestId('server-version').textContent()).trim(), `Versie ${health.version}`);
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the footer pages are reachable when logged in, too', async () => {
  const page = await newPage(browser, { width: 768, height: 1024 });
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  const footer = page.getByRole('contentinfo');
  for (const [link, title] of FOOTER_PAGES) {
    await footer.getByRole('link', { name: link, exact: true }).click();
    await heading(page, title);
    await checkA11y(page, `${title} (logged in, 768 px)`);
  }
  // The main menu is still there: the user stays logged in.
  await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn gezinnen' }).waitFor();
  await page.context().close();
});

test('"Terug naar de gezinnen" brings back the filters and the page the user came from', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  await page.getByLabel('Sorteren op').selectOption('updated');
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.waitForURL(/sorteer=updated/);
  await page.getByRole('button', { name: 'Volgende pagina' }).click();
  await page.getByText(/^Pagina 2 van \d+$/).waitFor();
  const link = page.locator('table tbody tr a').first();
  const name = (await link.textContent()).trim();
  await link.click();
  await heading(page, name);
  // Switching tabs keeps it too.
  await page.getByRole('navigation', { name: 'Onderdelen van het gezin' }).getByRole('link', { name: 'Traject' }).click();
  await page.waitForURL(/\/traject$/);
  await page.getByRole('link', { name: '← Terug naar de gezinnen' }).click();
  await heading(page, 'Gezinnen');
  assert.match(page.url(), /\/gezinnen\?sorteer=updated$/);
  assert.equal(await page.getByLabel('Sorteren op').inputValue(), 'updated');
  await page.getByText(/^Pagina 2 van \d+$/).waitFor();
  await page.locator('table tbody tr a', { hasText: name }).first().waitFor();
  await page.context().close();
});

test('phase, account status and consent each have their own look, with words', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  const f = await activeFamily(page, { intake: isoDate(-30), active: isoDate(-10) });
  const look = (loc) =>
    loc.evaluate((el) => {
      const s = getComputedStyle(el);
      const before = getComputedStyle(el, '::before');
      return { cls: el.className, text: el.textContent.trim(), radius: s.borderTopLeftRadius, bg: s.backgroundColor, borderStart: s.borderLeftWidth, dot: before.content };
    });

  await page.goto(`/gezinnen/${f.id}/toestemming`);
  await heading(page, f.name);
  const phase = await look(page.locator('.k-family-head .k-badge--phase'));
  const consent = await look(page.locator('.k-consent').first());
  assert.equal(phase.text, 'Actief');
  assert.match(consent.text, /Geldig/);
  await checkA11y(page, 'consent badges');
  await page.context().close();

  const admin = await newPage(browser);
  await login(admin, 'admin');
  await admin.goto('/beheer/gebruikers');
  await heading(admin, 'Gebruikers');
  const status = await look(admin.locator('table .k-status', { hasText: 'Actief' }).first());
  assert.equal(status.text, 'Actief');
  await admin.context().close();

  // The same word "Actief" (phase and account) no longer looks the same, and consent differs from both.
  const key = (x) => `${x.radius}|${x.bg}|${x.borderStart}|${x.dot}`;
  assert.notEqual(key(phase), key(status), `phase ${key(phase)} vs status ${key(status)}`);
  assert.notEqual(key(phase), key(consent), `phase ${key(phase)} vs consent ${key(consent)}`);
  assert.notEqual(key(status), key(consent), `status ${key(status)} vs consent ${key(consent)}`);
  assert.notEqual(phase.radius, status.radius, 'the phase is a pill, the account status is not');
});
