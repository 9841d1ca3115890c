// Tables and lists (issue 13) in the browser: dates and row buttons on one line at 1280 px,
// rows as labelled cards at 768 px with the table roles kept, totals ("48 gezinnen", "Pagina 1
// van 2"), the access log per visit with a refusal that stands out, team overview numbers that
// open the caseload filtered to exactly those families, the flag for a coach with too many
// families, and the mark for a long wait. New data is made through the API (a new coach with
// 30 families), so the demo families other tests use stay as they are.
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

/** Calls the API as the logged-in user of `page` (its cookies, its CSRF token). */
async function apiAs(page) {
  const me = await page.request.get('/api/v1/me');
  const token = (await me.json()).csrf_token;
  return async (method, path, data, { ok = true } = {}) => {
    const r = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': token } });
    const body = await r.json().catch(() => null);
    if (ok) assert.ok(r.ok(), `${method} ${path}: ${r.status()} ${JSON.stringify(body)}`);
    return ok ? body : { status: r.status(), body };
  };
}

/**
 * How many lines the content of `locator` takes: the height from the top of its highest box to
 * the bottom of its lowest, in lines of its own line height (a badge beside the text is taller
 * than the text but still on the same line, so this rounds down).
 */
async function lineCount(locator) {
  return locator.evaluate((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    let top = Infinity;
    let bottom = -Infinity;
    // Text for screen readers only is a 1 px box out of the flow: not a line anyone sees.
    for (const r of Array.from(range.getClientRects())) {
      if (r.width <= 1 || r.height <= 1) continue;
      top = Math.min(top, r.top);
      bottom = Math.max(bottom, r.bottom);
    }
    const style = getComputedStyle(el);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
    return Math.max(1, Math.floor((bottom - top) / line + 0.25));
  });
}

async function assertOneLine(locator, what) {
  const n = await locator.count();
  assert.ok(n > 0, `${what}: there are some`);
  for (let i = 0; i < Math.min(n, 8); i++) {
    const text = (await locator.nth(i).innerText()).trim().replace(/\s+/g, ' ');
    assert.equal(await lineCount(locator.nth(i)), 1, `${what} "${text}" is on one line`);
  }
}

/** The column label a stacked cell shows before its value (its ::before content). */
async function stackedLabel(locator) {
  return locator.evaluate((el) => {
    const c = getComputedStyle(el, '::before').content;
    return c === 'none' || c === 'normal' ? '' : c.replace(/^"|"$/g, '');
  });
}

let coach; // { id, name }: a new coach with 30 running families

test('set-up: a new coach with 30 families, through the API', async () => {
  const adminPage = await newPage(browser);
  await login(adminPage, 'admin', { start: true });
  const admin = await apiAs(adminPage);
  const name = unique('Coach Vol');
  const username = `vol${Date.now().toString(36)}`;
  const created = await admin('POST', '/users', { username, display_name: name, role: 'coach' });
  coach = { id: created.id, name };
  await adminPage.context().close();

  const page = await newPage(browser);
  await login(page, 'teamlead');
  const lead = await apiAs(page);
  for (let i = 0; i < 30; i++) {
    await lead('POST', '/families', {
      name: `Familie Vol ${String(i).padStart(2, '0')} ${username}`,
      coach_id: coach.id,
      members: [{ given_name: 'Sanne', sex: 'female', household_role: 'parent', birth_date: '1990-04-01' }],
    });
  }
  await page.context().close();
});

test('at 1280 px dates and row buttons stay on one line; the caseload says its total', async () => {
  const page = await newPage(browser, { width: 1280 });
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  const call = await apiAs(page);
  const api = await call('GET', '/families?limit=25');
  const total = page.locator('#caseload-total');
  await total.waitFor();
  assert.equal((await total.innerText()).trim(), `${api.total} gezinnen`);
  const pages = Math.ceil(api.total / 25);
  assert.ok(pages > 1, 'the demo fills more than one page');
  await page.getByRole('table').locator('caption', { hasText: `Pagina 1 van ${pages}` }).waitFor();
  await page.locator('.k-pager', { hasText: `Pagina 1 van ${pages}` }).waitFor();
  await assertOneLine(page.locator('tbody td.k-date'), 'caseload date');
  // Not stacked: a real table row.
  assert.equal(await page.locator('tbody td').first().evaluate((el) => getComputedStyle(el).display), 'table-cell');
  await checkA11y(page, 'caseload at 1280');

  await page.goto('/wachtlijst');
  await heading(page, 'Wachtlijst');
  await page.locator('#waiting-total').waitFor();
  await assertOneLine(page.locator('tbody td.k-date'), 'waiting time');
  await assertOneLine(page.locator('tbody td.k-actions .utrecht-button'), 'assign button');
  // Row buttons sit in the middle of their row.
  const cell = page.locator('tbody td.k-actions').first();
  assert.equal(await cell.evaluate((el) => getComputedStyle(el).verticalAlign), 'middle');
  await checkA11y(page, 'waiting list at 1280');

  const vol = await call('GET', `/families?coach_id=${coach.id}&limit=1`);
  await page.goto(`/gezinnen/${vol.items[0].id}/gezinsleden`);
  await page.locator('td.k-actions .utrecht-button').first().waitFor();
  await assertOneLine(page.locator('tbody td.k-date'), 'birth date');
  await assertOneLine(page.locator('tbody td.k-actions .utrecht-button'), 'edit button');
  // The caption that repeats the heading is there for screen readers only.
  const caption = page.locator('caption', { hasText: 'Gezinsleden van' });
  assert.equal(await caption.evaluate((el) => el.getBoundingClientRect().width <= 1 && el.getBoundingClientRect().height <= 1), true);
  await checkA11y(page, 'members at 1280');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('at 768 px each row is a card with the column headers as labels; the table stays a table', async () => {
  const page = await newPage(browser, { width: 768, height: 1024 });
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  await page.locator('#caseload-total').waitFor();
  const table = page.getByRole('table');
  await table.waitFor();
  const firstRow = page.locator('tbody tr').first();
  assert.equal(await firstRow.evaluate((el) => getComputedStyle(el).display), 'block');
  const updated = page.locator('tbody td.k-date').first();
  assert.equal(await updated.evaluate((el) => getComputedStyle(el).display), 'block');
  assert.equal(await stackedLabel(updated), 'Laatst gewijzigd');
  assert.equal(await stackedLabel(page.locator('tbody td.k-num').first()), 'Gezinsleden');
  // The header row is out of sight but still read; the cells keep their roles.
  const head = page.locator('thead');
  assert.ok((await head.evaluate((el) => el.getBoundingClientRect().height)) <= 1, 'header row out of sight');
  assert.ok((await page.getByRole('row').count()) > 1, 'rows');
  assert.ok((await page.getByRole('cell').count()) > 1, 'cells');
  assert.equal(await page.getByRole('columnheader', { name: 'Gezin', exact: true }).count(), 1, 'column header');
  // A card is no wider than the screen: nothing to scroll sideways.
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling');
  await checkA11y(page, 'caseload at 768');

  await page.goto('/wachtlijst');
  await heading(page, 'Wachtlijst');
  const wait = page.locator('tbody td.k-date').first();
  await wait.waitFor();
  assert.equal(await stackedLabel(wait), 'Wachttijd');
  await checkA11y(page, 'waiting list at 768');

  await page.goto('/team');
  await heading(page, 'Team');
  await page.locator('tbody td.k-num').first().waitFor();
  assert.equal(await stackedLabel(page.locator(`tr[data-coach] td.k-num`).first()), 'Aanmelding');
  await checkA11y(page, 'team at 768');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the team overview flags the coach with 30 families and its numbers open exactly those families', async () => {
  const page = await newPage(browser, { width: 1280 });
  await login(page, 'teamlead');
  await page.goto('/team');
  await heading(page, 'Team');
  const call = await apiAs(page);
  const overview = await call('GET', '/team/overview');
  assert.equal(overview.caseload_max, 5);
  const row = page.locator(`tr[data-coach="${coach.id}"]`);
  await row.waitFor();
  await row.getByText(`Meer dan ${overview.caseload_max} gezinnen`).waitFor();
  // Coaches at or under the setting carry no flag.
  for (const c of overview.coaches.filter((c) => !c.over_caseload)) {
    assert.equal(await page.locator(`tr[data-coach="${c.id}"] [data-testid="over-caseload"]`).count(), 0, c.display_name);
  }
  await checkA11y(page, 'team at 1280');

  // The total opens the caseload filtered to this coach's running families: 30 of them.
  await row.getByRole('link', { name: `30 lopende gezinnen van ${coach.name}` }).click();
  await heading(page, 'Gezinnen');
  await page.locator('#caseload-total', { hasText: '30 gezinnen' }).waitFor();
  const filters = page.getByTestId('active-filters');
  await filters.getByText(`Coach: ${coach.name}`).waitFor();
  await filters.getByText('Alleen als hoofdcoach').waitFor();
  await filters.getByText('Alleen lopende gezinnen').waitFor();
  assert.equal(await page.locator('tbody tr').count(), 25, 'a full first page');
  await page.locator('caption', { hasText: 'Pagina 1 van 2' }).waitFor();
  await page.getByRole('button', { name: 'Volgende' }).click();
  await page.locator('caption', { hasText: 'Pagina 2 van 2' }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 5, 'together the 30 the team page counted');
  await checkA11y(page, 'filtered caseload');

  // A phase number of a demo coach: the list holds as many rows as the number says.
  await page.goto('/team');
  await heading(page, 'Team');
  const demo = overview.coaches.find((c) => c.id !== coach.id && (c.families_by_phase.actief ?? 0) > 0 && c.families_by_phase.actief <= 25);
  assert.ok(demo, 'a demo coach with families in actief');
  const n = demo.families_by_phase.actief;
  await page.getByRole('link', { name: `${n} gezinnen van ${demo.display_name} in fase Actief` }).click();
  await heading(page, 'Gezinnen');
  await page.getByTestId('active-filters').getByText('Fase: Actief').waitFor();
  await page.locator('#caseload-total', { hasText: n === 1 ? '1 gezin' : `${n} gezinnen` }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), n);
  assert.equal(await page.getByLabel('Fase').inputValue(), 'actief', 'the phase field shows the filter too');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('a long wait is marked in words on the waiting list and the caseload', async () => {
  const page = await newPage(browser, { width: 1280 });
  await login(page, 'teamlead');
  const call = await apiAs(page);
  const list = await call('GET', '/waiting-list?limit=200');
  const long = list.items.filter((f) => f.long_wait);
  const short = list.items.filter((f) => !f.long_wait);
  assert.ok(long.length > 0 && short.length > 0, 'the demo has long and short waits');
  assert.ok(long.every((f) => f.waiting_days >= 28) && short.every((f) => f.waiting_days < 28));
  await page.goto('/wachtlijst');
  await heading(page, 'Wachtlijst');
  await page.locator('#waiting-total', { hasText: `${list.total} gezinnen wachten op een coach` }).waitFor();
  for (const f of [...long.slice(0, 3), ...short.slice(0, 3)]) {
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: f.name, exact: true }) });
    assert.equal(await row.locator('.k-flag', { hasText: 'Wacht lang' }).count(), f.long_wait ? 1 : 0, `${f.name}, ${f.waiting_days} days`);
  }
  await page.goto(`/gezinnen?sorteer=waiting`);
  await heading(page, 'Gezinnen');
  const first = page.locator('tbody tr', { has: page.getByRole('link', { name: long[0].name, exact: true }) });
  await first.locator('.k-flag', { hasText: 'Wacht lang' }).waitFor();
  await checkA11y(page, 'caseload by waiting time');
  await page.context().close();
});

test('the access log shows one row per visit, and a refusal stands out as "Geweigerd"', async () => {
  const leadPage = await newPage(browser, { width: 1280 });
  await login(leadPage, 'teamlead');
  const lead = await apiAs(leadPage);
  const coach2 = (await lead('GET', '/users?role=coach')).items.find((u) => u.username === 'coach2');

  // Esther opens one of her families and looks at a few tabs: one visit. Then she tries to
  // hand the family to Rachid, which only a team lead may do: a refusal on the family's log.
  const coachPage = await newPage(browser, { width: 1280 });
  await login(coachPage, 'coach1');
  const call = await apiAs(coachPage);
  const f = (await call('GET', '/families?limit=1&sort=updated')).items[0];
  const file = await call('GET', `/families/${f.id}`);
  await call('GET', `/families/${f.id}/members`);
  await call('GET', `/families/${f.id}/timeline`);
  const token = (await (await coachPage.request.get('/api/v1/me')).json()).csrf_token;
  const refused = await coachPage.request.fetch(`/api/v1/families/${f.id}`, {
    method: 'PATCH',
    data: { coach_id: coach2.id },
    headers: { 'X-CSRF-Token': token, 'If-Match': `"${file.version}"` },
  });
  assert.equal(refused.status(), 403);
  await coachPage.context().close();

  const page = leadPage;
  await page.goto(`/gezinnen/${f.id}/toegang`);
  await page.getByRole('heading', { name: 'Wie heeft de gegevens van dit gezin bekeken?' }).waitFor();
  const total = page.locator('#access-total');
  await total.waitFor();
  const log = await lead('GET', `/families/${f.id}/access-log?limit=1`);
  const rows = Number((await total.innerText()).match(/\d+/)[0]);
  assert.ok(rows >= 5 && rows <= log.total, `${rows} log lines shown, ${log.total} now`);
  const visits = await page.locator('table.k-access-visits tbody tr').count();
  assert.ok(visits < rows, `${visits} visits for ${rows} log lines`);
  const refusal = page.locator('tbody tr.k-row--refused').first();
  await refusal.getByText('Geweigerd', { exact: true }).waitFor();
  await refusal.getByText('Esther Wolters').waitFor();
  // Her visit before it: one row with what she looked at, in words.
  const visit = page.locator('tbody tr[data-kind="allowed"]', { hasText: 'Esther Wolters' }).first();
  await visit.getByText('Tijdlijn bekeken').waitFor();
  await visit.getByText('Gezinsleden bekeken').waitFor();
  await visit.getByText('Gelukt', { exact: true }).waitFor();
  // The refusal looks different from a visit that went well, not only by its word.
  const bg = (loc) => loc.locator('td').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(await bg(refusal), await bg(visit));
  await checkA11y(page, 'access log at 1280');
  await page.setViewportSize({ width: 768, height: 1024 });
  assert.equal(await stackedLabel(refusal.locator('td').last()), 'Uitkomst');
  await checkA11y(page, 'access log at 768');
  assert.deepEqual(page.consoleErrors, []);
  await page.context().close();
});

test('the users list says how many there are, at 768 and 1280', async () => {
  for (const width of [1280, 768]) {
    const page = await newPage(browser, { width });
    await login(page, 'admin');
    await heading(page, 'Gebruikers');
    const call = await apiAs(page);
    const users = await call('GET', '/users');
    await page.locator('#users-total', { hasText: `${users.total} gebruikers` }).waitFor();
    assert.equal(await page.locator('tbody tr').count(), users.total);
    if (width === 1280) await assertOneLine(page.locator('tbody td.k-actions .utrecht-button'), 'user buttons');
    await checkA11y(page, `users at ${width}`);
    await page.context().close();
  }
});
