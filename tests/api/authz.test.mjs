// Authorisation: the role × endpoint × target matrix from the contract, users
// endpoints, and the coach-assignment rules.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, familyInput, memberInput, assertProblem, assertStatus, assertValidation, rand, USERS,
} from './lib/harness.mjs';

const h = useServer();

// Targets: a family of coach_a1 (org A), of coach_a2 (org A), of coach_b1 (org B), and an
// id that does not exist.
const TARGETS = {
  A1: { org: 'Org A', coach: 'coach_a1', lead: 'lead_a' },
  A2: { org: 'Org A', coach: 'coach_a2', lead: 'lead_a' },
  B: { org: 'Org B', coach: 'coach_b1', lead: 'lead_b' },
  missing: null,
};

// Expected result of the case endpoints (family read/update, members read/write) per
// user and target. 'ok' = the success status of that endpoint.
const CASE_ACCESS = {
  admin_a: { A1: 403, A2: 403, B: 403, missing: 403 },
  lead_a: { A1: 'ok', A2: 'ok', B: 404, missing: 404 },
  coach_a1: { A1: 'ok', A2: 404, B: 404, missing: 404 },
  coach_a2: { A1: 404, A2: 'ok', B: 404, missing: 404 },
  lead_b: { A1: 404, A2: 404, B: 'ok', missing: 404 },
  coach_b1: { A1: 404, A2: 404, B: 'ok', missing: 404 },
};
// Access log: team leads only (own organisation); coaches and admins 403 on any id.
const ACCESS_LOG = {
  admin_a: { A1: 403, A2: 403, B: 403, missing: 403 },
  lead_a: { A1: 'ok', A2: 'ok', B: 404, missing: 404 },
  coach_a1: { A1: 403, A2: 403, B: 403, missing: 403 },
  coach_a2: { A1: 403, A2: 403, B: 403, missing: 403 },
  lead_b: { A1: 404, A2: 404, B: 'ok', missing: 404 },
  coach_b1: { A1: 403, A2: 403, B: 403, missing: 403 },
};
const SLUG = { 403: 'forbidden', 404: 'not-found' };

const fams = {}; // target → { id, memberId }

before(async () => {
  await h.ready;
  for (const [key, t] of Object.entries(TARGETS)) {
    if (!t) {
      fams[key] = { id: `missing-${rand()}`, memberId: `missing-${rand()}` };
      continue;
    }
    const lead = await h.srv.as(t.lead);
    const r = await lead.post('/families', familyInput({ name: `Matrix ${key} ${rand()}`, coach_id: await h.srv.userId(t.coach) }));
    assert.equal(r.status, 201, `setup ${key}: ${r.text}`);
    fams[key] = { id: r.body.id, memberId: r.body.members[0].id };
  }
});

/** Current versions of a target family and its first member, read as the org's lead. */
async function versions(key) {
  const t = TARGETS[key];
  if (!t) return { fv: 1, mv: 1 };
  const r = await (await h.srv.as(t.lead)).get(`/families/${fams[key].id}`);
  assert.equal(r.status, 200);
  const m = r.body.members.find((x) => x.id === fams[key].memberId);
  return { fv: r.body.version, mv: m.version, members: r.body.member_count };
}

const OPS = {
  'GET family': { ok: 200, table: CASE_ACCESS, run: (c, f) => c.get(`/families/${f.id}`) },
  'PATCH family': {
    ok: 200,
    table: CASE_ACCESS,
    write: true,
    run: (c, f, v) => c.patch(`/families/${f.id}`, { name: `Matrix hernoemd ${rand(3)}` }, { 'If-Match': `"${v.fv}"` }),
  },
  'GET members': { ok: 200, table: CASE_ACCESS, run: (c, f) => c.get(`/families/${f.id}/members`) },
  'POST member': { ok: 201, table: CASE_ACCESS, write: true, run: (c, f) => c.post(`/families/${f.id}/members`, memberInput({ given_name: 'Matrix' })) },
  'PATCH member': {
    ok: 200,
    table: CASE_ACCESS,
    write: true,
    run: (c, f, v) => c.patch(`/families/${f.id}/members/${f.memberId}`, { given_name: `M${rand(2)}` }, { 'If-Match': `"${v.mv}"` }),
  },
  'GET access-log': { ok: 200, table: ACCESS_LOG, run: (c, f) => c.get(`/families/${f.id}/access-log`) },
};

describe('case endpoints: role × endpoint × target', () => {
  for (const user of Object.keys(CASE_ACCESS)) {
    for (const [opName, op] of Object.entries(OPS)) {
      for (const target of Object.keys(TARGETS)) {
        const exp = op.table[user][target];
        const status = exp === 'ok' ? op.ok : exp;
        test(`${user} ${opName} ${target} → ${status}`, async () => {
          const c = await h.srv.as(user);
          const v = await versions(target);
          const r = await op.run(c, fams[target], v);
          if (exp === 'ok') {
            assertStatus(r, status);
          } else {
            assertProblem(r, status, SLUG[status], `${user} ${opName} ${target}`);
            // A refused write changes nothing.
            if (op.write && TARGETS[target]) assert.deepEqual(await versions(target), v, 'refused write changed the family');
            // A 404 must not leak anything of the resource.
            assert.ok(!r.text.includes('Matrix'), 'error body leaks data');
          }
        });
      }
    }
  }
});

describe('family list and create per role', () => {
  for (const user of Object.keys(CASE_ACCESS)) {
    test(`${user} GET /families shows exactly the allowed targets`, async () => {
      const c = await h.srv.as(user);
      const r = await c.get('/families?q=Matrix&limit=200');
      if (USERS[user].role === 'admin') return void assertProblem(r, 403, 'forbidden');
      assertStatus(r, 200);
      const ids = new Set(r.body.items.map((f) => f.id));
      for (const target of ['A1', 'A2', 'B']) {
        const visible = CASE_ACCESS[user][target] === 'ok';
        assert.equal(ids.has(fams[target].id), visible, `${user} sees ${target}: expected ${visible}`);
      }
      // Nothing of another organisation at all.
      const all = await c.listAll('/families');
      const myOrg = (await c.get('/me')).body.user.organisation_id;
      for (const f of all) {
        const g = await c.get(`/families/${f.id}`);
        assert.equal(g.status, 200, `${user} lists ${f.id} but cannot read it`);
      }
      assert.ok(myOrg);
    });
    test(`${user} POST /families`, async () => {
      const c = await h.srv.as(user);
      const r = await c.post('/families', familyInput({ name: `Nieuw ${user} ${rand()}` }));
      if (USERS[user].role === 'admin') assertProblem(r, 403, 'forbidden');
      else assertStatus(r, 201);
    });
  }
  test('admin cannot read a family even by search', async () => {
    const admin = await h.srv.as('admin_a');
    assertProblem(await admin.get(`/families?q=Matrix`), 403, 'forbidden');
    assertProblem(await admin.get(`/families/${fams.A1.id}`), 403, 'forbidden');
  });
});

describe('users endpoints', () => {
  test('admin lists all users of the own organisation only', async () => {
    const admin = await h.srv.as('admin_a');
    const r = await admin.get('/users');
    assertStatus(r, 200);
    const names = r.body.items.map((u) => u.username);
    for (const n of ['admin_a', 'lead_a', 'coach_a1', 'coach_a2']) assert.ok(names.includes(n), `admin sees ${n}`);
    for (const n of ['lead_b', 'coach_b1']) assert.ok(!names.includes(n), `admin of A must not see ${n}`);
    assert.ok(r.body.items.every((u) => u.organisation_name === 'Org A'));
    assert.ok('next_cursor' in r.body);
    assert.ok(r.body.items.every((u) => !('password_hash' in u) && !('totp_secret' in u)), 'no secrets in user list');
    const coaches = await admin.get('/users?role=coach');
    assertStatus(coaches, 200);
    assert.deepEqual(coaches.body.items.map((u) => u.username).filter((n) => USERS[n]).sort(), ['coach_a1', 'coach_a2']);
    assert.ok(coaches.body.items.every((u) => u.role === 'coach'));
    assertProblem(await admin.get('/users?role=boss'), 422, 'validation');
  });

  test('team lead lists coaches and team leads of the own organisation, nothing else', async () => {
    const lead = await h.srv.as('lead_a');
    const coaches = await lead.get('/users?role=coach');
    assertStatus(coaches, 200);
    const names = coaches.body.items.map((u) => u.username);
    assert.ok(names.includes('coach_a1') && names.includes('coach_a2'));
    assert.ok(!names.includes('coach_b1'), 'coach of org B must not be listed');
    assert.ok(coaches.body.items.every((u) => u.role === 'coach'));
    const leads = await lead.get('/users?role=team_lead');
    assertStatus(leads, 200);
    assert.ok(leads.body.items.every((u) => u.role === 'team_lead' && u.organisation_name === 'Org A'));
    // Without a role filter a team lead gets the staff they can assign: coaches and team leads, no admins.
    const staff = await lead.get('/users');
    assertStatus(staff, 200);
    assert.ok(staff.body.items.length >= 3);
    assert.ok(staff.body.items.every((u) => ['coach', 'team_lead'].includes(u.role) && u.organisation_name === 'Org A'));
    assertProblem(await lead.get('/users?role=admin'), 403, 'forbidden');
    const leadB = await h.srv.as('lead_b');
    const bCoaches = await leadB.get('/users?role=coach');
    assertStatus(bCoaches, 200);
    assert.deepEqual(bCoaches.body.items.map((u) => u.username).filter((n) => USERS[n]), ['coach_b1']);
  });

  test('coaches get 403 on every users endpoint', async () => {
    const coach = await h.srv.as('coach_a1');
    assertProblem(await coach.get('/users'), 403, 'forbidden');
    assertProblem(await coach.get('/users?role=coach'), 403, 'forbidden');
    assertProblem(await coach.post('/users', { username: `x${rand(3)}`, display_name: 'X', role: 'coach' }), 403, 'forbidden');
    assertProblem(await coach.get('/users/role-changes'), 403, 'forbidden');
    assertProblem(await coach.post(`/users/${await h.srv.userId('coach_a2')}/activation`), 403, 'forbidden');
    const id = await h.srv.userId('coach_a2');
    assertProblem(await coach.patch(`/users/${id}`, { display_name: 'Hack' }, { 'If-Match': '"1"' }), 403, 'forbidden');
  });

  test('admin creates a user (201) without a password; the user activates the account and logs in', async () => {
    const admin = await h.srv.as('admin_a');
    const username = `nieuw_${rand(3)}`;
    const pw = 'Een-lang-wachtwoord-9';
    const r = await admin.post('/users', { username, display_name: 'Nieuwe Coach', role: 'coach' });
    assertStatus(r, 201);
    assert.equal(r.body.username, username);
    assert.equal(r.body.role, 'coach');
    assert.equal(r.body.organisation_name, 'Org A');
    assert.equal(r.body.disabled, false);
    assert.equal(r.body.activation_pending, true);
    assert.ok(!('password' in r.body) && !('password_hash' in r.body));
    assert.match(r.body.activation.link, /^\/activeren#[A-Za-z0-9_-]{20,}$/);
    assert.equal(r.body.activation.link, `/activeren#${r.body.activation.token}`);
    // Not usable before activation, with any password.
    assertProblem(await h.srv.client().tryLogin(username, ''), [401, 422]);
    assertProblem(await h.srv.client().tryLogin(username, pw), 401, 'unauthenticated');
    await h.srv.activate(r.body.activation.token, pw);
    const login = await h.srv.client().tryLogin(username, pw);
    assertStatus(login, 200);
    assert.equal(login.body.user.organisation_name, 'Org A');
    assert.equal(login.body.user.activation_pending, false);

    // A taken username: the OpenAPI lists 409 conflict; 422 naming `username` is as usable
    // for a form, so either is accepted — but nothing else, and no second user.
    const dup = await admin.post('/users', { username, display_name: 'Dubbel', role: 'coach' });
    if (dup.status === 409) assertProblem(dup, 409, 'conflict');
    else assertValidation(dup, 'username', 'duplicate username');
    assert.equal((await admin.listAll('/users')).filter((u) => u.username === username).length, 1);
    // An admin may not choose the password (issue 12, item 5).
    assertValidation(await admin.post('/users', { username: `pw_${rand(3)}`, display_name: 'P', role: 'team_lead', password: pw }), 'password');
    assert.equal((await admin.listAll('/users')).filter((u) => u.display_name === 'P').length, 0);
    assertValidation(await admin.post('/users', { username: `rol_${rand(3)}`, display_name: 'R', role: 'superuser' }), 'role');
    assertValidation(await admin.post('/users', { username: `org_${rand(3)}`, display_name: 'O', role: 'coach', organisation_id: 'x' }), 'organisation_id');
    assertValidation(await admin.post('/users', { display_name: 'O', role: 'coach' }), 'username');

    for (const who of ['lead_a', 'coach_a1']) {
      const c = await h.srv.as(who);
      assertProblem(await c.post('/users', { username: `no_${rand(3)}`, display_name: 'N', role: 'coach' }), 403, 'forbidden', who);
    }
  });

  test('admin updates a user with If-Match; other org → 404; lead/coach → 403', async () => {
    const admin = await h.srv.as('admin_a');
    const username = `upd_${rand(3)}`;
    const pw = 'Een-lang-wachtwoord-8';
    const created = await admin.post('/users', { username, display_name: 'Voor', role: 'coach' });
    assertStatus(created, 201);
    await h.srv.activate(created.body.activation.token, pw);
    const id = created.body.id;
    // The activation changed the account (its password): take the version from now.
    const etag = (await admin.get(`/users/${id}`)).headers.get('etag');

    assertProblem(await admin.patch(`/users/${id}`, { display_name: 'Zonder' }), 428, 'precondition-required');
    const r = await admin.patch(`/users/${id}`, { display_name: 'Na' }, { 'If-Match': etag });
    assertStatus(r, 200);
    assert.equal(r.body.display_name, 'Na');
    const etag2 = r.headers.get('etag');
    assert.ok(etag2, 'PATCH /users answers with an ETag');
    assert.notEqual(etag2, etag);
    assertProblem(await admin.patch(`/users/${id}`, { display_name: 'Oud' }, { 'If-Match': etag }), 412, 'precondition-failed');

    const dis = await admin.patch(`/users/${id}`, { disabled: true }, { 'If-Match': etag2 });
    assertStatus(dis, 200);
    assert.equal(dis.body.disabled, true);
    assertProblem(await h.srv.client().tryLogin(username, pw), 401, undefined, 'disabled via API');
    const en = await admin.patch(`/users/${id}`, { disabled: false }, { 'If-Match': dis.headers.get('etag') });
    assertStatus(en, 200);
    assertStatus(await h.srv.client().tryLogin(username, pw), 200, 're-enabled');

    const bId = await h.srv.userId('lead_b');
    assertProblem(await admin.patch(`/users/${bId}`, { display_name: 'Overgenomen' }, { 'If-Match': '"1"' }), 404, 'not-found');
    assertValidation(await admin.patch(`/users/${id}`, { organisation_id: 'x' }, { 'If-Match': en.headers.get('etag') }), 'organisation_id');
    const lead = await h.srv.as('lead_a');
    assertProblem(await lead.patch(`/users/${id}`, { display_name: 'Lead' }, { 'If-Match': '"1"' }), 403, 'forbidden');
    // lead_b's name is unchanged (checked as lead_b)
    assert.equal((await (await h.srv.as('lead_b')).get('/me')).body.user.display_name, 'Lead B');
  });
});

describe('coach assignment rules', () => {
  test('a coach cannot create a family for another coach → 403', async () => {
    const coach = await h.srv.as('coach_a1');
    const name = `Ander ${rand()}`;
    assertProblem(await coach.post('/families', { name, coach_id: await h.srv.userId('coach_a2') }), 403, 'forbidden');
    const lead = await h.srv.as('lead_a');
    assert.equal((await lead.get(`/families?q=${encodeURIComponent(name)}`)).body.items.length, 0);
  });

  test('a coach cannot change coach_id → 403', async () => {
    const coach = await h.srv.as('coach_a1');
    const f = (await coach.post('/families', familyInput())).body;
    const r = await coach.patch(`/families/${f.id}`, { coach_id: await h.srv.userId('coach_a2') }, { 'If-Match': `"${f.version}"` });
    assertProblem(r, 403, 'forbidden');
    const g = await coach.get(`/families/${f.id}`);
    assert.equal(g.body.coach_id, await h.srv.userId('coach_a1'));
    assert.equal(g.body.version, f.version);
  });

  test('a team lead assigning a coach of another organisation → 422', async () => {
    const lead = await h.srv.as('lead_a');
    const foreign = await h.srv.userId('coach_b1');
    assertValidation(await lead.post('/families', { name: `Vreemd ${rand()}`, coach_id: foreign }), 'coach_id');
    const f = (await lead.post('/families', familyInput())).body;
    assertValidation(await lead.patch(`/families/${f.id}`, { coach_id: foreign }, { 'If-Match': `"${f.version}"` }), 'coach_id');
    assert.equal((await lead.get(`/families/${f.id}`)).body.coach_id, null);
  });

  test('a team lead assigning a non-coach, unknown or disabled user → 422', async () => {
    const lead = await h.srv.as('lead_a');
    const disabled = `weg_${rand(3)}`;
    await h.srv.addUser(disabled, 'coach');
    const disabledId = (await h.srv.login(disabled)).user.id;
    const d = await h.srv.cli(['user', 'disable', '--username', disabled]);
    assert.equal(d.code, 0, d.stderr);
    const f = (await lead.post('/families', familyInput())).body;
    for (const [label, id] of [
      ['team lead', await h.srv.userId('lead_a')],
      ['admin', await h.srv.userId('admin_a')],
      ['unknown', `nobody-${rand()}`],
      ['disabled coach', disabledId],
    ]) {
      assertValidation(await lead.post('/families', { name: `Fout ${rand()}`, coach_id: id }), 'coach_id', label);
      assertValidation(await lead.patch(`/families/${f.id}`, { coach_id: id }, { 'If-Match': `"${f.version}"` }), 'coach_id', label);
    }
  });

  test('a team lead reassigns a family: the old coach loses access, the new one gains it', async () => {
    const lead = await h.srv.as('lead_a');
    const a1 = await h.srv.as('coach_a1');
    const a2 = await h.srv.as('coach_a2');
    const f = (await lead.post('/families', familyInput({ coach_id: await h.srv.userId('coach_a1') }))).body;
    assertStatus(await a1.get(`/families/${f.id}`), 200);
    assertProblem(await a2.get(`/families/${f.id}`), 404, 'not-found');
    const r = await lead.patch(`/families/${f.id}`, { coach_id: await h.srv.userId('coach_a2') }, { 'If-Match': `"${f.version}"` });
    assertStatus(r, 200);
    assert.equal(r.body.coach_id, await h.srv.userId('coach_a2'));
    assert.equal(r.body.coach_name, 'Coach A2');
    assertProblem(await a1.get(`/families/${f.id}`), 404, 'not-found');
    assertProblem(await a1.get(`/families/${f.id}/members`), 404, 'not-found');
    assertStatus(await a2.get(`/families/${f.id}`), 200);
  });
});
