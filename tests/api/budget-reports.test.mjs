// Issue 11, second part: the programme's budget report in CSV and XLSX with its totals, the
// team lead's hours report per family and coach against the programme target, a contact's
// follow-up line made a plan action (once, in one transaction), "Vandaag" with due
// measurements and follow-up moments, and the receipt route's own body limit (a 50 MB upload
// is refused before its body is read).
import { test } from 'node:test';
import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import {
  useServer, memberInput, familyApproval, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate, rand,
} from './lib/harness.mjs';

const h = useServer();
const YEAR = new Date().getUTCFullYear();
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const hoursAgo = (n) => new Date(Date.now() - n * 3600_000).toISOString();

/** A programme (480 minutes a week, a pot for this year) and a family of coach_a1 in it. */
async function setup({ allocation = true } = {}) {
  const admin = await h.srv.as('admin_a');
  const p = await admin.post('/programmes', { name: `Rapport ${rand()}`, default_budget_cents: 100_000, contact_target_minutes_per_week: 480 });
  assertStatus(p, 201);
  const lead = await h.srv.as('lead_a');
  assertStatus(await lead.put(`/programmes/${p.body.id}/budget-pot`, { year: YEAR, amount_cents: 10_000_00 }), 200);
  const f = await lead.post('/referrals', {
    family_name: `Familie Rapport ${rand(3)}`,
    programme_id: p.body.id,
    referrer_organisation: 'Wijkteam',
    referrer_kind: 'gemeente',
    reason: 'Schulden.',
    contact: { phone: '06-12345678' },
    members: [memberInput(), memberInput({ given_name: 'Daan', birth_date: '2012-09-30', sex: 'male', household_role: 'child' })],
  });
  assertStatus(f, 201);
  assertStatus(await lead.post(`/families/${f.body.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 200);
  const coach = await h.srv.as('coach_a1');
  if (allocation)
    assertStatus(await coach.post(`/families/${f.body.id}/budget/allocation`, { period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31` }), 201);
  return { programme: p.body, family: f.body, members: f.body.members, coach, lead };
}

/** Coach and parent approve a request of `cents` for `goal`; the amount is committed. */
async function spend(coach, family, members, cents, category, goal_id) {
  const r = await coach.post(`/families/${family.id}/budget/requests`, { amount_cents: cents, category, goal_id, supplier: 'Rijschool Oost', description: 'Lessen' });
  assertStatus(r, 201);
  const path = `/families/${family.id}/budget/requests/${r.body.id}`;
  assertStatus(await coach.post(`${path}/approvals`, { as: 'coach' }), 200);
  const done = await coach.post(`${path}/approvals`, familyApproval(members[0]));
  assertStatus(done, 200);
  assert.equal(done.body.status, 'committed');
  return path;
}

test('budget report: per category, goal, family and programme; JSON, CSV and XLSX', async () => {
  const { programme, family, members, coach, lead } = await setup();
  const g = await coach.post(`/families/${family.id}/plan/items`, { type: 'goal', title: 'Rijbewijs B halen', life_domain: 'zrm.werk_opleiding', horizon: 'short' });
  assertStatus(g, 201);
  const goal = g.body.goals[0].id;
  const first = await spend(coach, family, members, 13_500, 'rijbewijs en vervoer', goal);
  assertStatus(await coach.post(`${first}/payments`, { paid_on: isoDate(0), method: 'bank_transfer' }), 200);
  await spend(coach, family, members, 4_000, 'opleiding', null);

  const rep = await lead.get(`/programmes/${programme.id}/budget-report?year=${YEAR}`);
  assertStatus(rep, 200);
  assert.deepEqual(rep.body.programme, {
    name: programme.name, committed_cents: 17_500, paid_cents: 13_500, count: 2, families_allocated: 1, allocated_cents: 100_000,
  });
  assert.deepEqual(rep.body.by_category.map((l) => [l.key, l.committed_cents, l.paid_cents]),
    [['opleiding', 4_000, 0], ['rijbewijs en vervoer', 13_500, 13_500]]);
  const byGoal = rep.body.by_goal.find((l) => l.key === goal);
  assert.equal(byGoal.label, 'Rijbewijs B halen', 'the goal by its title');
  assert.equal(rep.body.by_family[0].key, family.id);
  assert.equal(rep.body.by_family[0].committed_cents, 17_500);

  const csv = await lead.get(`/programmes/${programme.id}/budget-report?year=${YEAR}&format=csv`);
  assertStatus(csv, 200);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], '"section","key","label","committed_cents","paid_cents","count"');
  assert.equal(lines[1], `"programme","${programme.id}","${programme.name}",17500,13500,2`);
  assert.ok(lines.includes(`"goal","${goal}","Rijbewijs B halen",13500,13500,1`), lines.join('\n'));

  const res = await fetch(`${h.srv.url}/api/v1/programmes/${programme.id}/budget-report?year=${YEAR}&format=xlsx`,
    { headers: { Cookie: `kansrijk_session=${lead.cookie}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), XLSX);
  assert.match(res.headers.get('content-disposition'), new RegExp(`budget-${YEAR}\\.xlsx`));
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
  // Four tabs (programma, categorie, doel, gezin): the zip's entry names are not compressed.
  assert.ok(bytes.includes(Buffer.from('xl/worksheets/sheet4.xml')), 'four worksheets');
  assert.ok(!bytes.includes(Buffer.from('xl/worksheets/sheet5.xml')), 'not five');

  assert.deepEqual(fieldCodes(assertValidation(await lead.get(`/programmes/${programme.id}/budget-report?format=pdf`), 'format'), 'format'), ['choose_one_of']);
  assertProblem(await coach.get(`/programmes/${programme.id}/budget-report?format=xlsx`), 403);
  assertProblem(await (await h.srv.as('lead_b')).get(`/programmes/${programme.id}/budget-report?format=xlsx`), 404);
});

test('hours report: per family and coach against the programme target, CSV and XLSX, team lead only', async () => {
  const { programme, family, coach, lead } = await setup({ allocation: false });
  const path = `/families/${family.id}/contacts`;
  assertStatus(await coach.post(path, { started_at: hoursAgo(1), duration_minutes: 90, kind: 'kitchen_table' }), 201);
  assertStatus(await coach.post(path, { started_at: hoursAgo(2), duration_minutes: 20, kind: 'phone', direct: false }), 201);
  // Planned contacts are not hours.
  assertStatus(await coach.post(path, { started_at: new Date(Date.now() + 86400_000).toISOString(), duration_minutes: 60, kind: 'home_visit', planned: true }), 201);

  const r = await lead.get(`/programmes/${programme.id}/contact-hours?weeks=2`);
  assertStatus(r, 200);
  assert.equal(r.body.weeks, 2);
  assert.equal(r.body.target_minutes_per_week, 480);
  assert.equal(r.body.families.length, 1, 'only this programme\'s families');
  const fam = r.body.families[0];
  assert.equal(fam.family_id, family.id);
  assert.equal(fam.coach_name, 'Coach A1');
  assert.equal(fam.direct_minutes, 90);
  assert.equal(fam.indirect_minutes, 20);
  assert.equal(fam.target_minutes, 960);
  const c = r.body.coaches.find((x) => x.coach_id === fam.coach_id);
  assert.deepEqual([c.families, c.direct_minutes, c.indirect_minutes, c.target_minutes], [1, 90, 20, 960]);
  assert.ok(r.body.from < r.body.to);

  const csv = await lead.get(`/programmes/${programme.id}/contact-hours?weeks=2&format=csv`);
  assertStatus(csv, 200);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], '"family_id","family","coach","direct_minutes","indirect_minutes","target_minutes"');
  assert.equal(lines[1], `"${family.id}","${family.name}","Coach A1",90,20,960`);
  // The coaches' totals are a CSV of their own.
  const coachCsv = await lead.get(`/programmes/${programme.id}/contact-hours?weeks=2&format=csv&sheet=coaches`);
  assertStatus(coachCsv, 200);
  const coachLines = coachCsv.text.trim().split('\r\n');
  assert.equal(coachLines[0], '"coach_id","coach","families","direct_minutes","indirect_minutes","target_minutes"');
  assert.ok(coachLines.includes(`"${fam.coach_id}","Coach A1",1,90,20,960`), coachLines.join('\n'));
  assert.match(coachCsv.headers.get('content-disposition'), /uren-coaches-/);
  assertValidation(await lead.get(`/programmes/${programme.id}/contact-hours?format=csv&sheet=budget`), 'sheet');
  const res = await fetch(`${h.srv.url}/api/v1/programmes/${programme.id}/contact-hours?format=xlsx`,
    { headers: { Cookie: `kansrijk_session=${lead.cookie}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), XLSX);
  assert.equal(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString('latin1'), 'PK');

  assertValidation(await lead.get(`/programmes/${programme.id}/contact-hours?weeks=0`), 'weeks');
  assertValidation(await lead.get(`/programmes/${programme.id}/contact-hours?format=pdf`), 'format');
  assertProblem(await coach.get(`/programmes/${programme.id}/contact-hours`), 403);
  assert.equal(assertProblem(await (await h.srv.as('lead_b')).get(`/programmes/${programme.id}/contact-hours`), 404).code,
    'programme_not_found');
});

test('a contact\'s follow-up line becomes a plan action once, in one transaction', async () => {
  const { family, members, coach } = await setup({ allocation: false });
  const other = await setup({ allocation: false });
  const c = await coach.post(`/families/${family.id}/contacts`, {
    started_at: hoursAgo(1), duration_minutes: 60, kind: 'home_visit', follow_ups: ['Bel de rijschool', 'Brief van de gemeente lezen'],
  });
  assertStatus(c, 201);
  assert.deepEqual(c.body.follow_up_actions, [null, null]);
  const url = (cid = c.body.id, fid = family.id) => `/families/${fid}/contacts/${cid}/plan-actions`;

  // A goal of another family: a field error, and nothing written.
  const og = await other.coach.post(`/families/${other.family.id}/plan/items`, { type: 'goal', title: 'Ander doel', life_domain: 'ph.meedoen', horizon: 'short' });
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(url(), { follow_up: 1, goal_id: og.body.goals[0].id }), 'goal_id'), 'goal_id'),
    ['goal_not_in_family']);
  assert.equal((await coach.get(`/families/${family.id}/plan`)).body.actions?.length ?? 0, 0, 'no action half-written');
  assert.deepEqual((await coach.get(`/families/${family.id}/contacts`)).body.items[0].follow_up_actions, [null, null]);
  assertValidation(await coach.post(url(), { follow_up: 1, what: 'iets anders' }), 'what');
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(url(), {}), 'follow_up'), 'follow_up'), ['required']);

  const made = await coach.post(url(), { follow_up: 1, member_id: members[0].id, due_on: isoDate(7) });
  assertStatus(made, 201);
  assert.deepEqual(made.body.contact.follow_up_actions, [null, made.body.action_id]);
  const plan = await coach.get(`/families/${family.id}/plan`);
  const action = plan.body.actions.find((a) => a.id === made.body.action_id);
  assert.equal(action.what, 'Brief van de gemeente lezen');
  assert.equal(action.due_on, isoDate(7));
  assert.equal(action.member_id, members[0].id);
  assert.deepEqual((await coach.get(`/families/${family.id}/contacts`)).body.items[0].follow_up_actions, [null, made.body.action_id]);

  assert.equal(assertProblem(await coach.post(url(), { follow_up: 1 }), 409).code, 'contact_follow_up_already_planned');
  assert.equal(plan.body.actions.length, (await coach.get(`/families/${family.id}/plan`)).body.actions.length, 'no second action');
  for (const bad of [2, -1, 'x', 1.5])
    assert.deepEqual(fieldCodes(assertValidation(await coach.post(url(), { follow_up: bad }), 'follow_up'), 'follow_up'),
      ['contact_follow_up_not_found'], String(bad));
  // Another family's contact through this family's path is not found; an outsider sees nothing.
  const oc = await other.coach.post(`/families/${other.family.id}/contacts`, { started_at: hoursAgo(1), duration_minutes: 30, kind: 'phone', follow_ups: ['x'] });
  assert.equal(assertProblem(await coach.post(url(oc.body.id), { follow_up: 0 }), 404).code, 'contact_not_found');
  assertProblem(await (await h.srv.as('coach_a2')).post(url(), { follow_up: 0 }), 404);
  assertProblem(await (await h.srv.as('lead_b')).post(url(), { follow_up: 0 }), 404);
  // The team lead may too; the other line goes in without extra fields.
  const byLead = await (await h.srv.as('lead_a')).post(url(), { follow_up: 0 });
  assertStatus(byLead, 201);
  assert.deepEqual(byLead.body.contact.follow_up_actions, [byLead.body.action_id, made.body.action_id]);
});

test('Vandaag: due measurements and follow-up moments, by their own rules', async () => {
  const a = await setup({ allocation: false });
  assertStatus(await a.coach.post(`/families/${a.family.id}/phase`, { to: 'intake', date: isoDate(0) }), 200);
  // A follow-up moment due ten days ago (as the closing of a trajectory schedules them; the
  // closing itself is tested in closing.test.mjs), on a family of coach_a1.
  const b = await setup({ allocation: false });
  const fuId = [...crypto.getRandomValues(new Uint8Array(11))].map((x) => x.toString(16).padStart(2, '0')).join('');
  await h.srv.sql(`INSERT INTO follow_ups (id, family_id, organisation_id, months, due_on, status, created_at)
    SELECT '${fuId}', id, organisation_id, 6, '${isoDate(-10)}', 'open', '${new Date().toISOString()}' FROM families WHERE id = '${b.family.id}'`);

  const t = await a.coach.get('/me/today');
  assertStatus(t, 200);
  const due = t.body.due_measurements.filter((m) => m.family_id === a.family.id);
  assert.deepEqual(due.map((m) => m.moment).sort(), ['nulmeting', 'nulmeting'], JSON.stringify(t.body.due_measurements));
  assert.equal(due[0].due_on, isoDate(0));
  const fu = t.body.follow_ups.find((f) => f.family_id === b.family.id);
  assert.ok(fu, JSON.stringify(t.body.follow_ups));
  assert.deepEqual([fu.follow_up_id, fu.months, fu.due_on], [fuId, 6, isoDate(-10)]);
  // Another coach sees neither; the team lead sees them for the team.
  const other = await (await h.srv.as('coach_a2')).get('/me/today');
  assert.ok(!other.body.due_measurements.some((m) => m.family_id === a.family.id));
  assert.ok(!other.body.follow_ups.some((f) => f.family_id === b.family.id));
  const lead = await a.lead.get('/me/today');
  assert.ok(lead.body.follow_ups.some((f) => f.family_id === b.family.id));
});

test('receipt upload: the route\'s own 5 MiB limit refuses a 50 MB body before reading it', async () => {
  const { family, coach } = await setup();
  const r = await coach.post(`/families/${family.id}/budget/requests`, { amount_cents: 1_000, category: 'overig', supplier: 'Winkel', description: 'Iets' });
  assertStatus(r, 201);
  const path = `/api/v1/families/${family.id}/budget/requests/${r.body.id}/receipt`;
  // Only the head is sent: the answer comes without a byte of the announced 50 MB body.
  for (const length of [50_000_000, 5 * 1024 * 1024 + 1]) {
    const res = await h.srv.raw(`PUT ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/pdf\r\nContent-Length: ${length}\r\n\r\n`, { timeout: 5000 });
    assert.equal(res.status, 413, `${length}: ${res.status} ${res.why ?? ''} ${res.body?.slice(0, 200)}`);
    const problem = JSON.parse(res.body);
    assert.equal(problem.code, 'body_too_large');
    assert.equal(problem.params.limit, '5 MiB');
  }
  // Other JSON routes keep the 1 MiB limit; the GEDCOM import keeps its 50 MiB.
  const json = await h.srv.raw(`POST /api/v1/families/${family.id}/contacts HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`, { timeout: 5000 });
  assert.equal(json.status, 413);
  assert.equal(JSON.parse(json.body).params.limit, '1 MiB');
  const gedcom = await h.srv.raw(`POST /api/v1/families/${family.id}/genogram/import HTTP/1.1\r\nHost: x\r\nContent-Length: ${51 * 1024 * 1024}\r\n\r\n`, { timeout: 5000 });
  assert.equal(gedcom.status, 413);
  assert.equal(JSON.parse(gedcom.body).params.limit, '50 MiB');
  // Within the limit a receipt is still checked by the handler (type by content).
  assertStatus(await coach.get(`/families/${family.id}/budget`), 200);
});
