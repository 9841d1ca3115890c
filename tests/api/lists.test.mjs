// Tables and lists (issue 13): every counted list gives `total`, the count of what all its pages
// hold with the same filters and organisation scope; the team overview flags heavy caseloads and
// its numbers match the caseload filtered with coach_role=main; long waits are marked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, familyInput, assertStatus, assertValidation, fieldCodes, rand } from './lib/harness.mjs';

const h = useServer();

/** Walks every page of `path` (limit 2, so several pages) and returns all items and the totals seen. */
async function walk(client, path) {
  const items = [];
  const totals = new Set();
  let cursor = null;
  for (let i = 0; i < 200; i++) {
    const sep = path.includes('?') ? '&' : '?';
    const r = await client.get(`${path}${sep}limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assertStatus(r, 200);
    assert.equal(typeof r.body.total, 'number', `${path} gives a total`);
    totals.add(r.body.total);
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
    if (!cursor) break;
  }
  assert.equal(totals.size, 1, `${path}: the same total on every page`);
  return { items, total: [...totals][0] };
}

async function createFamily(client, overrides) {
  const r = await client.post('/families', familyInput(overrides));
  assertStatus(r, 201);
  return r.body;
}

test('the family list total counts every page, with filters, and only the own organisation', async () => {
  const lead = await h.srv.as('lead_a');
  const leadB = await h.srv.as('lead_b');
  const coach = await h.srv.as('coach_a1');
  const a1 = await h.srv.userId('coach_a1');
  const a2 = await h.srv.userId('coach_a2');
  const tag = `Telling${rand(3)}`;
  for (let i = 0; i < 5; i++) await createFamily(lead, { name: `Familie ${tag} ${i}`, coach_id: i < 3 ? a1 : a2 });
  for (let i = 0; i < 4; i++) await createFamily(leadB, { name: `Familie ${tag} B${i}` });

  const all = await walk(lead, '/families');
  assert.equal(all.total, all.items.length);
  assert.ok(all.items.every((f) => !f.name.includes(`${tag} B`)), 'no family of Org B');

  const searched = await walk(lead, `/families?q=${encodeURIComponent(tag)}`);
  assert.equal(searched.total, 5, 'the search counts the five of Org A, not the four of Org B');
  assert.equal(searched.items.length, 5);
  const searchedB = await walk(leadB, `/families?q=${encodeURIComponent(tag)}`);
  assert.equal(searchedB.total, 4);

  const ofA1 = await walk(lead, `/families?coach_id=${a1}&q=${encodeURIComponent(tag)}`);
  assert.equal(ofA1.total, 3);
  const sorted = await walk(lead, `/families?coach_id=${a2}&q=${encodeURIComponent(tag)}&sort=updated`);
  assert.equal(sorted.total, 2);

  // A coach's list is their own caseload: the total too.
  const own = await walk(coach, `/families?q=${encodeURIComponent(tag)}`);
  assert.equal(own.total, 3);
  const other = await coach.get(`/families?coach_id=${a2}`);
  assertStatus(other, 200);
  assert.equal(other.body.total, 0);
  assert.deepEqual(other.body.items, []);

  // Per phase: the filtered total equals the rows.
  const phased = await walk(lead, '/families?phase=aanmelding&status=active');
  assert.equal(phased.total, phased.items.length);
  assert.ok(phased.items.every((f) => f.phase === 'aanmelding' && f.status === 'active'));
});

test('coach_role=main counts only the main coach, as the team overview does', async () => {
  const lead = await h.srv.as('lead_a');
  const a2 = await h.srv.userId('coach_a2');
  const a1 = await h.srv.userId('coach_a1');
  const tag = `Rol${rand(3)}`;
  const f = await createFamily(lead, { name: `Familie ${tag}`, coach_id: a1 });
  assertStatus(await lead.post(`/families/${f.id}/coaches`, { user_id: a2, role: 'kindercoach' }), 201);

  const asAny = await lead.get(`/families?coach_id=${a2}&q=${encodeURIComponent(tag)}`);
  assert.equal(asAny.body.total, 1, 'as further coach, coach_a2 works on it');
  const asMain = await lead.get(`/families?coach_id=${a2}&coach_role=main&q=${encodeURIComponent(tag)}`);
  assert.equal(asMain.body.total, 0);
  assert.deepEqual(asMain.body.items, []);
  assert.deepEqual(fieldCodes(assertValidation(await lead.get(`/families?coach_role=helper`), 'coach_role'), 'coach_role'), ['choose_one_of']);

  // Every number of the team overview is the total of the caseload filtered the same way.
  const overview = await lead.get('/team/overview');
  assertStatus(overview, 200);
  for (const c of overview.body.coaches) {
    const total = await lead.get(`/families?coach_id=${c.id}&coach_role=main&status=active&limit=1`);
    assert.equal(total.body.total, c.total_active, `${c.display_name}: total`);
    for (const [phase, n] of Object.entries(c.families_by_phase)) {
      const r = await lead.get(`/families?coach_id=${c.id}&coach_role=main&status=active&phase=${phase}&limit=1`);
      assert.equal(r.body.total, n, `${c.display_name}: ${phase}`);
    }
  }
});

test('the team overview flags a coach above the caseload setting, and only them', async () => {
  const leadB = await h.srv.as('lead_b');
  const b1 = await h.srv.userId('coach_b1');
  let overview = (await leadB.get('/team/overview')).body;
  assert.equal(overview.caseload_max, 5);
  const before = overview.coaches.find((c) => c.id === b1);
  const toAdd = overview.caseload_max + 1 - before.total_active;
  for (let i = 0; i < toAdd - 1; i++) await createFamily(leadB, { coach_id: b1 });
  overview = (await leadB.get('/team/overview')).body;
  let mine = overview.coaches.find((c) => c.id === b1);
  assert.equal(mine.total_active, overview.caseload_max);
  assert.equal(mine.over_caseload, false, 'exactly the setting is not above it');
  await createFamily(leadB, { coach_id: b1 });
  overview = (await leadB.get('/team/overview')).body;
  mine = overview.coaches.find((c) => c.id === b1);
  assert.equal(mine.over_caseload, true);
  // Org A's overview does not see Org B's coach.
  const lead = await h.srv.as('lead_a');
  assert.ok(!(await lead.get('/team/overview')).body.coaches.some((c) => c.id === b1));
});

test('the waiting list total counts all who wait, and a wait of 28 days or more is marked', async () => {
  const lead = await h.srv.as('lead_a');
  const leadB = await h.srv.as('lead_b');
  const referral = (name) => ({
    family_name: name,
    referrer_organisation: 'Wijkteam',
    referrer_kind: 'wijkteam',
    reason: 'Schulden.',
    contact: { phone: '06-12345678' },
    members: [familyInput().members[0]],
  });
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await lead.post('/referrals', referral(`Familie Wacht ${rand(3)}`));
    assertStatus(r, 201);
    ids.push(r.body.id);
  }
  assertStatus(await leadB.post('/referrals', referral(`Familie Wacht B ${rand(3)}`)), 201);
  const list = await walk(lead, '/waiting-list');
  assert.equal(list.total, list.items.length);
  for (const id of ids) assert.ok(list.items.some((f) => f.id === id));
  const listB = await walk(leadB, '/waiting-list');
  assert.equal(listB.total, listB.items.length);
  assert.ok(!listB.items.some((f) => ids.includes(f.id)), 'Org B does not count Org A');

  // 70 days against 2: only the long one is marked (the threshold is 28 days).
  const ago = (days) => new Date(Date.now() - days * 86_400_000).toISOString().replace(/(\.\d{3})\d*Z$/, '$1Z');
  await h.srv.sql(`UPDATE families SET waiting_since = '${ago(70)}' WHERE id = '${ids[0]}'`);
  await h.srv.sql(`UPDATE families SET waiting_since = '${ago(2)}' WHERE id = '${ids[1]}'`);
  await h.srv.sql(`UPDATE families SET waiting_since = '${ago(27)}' WHERE id = '${ids[2]}'`);
  const after = await walk(lead, '/waiting-list');
  const byId = Object.fromEntries(after.items.map((f) => [f.id, f]));
  assert.equal(byId[ids[0]].waiting_days, 70);
  assert.equal(byId[ids[0]].long_wait, true);
  assert.equal(byId[ids[1]].long_wait, false);
  assert.equal(byId[ids[2]].long_wait, false);
  const caseload = await lead.get(`/families/${ids[0]}`);
  assert.equal(caseload.body.long_wait, true);
});

test('users, the access log and contacts give their total', async () => {
  const admin = await h.srv.as('admin_a');
  const users = await admin.get('/users');
  assertStatus(users, 200);
  assert.equal(users.body.total, users.body.items.length);
  assert.ok(users.body.items.every((u) => !['coach_b1', 'lead_b'].includes(u.username)));

  // The access log is the team lead's to read.
  const coach = await h.srv.as('coach_a1');
  const lead = await h.srv.as('lead_a');
  const f = await createFamily(coach);
  for (let i = 0; i < 3; i++) assertStatus(await coach.get(`/families/${f.id}`), 200);
  // Reading the log is itself logged before the page is read, so one page of 200 holds exactly
  // the total, this read included.
  const log = await lead.get(`/families/${f.id}/access-log?limit=200`);
  assertStatus(log, 200);
  assert.equal(log.body.total, log.body.items.length);
  assert.ok(log.body.total > 4, `total ${log.body.total}`);
  const rows = Number((await h.srv.sql(`SELECT COUNT(*) FROM audit_log WHERE family_id = '${f.id}'`)).trim());
  const again = await lead.get(`/families/${f.id}/access-log?limit=1`);
  assert.equal(again.body.items.length, 1);
  assert.ok(again.body.next_cursor, 'more pages follow');
  assert.equal(again.body.total, rows + 1, 'this read is counted too');
  // Another family's rows are not counted.
  const other = await createFamily(coach);
  const otherRows = Number((await h.srv.sql(`SELECT COUNT(*) FROM audit_log WHERE family_id = '${other.id}'`)).trim());
  assert.equal((await lead.get(`/families/${other.id}/access-log`)).body.total, otherRows + 1);
  assert.ok(otherRows + 1 < rows, 'the other family counts only its own rows');
  // Another organisation's team lead gets nothing of it.
  assert.equal((await (await h.srv.as('lead_b')).get(`/families/${f.id}/access-log`)).status, 404);

  for (let i = 0; i < 3; i++) {
    const r = await coach.post(`/families/${f.id}/contacts`, {
      started_at: new Date(Date.now() - (i + 1) * 86_400_000).toISOString(),
      duration_minutes: 30,
      kind: 'home_visit',
    });
    assertStatus(r, 201);
  }
  const contacts = await walk(coach, `/families/${f.id}/contacts`);
  assert.equal(contacts.total, 3);
  assert.equal(contacts.items.length, 3);
});
