// Programmes (issue 4, ported onto the access pipeline in issue 9): admins manage them (If-Match
// on changes), every role of the organisation reads them, another organisation never sees or
// changes them. Bad input is a 422 with a reason code per field and changes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, assertProblem, assertStatus, assertValidation, fieldCodes, rand } from './lib/harness.mjs';

const h = useServer();

test('programmes: admin creates with defaults; codes for bad input; nothing saved on a refusal', async () => {
  const admin = await h.srv.as('admin_a');
  const name = `Gezinscoaching ${rand()}`;
  const r = await admin.post('/programmes', { name });
  assertStatus(r, 201);
  assert.deepEqual(
    { ...r.body, id: undefined, version: undefined, created_at: undefined, updated_at: undefined },
    { name, threshold_percent: 120, default_budget_cents: 0, contact_target_minutes_per_week: 480, planned_duration_weeks: 52,
      follow_up_months: [], active: true, id: undefined, version: undefined, created_at: undefined, updated_at: undefined },
  );
  assert.equal(r.headers.get('etag'), `"${r.body.version}"`);
  assert.equal(r.headers.get('location'), `/api/v1/programmes/${r.body.id}`);
  const bad = [
    [{ name }, 'name', 'programme_name_taken'],
    [{}, 'name', 'required'],
    [{ name: '' }, 'name', 'required'],
    [{ name: 'x'.repeat(201) }, 'name', 'too_long'],
    [{ name: `x${rand()}`, threshold_percent: '120' }, 'threshold_percent', 'not_integer'],
    [{ name: `x${rand()}`, threshold_percent: 0 }, 'threshold_percent', 'out_of_range'],
    [{ name: `x${rand()}`, default_budget_cents: -1 }, 'default_budget_cents', 'out_of_range'],
    [{ name: `x${rand()}`, follow_up_months: [6, 'twaalf'] }, 'follow_up_months', 'not_integer'],
    [{ name: `x${rand()}`, follow_up_months: [6, 200] }, 'follow_up_months', 'programme_follow_up_out_of_range'],
    [{ name: `x${rand()}`, follow_up_months: [6, 6] }, 'follow_up_months', 'programme_follow_up_duplicate'],
    [{ name: `x${rand()}`, follow_up_months: 6 }, 'follow_up_months', 'not_list'],
    [{ name: `x${rand()}`, active: 'ja' }, 'active', 'not_boolean'],
    [{ name: `x${rand()}`, colour: 'blue' }, 'colour', 'unknown_field'],
  ];
  for (const [body, field, code] of bad) {
    const b = assertValidation(await admin.post('/programmes', body), field, JSON.stringify(body));
    assert.deepEqual(fieldCodes(b, field), [code], `${JSON.stringify(body)}: ${JSON.stringify(b.errors)}`);
  }
  const range = await admin.post('/programmes', { name: `x${rand()}`, follow_up_months: [0] });
  assert.deepEqual(range.body.errors.follow_up_months[0].params, { min: '1', max: '120' });
  const en = await admin.post('/programmes', { name }, { 'Accept-Language': 'en' });
  assert.match(en.body.errors.name[0].detail, /already a programme/);
  assertProblem(await admin.post('/programmes', '{"name":'), 400);
  const list = await admin.get('/programmes');
  assert.equal(list.body.items.length, 1, 'only the good one was saved');
});

test('programmes: change with If-Match; codes for stale, missing and unknown', async () => {
  const admin = await h.srv.as('admin_a');
  const r = await admin.post('/programmes', { name: `Wijzig ${rand()}` });
  assertStatus(r, 201);
  const id = r.body.id;
  const ifMatch = { 'If-Match': `"${r.body.version}"` };
  assert.equal(assertProblem(await admin.patch(`/programmes/${id}`, { threshold_percent: 130 }), 428).code, 'version_required');
  let b = assertValidation(await admin.patch(`/programmes/${id}`, { name: '' }, ifMatch), 'name');
  assert.deepEqual(fieldCodes(b, 'name'), ['not_empty']);
  b = assertValidation(await admin.patch(`/programmes/${id}`, { name: null }, ifMatch), 'name');
  assert.deepEqual(fieldCodes(b, 'name'), ['not_empty']);
  b = assertValidation(await admin.patch(`/programmes/${id}`, { follow_up_months: [12, 12] }, ifMatch), 'follow_up_months');
  assert.deepEqual(fieldCodes(b, 'follow_up_months'), ['programme_follow_up_duplicate']);
  assert.equal(assertProblem(await admin.patch(`/programmes/${id}`, { threshold_percent: 130 }, { 'If-Match': '"99"' }), 412).code,
    'version_stale');
  const u = await admin.patch(`/programmes/${id}`, { threshold_percent: 130, follow_up_months: [18, 6], active: false }, ifMatch);
  assertStatus(u, 200);
  assert.equal(u.body.threshold_percent, 130);
  assert.deepEqual(u.body.follow_up_months, [6, 18]);
  assert.equal(u.body.active, false);
  assert.equal(u.body.name, r.body.name, 'absent fields keep their value');
  assert.equal(u.headers.get('etag'), `"${u.body.version}"`);
  // The same old version again is stale now.
  assertProblem(await admin.patch(`/programmes/${id}`, { threshold_percent: 140 }, ifMatch), 412);
  // Another programme's name is taken on a change too.
  const other = await admin.post('/programmes', { name: `Ander ${rand()}` });
  b = assertValidation(await admin.patch(`/programmes/${other.body.id}`, { name: r.body.name }, { 'If-Match': `"${other.body.version}"` }), 'name');
  assert.deepEqual(fieldCodes(b, 'name'), ['programme_name_taken']);
  assertProblem(await admin.patch('/programmes/nope', { active: true }, { 'If-Match': '"1"' }), 404);
  const unknown = assertProblem(await admin.patch('/programmes/0123456789abcdef012345', { active: true }, { 'If-Match': '"1"' }), 404);
  assert.equal(unknown.code, 'programme_not_found');
});

test('programmes: others read, only admins manage, another organisation never sees or changes them', async () => {
  const admin = await h.srv.as('admin_a');
  const r = await admin.post('/programmes', { name: `Lezen ${rand()}` });
  assertStatus(r, 201);
  const id = r.body.id;
  for (const who of ['lead_a', 'coach_a1']) {
    const c = await h.srv.as(who);
    const list = await c.get('/programmes');
    assertStatus(list, 200);
    assert.ok(list.body.items.some((x) => x.id === id));
    assert.equal(list.body.next_cursor, null);
    assert.equal(assertProblem(await c.post('/programmes', { name: `y${rand()}` }), 403).code, 'forbidden');
    assertProblem(await c.patch(`/programmes/${id}`, { active: false }, { 'If-Match': `"${r.body.version}"` }), 403);
  }
  const leadB = await h.srv.as('lead_b');
  assert.ok(!(await leadB.get('/programmes')).body.items.some((x) => x.id === id));
  assert.ok(!(await (await h.srv.as('coach_b1')).get('/programmes')).body.items.some((x) => x.id === id));
  // An admin of org B may manage programmes, but not org A's: the query is scoped by organisation.
  const adminB = `admin_b_${rand(3)}`;
  await h.srv.addUser(adminB, 'admin', 'Org B');
  const b = await h.srv.login(adminB);
  const theirs = assertProblem(await b.patch(`/programmes/${id}`, { active: false }, { 'If-Match': `"${r.body.version}"` }), 404);
  assert.equal(theirs.code, 'programme_not_found');
  assert.ok(!(await b.get('/programmes')).body.items.some((x) => x.id === id));
  // The same name is free in another organisation.
  assertStatus(await b.post('/programmes', { name: r.body.name }), 201);
  const after = (await admin.get('/programmes')).body.items.find((x) => x.id === id);
  assert.equal(after.version, r.body.version, 'refused changes changed nothing');
  assert.equal(after.active, true);
});
