// Issue 11: the contact log (validation, notes only for coach and team lead, hours per week
// against the programme target, a coach's own total), the kansplan (items, goal history,
// agreed versions that never change) and "Vandaag".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, memberInput, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate, rand,
} from './lib/harness.mjs';

const h = useServer();

async function newFamily() {
  const admin = await h.srv.as('admin_a');
  const p = await admin.post('/programmes', { name: `Uren ${rand()}`, contact_target_minutes_per_week: 480 });
  assertStatus(p, 201);
  const lead = await h.srv.as('lead_a');
  const f = await lead.post('/referrals', {
    family_name: `Familie Contact ${rand(3)}`,
    programme_id: p.body.id,
    referrer_organisation: 'Wijkteam',
    referrer_kind: 'gemeente',
    reason: 'Schulden.',
    contact: { phone: '06-12345678' },
    members: [memberInput(), memberInput({ given_name: 'Daan', birth_date: '2008-09-30', sex: 'male', household_role: 'child' })],
  });
  assertStatus(f, 201);
  assertStatus(await lead.post(`/families/${f.body.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 200);
  return { family: f.body, members: f.body.members, coach: await h.srv.as('coach_a1'), lead };
}

const hoursAgo = (n) => new Date(Date.now() - n * 3600_000).toISOString();

test('contacts: required fields, not in the future, at most 24 hours, members of this household', async () => {
  const { family, members, coach } = await newFamily();
  const other = await newFamily();
  const path = `/families/${family.id}/contacts`;
  const base = { started_at: hoursAgo(1), duration_minutes: 60, kind: 'kitchen_table' };
  const body = assertValidation(await coach.post(path, {}), 'started_at');
  for (const f of ['started_at', 'duration_minutes', 'kind']) assert.deepEqual(fieldCodes(body, f), ['required'], f);
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(path, { ...base, started_at: new Date(Date.now() + 3 * 3600_000).toISOString() }), 'started_at'), 'started_at'), ['contact_in_future']);
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(path, { ...base, duration_minutes: 1441 }), 'duration_minutes'), 'duration_minutes'), ['out_of_range']);
  assertValidation(await coach.post(path, { ...base, kind: 'visit' }), 'kind');
  assertValidation(await coach.post(path, { ...base, topics: ['money'] }), 'topics');
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(path, { ...base, member_ids: [other.members[0].id] }), 'member_ids'), 'member_ids'), ['member_not_in_household']);
  assert.equal((await coach.get(path)).body.items.length, 0, 'nothing half-written');

  const ok = await coach.post(path, {
    ...base, member_ids: [members[0].id], topics: ['zrm.financien', 'ph.meedoen'], note: 'Moeder was moe.',
    follow_ups: ['Bel de rijschool'],
  });
  assertStatus(ok, 201);
  assert.equal(ok.body.note, 'Moeder was moe.');
  assertStatus(await coach.post(path, { ...base, started_at: hoursAgo(2), duration_minutes: 30, kind: 'phone', direct: false }), 201);
  // A planned contact may lie ahead and does not count as hours.
  assertStatus(await coach.post(path, { ...base, started_at: new Date(Date.now() + 2 * 86400_000).toISOString(), planned: true }), 201);
  const list = await coach.get(`${path}?limit=2`);
  assert.equal(list.body.items.length, 2);
  assert.ok(list.body.next_cursor);
  const rest = await coach.get(`${path}?limit=2&cursor=${list.body.next_cursor}`);
  assert.equal(rest.body.items.length, 1);
  assertProblem(await (await h.srv.as('coach_a2')).get(path), 404);

  const hours = await coach.get(`/families/${family.id}/contacts/hours?weeks=4`);
  assertStatus(hours, 200);
  assert.equal(hours.body.target_minutes_per_week, 480);
  assert.equal(hours.body.weeks.length, 4);
  const week = hours.body.weeks.at(-1);
  // The contacts an hour or two ago fall in this week unless the week just began.
  assert.ok(week.direct_minutes + hours.body.weeks.at(-2).direct_minutes >= 60);
  assertValidation(await coach.get(`/families/${family.id}/contacts/hours?weeks=0`), 'weeks');
  const own = await coach.get('/me/contact-hours');
  assertStatus(own, 200);
  assert.equal(own.body.weeks.length, 8);
  assertProblem(await (await h.srv.as('admin_a')).get('/me/contact-hours'), 403);
});

test('kansplan: dreams first, goals with history, an agreed version never changes, a later change makes a new version', async () => {
  const { family, members, coach } = await newFamily();
  const other = await newFamily();
  const items = `/families/${family.id}/plan/items`;
  let p = await coach.get(`/families/${family.id}/plan`);
  assertStatus(p, 200);
  assert.equal(p.body.version, null);
  assertStatus(await coach.post(items, { type: 'dream', member_id: members[0].id, text: 'Ik wil autorijden.' }), 201);
  assertStatus(await coach.post(items, { type: 'talent', member_id: members[1].id, text: 'Goed met handen.' }), 201);
  assertValidation(await coach.post(items, { type: 'dream', member_id: other.members[0].id, text: 'x' }), 'member_id');
  assertValidation(await coach.post(items, { type: 'goal', title: 'x' }), 'life_domain');
  assertValidation(await coach.post(items, { type: 'wish' }), 'type');
  const g = await coach.post(items, {
    type: 'goal', title: 'Rijbewijs halen', life_domain: 'zrm.werk_opleiding', horizon: 'short',
    owner_ids: [members[0].id], target_date: isoDate(120), status: 'active',
  });
  assertStatus(g, 201);
  const goal = g.body.goals[0];
  assert.equal(goal.status, 'active');
  // An action on a goal of another family is refused.
  const og = await other.coach.post(`/families/${other.family.id}/plan/items`, { type: 'goal', title: 'X', life_domain: 'ph.meedoen', horizon: 'long' });
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(items, { type: 'action', goal_id: og.body.goals[0].id, what: 'x' }), 'goal_id'), 'goal_id'), ['goal_not_in_family']);
  const a = await coach.post(items, { type: 'action', goal_id: goal.id, member_id: members[0].id, what: 'Theorie-examen aanvragen', due_on: isoDate(-1) });
  assertStatus(a, 201);
  assertStatus(await coach.post(items, { type: 'review', held_on: isoDate(0), went_well: 'Theorie gehaald!', next_steps: 'Lessen plannen' }), 201);
  p = await coach.get(`/families/${family.id}/plan`);
  assert.equal(p.body.version.number, 1);
  assert.equal(p.body.version.status, 'draft');
  const v1 = p.body.version.id;

  // Agree version 1.
  assertValidation(await coach.post(`/families/${family.id}/plan/versions/${v1}/agree`, { agreed_on: isoDate(0), member_ids: [other.members[0].id] }), 'member_ids');
  const agreed = await coach.post(`/families/${family.id}/plan/versions/${v1}/agree`, { agreed_on: isoDate(0), member_ids: [members[0].id, members[1].id] });
  assertStatus(agreed, 200);
  assert.equal(agreed.body.version.status, 'agreed');
  assert.equal(assertProblem(await coach.post(`/families/${family.id}/plan/versions/${v1}/agree`, { agreed_on: isoDate(0), member_ids: [members[0].id] }), 409).code, 'plan_version_agreed');
  // Editing the agreed version by name is refused, nothing changes.
  const goalPath = `/families/${family.id}/plan/items/${goal.id}`;
  assert.equal(goal.version, 1);
  const edit = await coach.patch(goalPath, { version_id: v1, status: 'achieved' }, { 'If-Match': '"1"' });
  assert.equal(assertProblem(edit, 409).code, 'plan_version_agreed');
  assert.equal((await coach.get(`/families/${family.id}/plan`)).body.goals[0].status, 'active');
  // A change names the item's version it was made on: without it 428, another one 412.
  assert.equal(assertProblem(await coach.patch(goalPath, { status: 'achieved' }), 428).code, 'version_required');
  assert.equal(assertProblem(await coach.patch(goalPath, { status: 'achieved' }, { 'If-Match': '"9"' }), 412).code, 'version_stale');
  // A later change makes version 2; version 1 stays readable as agreed.
  const ch = await coach.patch(goalPath, { status: 'achieved' }, { 'If-Match': '"1"' });
  assertStatus(ch, 200);
  assert.equal(ch.body.goals[0].version, 2);
  // A second device that still shows the goal at version 1 cannot overwrite the change.
  assert.equal(assertProblem(await coach.patch(goalPath, { status: 'stopped' }, { 'If-Match': '"1"' }), 412).code, 'version_stale');
  assert.equal((await coach.get(`/families/${family.id}/plan`)).body.goals[0].status, 'achieved');
  assert.equal(ch.body.version.number, 2);
  assert.equal(ch.body.version.status, 'draft');
  assert.deepEqual(ch.body.goals[0].history.map((x) => x.status), ['active', 'achieved']);
  const old = await coach.get(`/families/${family.id}/plan/versions/${v1}`);
  assertStatus(old, 200);
  assert.equal(old.body.goals[0].status, 'active');
  assert.equal(old.body.version.status, 'agreed');
  assertProblem(await coach.patch(`/families/${family.id}/plan/items/${og.body.goals[0].id}`, { status: 'stopped' }, { 'If-Match': '"1"' }), 404);
  // Reading: the plan is the first thing a family member may read (plan.read); others not.
  assertProblem(await (await h.srv.as('coach_a2')).get(`/families/${family.id}/plan`), 404);
  assertProblem(await (await h.srv.as('admin_a')).get(`/families/${family.id}/plan`), 403);
});

test('Vandaag: due actions, waiting approvals, families below target; team lead sees caseloads', async () => {
  const { family, members, coach } = await newFamily();
  const items = `/families/${family.id}/plan/items`;
  const g = await coach.post(items, { type: 'goal', title: 'Zwemles Daan', life_domain: 'ph.meedoen', horizon: 'short' });
  await coach.post(items, { type: 'action', goal_id: g.body.goals[0].id, what: 'Zwembad bellen', due_on: isoDate(0) });
  await coach.post(`/families/${family.id}/contacts`, { started_at: new Date(Date.now() + 3600_000).toISOString(), duration_minutes: 60, kind: 'home_visit', planned: true });
  const t = await coach.get('/me/today');
  assertStatus(t, 200);
  assert.ok(t.body.due_actions.some((x) => x.family_id === family.id && x.what === 'Zwembad bellen'));
  assert.ok(t.body.below_target.some((x) => x.family_id === family.id));
  assert.ok(Array.isArray(t.body.follow_ups));
  assert.equal(t.body.coaches_over_caseload, undefined);
  const lt = await (await h.srv.as('lead_a')).get('/me/today?caseload_max=1');
  assertStatus(lt, 200);
  assert.ok(lt.body.coaches_over_caseload.some((c) => c.name === 'Coach A1'));
  assertProblem(await (await h.srv.as('admin_a')).get('/me/today'), 403);
  void members;
});
