// Menus, tabs and pages follow what GET /me says the user may do (capabilities), not role
// names: a coach sees no team-lead items, a team lead does, and an admin starts on the users page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { heading, launch, login, newPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const LEAD_ITEMS = ['Wachtlijst', 'Team'];
const ADMIN_ITEMS = ['Gebruikers', 'Programma’s', "Programma's", 'Thema’s genogram', "Thema's genogram"];

async function menu(page) {
  const nav = page.getByRole('navigation', { name: /menu/i });
  await nav.waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((s) => s.trim());
}

async function capabilities(page) {
  const me = await (await page.request.get('/api/v1/me')).json();
  return me.capabilities ?? me.user?.capabilities ?? [];
}

test('a coach sees no team-lead menu items, tab or page', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  const caps = await capabilities(page);
  assert.ok(caps.includes('family.list') && !caps.includes('team.overview') && !caps.includes('waiting_list.read'), caps.join(' '));
  const items = await menu(page);
  assert.ok(items.includes('Mijn gezinnen') && items.includes('Gezin aanmelden'), items.join(', '));
  for (const item of [...LEAD_ITEMS, ...ADMIN_ITEMS]) assert.ok(!items.includes(item), `no "${item}" for a coach: ${items.join(', ')}`);

  // A family of theirs has no access-log tab.
  await page.locator('table tbody tr a').first().click();
  await page.getByRole('link', { name: 'Overzicht', exact: true }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Toegang', exact: true }).count(), 0);

  // The team page by its address: not for them.
  await page.goto('/team');
  await heading(page, 'Geen toegang');
  await page.context().close();
});

test('a team lead sees the team-lead menu items and the access tab', async () => {
  const page = await newPage(browser);
  await login(page, 'teamlead');
  await heading(page, 'Gezinnen');
  const caps = await capabilities(page);
  for (const c of ['team.overview', 'waiting_list.read', 'family.assign_coach', 'access_log.read']) assert.ok(caps.includes(c), `${c} in ${caps.join(' ')}`);
  const items = await menu(page);
  for (const item of ['Gezinnen', 'Gezin aanmelden', ...LEAD_ITEMS]) assert.ok(items.includes(item), `"${item}" for a team lead: ${items.join(', ')}`);
  for (const item of ADMIN_ITEMS) assert.ok(!items.includes(item), `no "${item}" for a team lead`);
  await page.locator('table tbody tr a').first().click();
  await page.getByRole('link', { name: 'Toegang', exact: true }).waitFor();
  await page.context().close();
});

test('an admin starts on the users page and sees no case-work menu items', async () => {
  const page = await newPage(browser);
  await login(page, 'admin');
  await heading(page, 'Gebruikers');
  assert.match(new URL(page.url()).pathname, /^\/beheer\/gebruikers$/);
  const items = await menu(page);
  for (const item of ['Mijn gezinnen', 'Gezinnen', 'Gezin aanmelden', ...LEAD_ITEMS]) assert.ok(!items.includes(item), `no "${item}" for an admin: ${items.join(', ')}`);
  await page.context().close();
});
