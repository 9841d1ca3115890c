// Families and members: create, list (pagination, filters), read, update with
// optimistic locking, archive, members.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, familyInput, memberInput, assertProblem, assertStatus, assertValidation, fieldCodes, rand, ISO_TIME_RE, isoDate,
} from './lib/harness.mjs';

const h = useServer();

const etagOf = (r) => r.headers.get('etag');
const q = (s) => encodeURIComponent(s);

function assertFamilyShape(f) {
  for (const k of ['id', 'name', 'coach_id', 'coach_name', 'status', 'version', 'created_at', 'updated_at', 'member_count']) {
    assert.ok(k in f, `family lacks ${k}: ${JSON.stringify(f)}`);
  }
  assert.equal(typeof f.id, 'string');
  assert.ok(['active', 'archived'].includes(f.status));
  assert.equal(typeof f.version, 'number');
  assert.match(f.created_at, ISO_TIME_RE);
  assert.match(f.updated_at, ISO_TIME_RE);
}
function assertMemberShape(m) {
  for (const k of ['id', 'family_id', 'given_name', 'family_name', 'birth_date', 'sex', 'household_role', 'version', 'created_at', 'updated_at']) {
    assert.ok(k in m, `member lacks ${k}: ${JSON.stringify(m)}`);
  }
  assert.match(m.created_at, ISO_TIME_RE);
}

test('team lead creates a family with members for a coach: 201, Location, ETag', async () => {
  const lead = await h.srv.as('lead_a');
  const coachId = await h.srv.userId('coach_a1');
  const input = familyInput({ coach_id: coachId });
  const r = await lead.post('/families', input);
  assertStatus(r, 201);
  const f = r.body;
  assertFamilyShape(f);
  assert.equal(f.name, input.name);
  assert.equal(f.coach_id, coachId);
  assert.equal(f.coach_name, 'Coach A1');
  assert.equal(f.status, 'active');
  assert.equal(f.member_count, 2);
  assert.equal(f.members.length, 2);
  for (const m of f.members) {
    assertMemberShape(m);
    assert.equal(m.family_id, f.id);
  }
  const daan = f.members.find((m) => m.given_name === 'Daan');
  assert.ok(daan);
  assert.equal(daan.birth_date, '2014-09-30');
  assert.equal(daan.sex, 'male');
  assert.equal(daan.household_role, 'child');
  assert.equal(daan.family_name, 'de Vries');
  const loc = r.headers.get('location');
  assert.ok(loc, 'Location header');
  assert.match(loc, new RegExp(`/api/v1/families/${f.id}$`));
  assert.equal(etagOf(r), `"${f.version}"`);
  assert.match(r.headers.get('content-type'), /^application\/json/);

  // The Location can be followed.
  const g = await lead.get(new URL(loc, h.srv.url).pathname);
  assertStatus(g, 200);
  assert.equal(g.body.id, f.id);
});

test('a coach creating a family becomes its coach; coach_id equal to self is accepted', async () => {
  const coach = await h.srv.as('coach_a1');
  const me = await h.srv.userId('coach_a1');
  const r = await coach.post('/families', { name: `Eigen ${rand()}` });
  assertStatus(r, 201);
  assert.equal(r.body.coach_id, me);
  assert.equal(r.body.member_count, 0);
  assert.deepEqual(r.body.members, []);
  const r2 = await coach.post('/families', { name: `Eigen2 ${rand()}`, coach_id: me });
  assertStatus(r2, 201);
  assert.equal(r2.body.coach_id, me);
});

test('a family created by a team lead without coach_id is not visible to coaches', async () => {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/families', familyInput());
  assertStatus(r, 201);
  assert.equal(r.body.coach_id, null);
  for (const c of ['coach_a1', 'coach_a2']) {
    assertProblem(await (await h.srv.as(c)).get(`/families/${r.body.id}`), 404, 'not-found');
  }
});

test('GET one family includes its members', async () => {
  const lead = await h.srv.as('lead_a');
  const created = (await lead.post('/families', familyInput({ coach_id: await h.srv.userId('coach_a1') }))).body;
  for (const who of ['lead_a', 'coach_a1']) {
    const r = await (await h.srv.as(who)).get(`/families/${created.id}`);
    assertStatus(r, 200);
    assertFamilyShape(r.body);
    assert.equal(r.body.id, created.id);
    assert.equal(r.body.name, created.name);
    assert.equal(etagOf(r), `"${r.body.version}"`);
    assert.deepEqual(r.body.members.map((m) => m.id).sort(), created.members.map((m) => m.id).sort());
  }
  assertProblem(await lead.get('/families/does-not-exist'), 404, 'not-found');
  assertProblem(await lead.get('/families/999999999'), 404, 'not-found');
});

test('list pagination: 7 families, limit=3 → pages of 3, 3, 1; no duplicates; sorted by name', async () => {
  const lead = await h.srv.as('lead_a');
  const prefix = `Pag${rand(4)}`;
  const names = [];
  // Create in non-sorted order; include two equal names to exercise the id tie-break.
  for (const n of ['G', 'C', 'A', 'F', 'B', 'E', 'E']) {
    const r = await lead.post('/families', { name: `${prefix} ${n}` });
    assertStatus(r, 201);
    names.push(r.body.name);
  }
  const pages = [];
  let cursor = null;
  for (let i = 0; i < 5; i++) {
    const r = await lead.get(`/families?q=${q(prefix)}&limit=3` + (cursor ? `&cursor=${q(cursor)}` : ''));
    assertStatus(r, 200);
    assert.ok(Array.isArray(r.body.items));
    assert.ok('next_cursor' in r.body, 'next_cursor must be present (null at the end)');
    pages.push(r.body.items);
    cursor = r.body.next_cursor;
    if (cursor === null) break;
    assert.equal(typeof cursor, 'string');
  }
  assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
  const all = pages.flat();
  assert.equal(new Set(all.map((f) => f.id)).size, 7, 'no duplicates across pages');
  const got = all.map((f) => f.name);
  assert.deepEqual(got, [...names].sort(), 'sorted by name');
  const es = all.filter((f) => f.name.endsWith(' E'));
  assert.ok(es[0].id !== es[1].id);
  // Default limit returns all 7 in one page.
  const one = await lead.get(`/families?q=${q(prefix)}`);
  assert.equal(one.body.items.length, 7);
  assert.equal(one.body.next_cursor, null);
});

test('list filters: coach_id, status, q', async () => {
  const lead = await h.srv.as('lead_a');
  const a1 = await h.srv.userId('coach_a1');
  const a2 = await h.srv.userId('coach_a2');
  const tag = `Filt${rand(4)}`;
  const f1 = (await lead.post('/families', { name: `${tag} Jansen`, coach_id: a1 })).body;
  const f2 = (await lead.post('/families', { name: `${tag} Pietersen`, coach_id: a2 })).body;
  const f3 = (await lead.post('/families', { name: `${tag} Bakker`, coach_id: a2 })).body;
  // Only a closed family may be archived (issue 14).
  const closed3 = await lead.post(`/families/${f3.id}/phase`, { to: 'afsluiting', date: isoDate(0), closing_reason: 'wil_niet' });
  assertStatus(closed3, 200);
  assertStatus(await lead.patch(`/families/${f3.id}`, { status: 'archived' }, { 'If-Match': `"${closed3.body.version}"` }), 200);

  const byCoach = await lead.listAll(`/families?q=${q(tag)}&coach_id=${q(a2)}`);
  assert.deepEqual(byCoach.map((f) => f.id).sort(), [f2.id, f3.id].sort());
  assert.ok(byCoach.every((f) => f.coach_id === a2));
  const allA2 = await lead.listAll(`/families?coach_id=${q(a2)}`);
  assert.ok(allA2.every((f) => f.coach_id === a2), 'coach_id filter without q');

  const archived = await lead.listAll(`/families?q=${q(tag)}&status=archived`);
  assert.deepEqual(archived.map((f) => f.id), [f3.id]);
  const active = await lead.listAll(`/families?q=${q(tag)}&status=active`);
  assert.deepEqual(active.map((f) => f.id).sort(), [f1.id, f2.id].sort());

  const sub = await lead.listAll(`/families?q=${q(tag + ' Piet')}`);
  assert.deepEqual(sub.map((f) => f.id), [f2.id]);
  const middle = await lead.listAll(`/families?q=${q('etersen')}`);
  assert.ok(middle.some((f) => f.id === f2.id), 'q matches a substring, not only a prefix');
  const none = await lead.listAll(`/families?q=${q('zzz-no-such-' + rand())}`);
  assert.equal(none.length, 0);

  // LIKE wildcards in q are literal.
  const pct = await lead.listAll(`/families?q=${q('%')}`);
  assert.ok(pct.every((f) => f.name.includes('%')), 'q=% must not match everything');
  const us = await lead.listAll(`/families?q=${q(tag.slice(0, 4) + '_')}`);
  assert.ok(us.every((f) => f.name.includes(tag.slice(0, 4) + '_')), 'q with _ must be literal');

  const badStatus = await lead.get('/families?status=deleted');
  assertProblem(badStatus, 422, 'validation');

  // A coach sees only their own families.
  const coach = await h.srv.as('coach_a1');
  const mine = await coach.listAll(`/families?q=${q(tag)}`);
  assert.deepEqual(mine.map((f) => f.id), [f1.id]);
});

test('PATCH with If-Match: version increments and the ETag follows; 428 without, 412 when stale', async () => {
  const lead = await h.srv.as('lead_a');
  const f = (await lead.post('/families', familyInput())).body;
  const v1 = f.version;

  const r = await lead.patch(`/families/${f.id}`, { name: f.name + ' (nieuw)' }, { 'If-Match': `"${v1}"` });
  assertStatus(r, 200);
  assert.equal(r.body.name, f.name + ' (nieuw)');
  assert.equal(r.body.version, v1 + 1);
  assert.equal(etagOf(r), `"${v1 + 1}"`);
  assert.ok(r.body.updated_at >= f.updated_at);
  assert.equal(r.body.created_at, f.created_at);

  // Bare number is accepted too.
  const r2 = await lead.patch(`/families/${f.id}`, { name: f.name + ' 2' }, { 'If-Match': String(v1 + 1) });
  assertStatus(r2, 200);
  assert.equal(r2.body.version, v1 + 2);

  assertProblem(await lead.patch(`/families/${f.id}`, { name: 'zonder' }), 428, 'precondition-required');
  assertProblem(await lead.patch(`/families/${f.id}`, { name: 'oud' }, { 'If-Match': `"${v1}"` }), 412, 'precondition-failed');
  assertProblem(await lead.patch(`/families/${f.id}`, { name: 'toekomst' }, { 'If-Match': `"${v1 + 50}"` }), 412, 'precondition-failed');
  const garbage = await lead.patch(`/families/${f.id}`, { name: 'rommel' }, { 'If-Match': 'W/"abc"' });
  assert.ok([400, 412, 428].includes(garbage.status), `garbage If-Match → ${garbage.status}`);

  const now = await lead.get(`/families/${f.id}`);
  assert.equal(now.body.name, f.name + ' 2', 'failed PATCHes changed nothing');
  assert.equal(now.body.version, v1 + 2);

  assertProblem(await lead.patch(`/families/nope-${rand()}`, { name: 'x' }, { 'If-Match': '"1"' }), 404, 'not-found');
});

test('PATCH validation: the same rules as create; nothing changes on 422', async () => {
  const lead = await h.srv.as('lead_a');
  const f = (await lead.post('/families', familyInput())).body;
  const im = { 'If-Match': `"${f.version}"` };
  for (const [body, field, code] of [
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'n'.repeat(201) }, 'name', 'too_long'],
    [{ name: null }, 'name', 'not_empty'],
    [{ status: 'weg' }, 'status', 'choose_one_of'],
    [{ version: 99 }, 'version', 'unknown_field'],
    [{ members: [] }, 'members', 'unknown_field'],
  ]) {
    const problem = assertValidation(await lead.patch(`/families/${f.id}`, body, im), field, JSON.stringify(body).slice(0, 80));
    if (code) assert.ok(fieldCodes(problem, field).includes(code), `${code} in ${JSON.stringify(problem.errors)}`);
  }
  const g = await lead.get(`/families/${f.id}`);
  assert.equal(g.body.name, f.name);
  assert.equal(g.body.version, f.version);
});

test('concurrent PATCHes with the same version: exactly one wins', async () => {
  const lead = await h.srv.as('lead_a');
  const f = (await lead.post('/families', familyInput())).body;
  const rs = await Promise.all(
    Array.from({ length: 6 }, (_, i) => lead.patch(`/families/${f.id}`, { name: `${f.name} race ${i}` }, { 'If-Match': `"${f.version}"` })),
  );
  const statuses = rs.map((r) => r.status).sort();
  assert.equal(statuses.filter((s) => s === 200).length, 1, `statuses: ${statuses}`);
  assert.ok(statuses.every((s) => s === 200 || s === 412), `statuses: ${statuses}`);
  const now = await lead.get(`/families/${f.id}`);
  assert.equal(now.body.version, f.version + 1);
});

test('archive via status, and back to active', async () => {
  const lead = await h.srv.as('lead_a');
  const created = (await lead.post('/families', familyInput())).body;
  // Archiving is for closed families only (issue 14): first close, with a reason.
  const open = await lead.patch(`/families/${created.id}`, { status: 'archived' }, { 'If-Match': `"${created.version}"` });
  assert.deepEqual(fieldCodes(assertValidation(open, 'status'), 'status'), ['archive_needs_closing']);
  const closed = await lead.post(`/families/${created.id}/phase`, { to: 'afsluiting', date: isoDate(0), closing_reason: 'niet_bereikbaar' });
  assertStatus(closed, 200);
  const f = closed.body;
  const r = await lead.patch(`/families/${f.id}`, { status: 'archived' }, { 'If-Match': `"${f.version}"` });
  assertStatus(r, 200);
  assert.equal(r.body.status, 'archived');
  const g = await lead.get(`/families/${f.id}`);
  assert.equal(g.body.status, 'archived');
  const back = await lead.patch(`/families/${f.id}`, { status: 'active' }, { 'If-Match': `"${r.body.version}"` });
  assertStatus(back, 200);
  assert.equal(back.body.status, 'active');
});

test('DELETE a family → 405 with Allow, and the family is still there', async () => {
  const lead = await h.srv.as('lead_a');
  const f = (await lead.post('/families', familyInput())).body;
  const r = await lead.delete(`/families/${f.id}`);
  assertProblem(r, 405, 'method-not-allowed');
  const allow = (r.headers.get('allow') || '').split(',').map((s) => s.trim().toUpperCase());
  assert.ok(allow.includes('GET') && allow.includes('PATCH'), `Allow: ${r.headers.get('allow')}`);
  assert.ok(!allow.includes('DELETE'));
  assertStatus(await lead.get(`/families/${f.id}`), 200);
  const r2 = await lead.delete('/families');
  assertProblem(r2, 405, 'method-not-allowed');
  const allow2 = (r2.headers.get('allow') || '').toUpperCase();
  assert.ok(allow2.includes('GET') && allow2.includes('POST'), `Allow: ${allow2}`);
});

test('members: create, list, patch with If-Match; member_count follows', async () => {
  const coach = await h.srv.as('coach_a1');
  const f = (await coach.post('/families', { name: `Leden ${rand()}` })).body;
  assert.equal(f.member_count, 0);

  const r = await coach.post(`/families/${f.id}/members`, memberInput({ given_name: 'Fatima', family_name: 'El Amrani', birth_date: '1990-01-31' }));
  assertStatus(r, 201);
  const m = r.body;
  assertMemberShape(m);
  assert.equal(m.family_id, f.id);
  assert.equal(m.given_name, 'Fatima');
  assert.equal(m.family_name, 'El Amrani');
  assert.equal(m.birth_date, '1990-01-31');
  assert.equal(etagOf(r), `"${m.version}"`);

  // Optional fields: family_name defaults to "", birth_date may be null/absent.
  const r2 = await coach.post(`/families/${f.id}/members`, { given_name: 'Noor', sex: 'unknown', household_role: 'child' });
  assertStatus(r2, 201);
  assert.equal(r2.body.family_name, '');
  assert.equal(r2.body.birth_date, null);
  const r3 = await coach.post(`/families/${f.id}/members`, memberInput({ given_name: 'Opa', birth_date: null, sex: 'other', household_role: 'grandparent' }));
  assertStatus(r3, 201);
  assert.equal(r3.body.birth_date, null);

  const list = await coach.get(`/families/${f.id}/members`);
  assertStatus(list, 200);
  assert.equal(list.body.next_cursor, null);
  assert.deepEqual(list.body.items.map((x) => x.id).sort(), [m.id, r2.body.id, r3.body.id].sort());

  const fam = await coach.get(`/families/${f.id}`);
  assert.equal(fam.body.member_count, 3);
  assert.equal(fam.body.members.length, 3);

  const p = await coach.patch(`/families/${f.id}/members/${m.id}`, { given_name: 'Fatiha', birth_date: '1991-02-28' }, { 'If-Match': `"${m.version}"` });
  assertStatus(p, 200);
  assert.equal(p.body.given_name, 'Fatiha');
  assert.equal(p.body.birth_date, '1991-02-28');
  assert.equal(p.body.family_name, 'El Amrani', 'untouched fields stay');
  assert.equal(p.body.version, m.version + 1);
  assert.equal(etagOf(p), `"${m.version + 1}"`);

  const clear = await coach.patch(`/families/${f.id}/members/${m.id}`, { birth_date: null }, { 'If-Match': `"${m.version + 1}"` });
  assertStatus(clear, 200);
  assert.equal(clear.body.birth_date, null, 'birth_date can be cleared with null');

  assertProblem(await coach.patch(`/families/${f.id}/members/${m.id}`, { given_name: 'X' }), 428, 'precondition-required');
  assertProblem(await coach.patch(`/families/${f.id}/members/${m.id}`, { given_name: 'X' }, { 'If-Match': `"${m.version}"` }), 412, 'precondition-failed');
  assertProblem(await coach.patch(`/families/${f.id}/members/nope-${rand()}`, { given_name: 'X' }, { 'If-Match': '"1"' }), 404, 'not-found');

  // A member id of another family is not reachable through this family.
  const other = (await coach.post('/families', familyInput())).body;
  const foreign = other.members[0];
  assertProblem(await coach.patch(`/families/${f.id}/members/${foreign.id}`, { given_name: 'X' }, { 'If-Match': `"${foreign.version}"` }), 404, 'not-found');
  assertProblem(await coach.post(`/families/nope-${rand()}/members`, memberInput()), 404, 'not-found');
  assertProblem(await coach.get(`/families/nope-${rand()}/members`), 404, 'not-found');
});

test('member validation: 422 with the field named, nothing stored', async () => {
  const coach = await h.srv.as('coach_a1');
  const f = (await coach.post('/families', { name: `Val ${rand()}` })).body;
  const cases = [
    [{ ...memberInput(), given_name: '' }, 'given_name'],
    [{ ...memberInput(), given_name: '   ' }, 'given_name'],
    [(({ given_name, ...rest }) => rest)(memberInput()), 'given_name', 'given_name_required'],
    [{ ...memberInput(), given_name: 'x'.repeat(101) }, 'given_name'],
    [{ ...memberInput(), family_name: 'x'.repeat(101) }, 'family_name'],
    [{ ...memberInput(), sex: 'f' }, 'sex', 'choose_one_of'],
    [{ ...memberInput(), sex: 'FEMALE' }, 'sex', 'choose_one_of'],
    [{ ...memberInput(), household_role: 'uncle' }, 'household_role', 'choose_one_of'],
    [{ ...memberInput(), birth_date: '2023-02-30' }, 'birth_date'],
    [{ ...memberInput(), birth_date: '12-04-1986' }, 'birth_date'],
    [{ ...memberInput(), birth_date: 19860412 }, 'birth_date'],
    [{ ...memberInput(), given_name: 7 }, 'given_name'],
    [{ ...memberInput(), family_id: f.id }, 'family_id', 'unknown_field'],
    [{ ...memberInput(), id: 'x' }, 'id', 'unknown_field'],
  ];
  for (const [body, field, code] of cases) {
    const problem = assertValidation(await coach.post(`/families/${f.id}/members`, body), field, JSON.stringify(body));
    if (code) assert.deepEqual(fieldCodes(problem, field), [code], JSON.stringify(body));
  }
  const list = await coach.get(`/families/${f.id}/members`);
  assert.equal(list.body.items.length, 0, 'no member stored by invalid requests');
  // given_name of exactly 100 characters is fine.
  assertStatus(await coach.post(`/families/${f.id}/members`, memberInput({ given_name: 'y'.repeat(100), family_name: 'z'.repeat(100) })), 201);
});

test('family with an invalid member is not created at all (one transaction)', async () => {
  const lead = await h.srv.as('lead_a');
  const name = `Tx ${rand()}`;
  const r = await lead.post('/families', { name, members: [memberInput(), memberInput({ sex: 'nope' })] });
  assertProblem(r, 422, 'validation');
  const keys = Object.keys(r.body.errors).join(' ');
  assert.match(keys, /members/, `errors should point into members: ${keys}`);
  const list = await lead.get(`/families?q=${q(name)}`);
  assert.equal(list.body.items.length, 0);
});

test('family name is trimmed and limited to 1..200 characters', async () => {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/families', { name: `  Spaties ${rand()}  ` });
  assertStatus(r, 201);
  assert.equal(r.body.name, r.body.name.trim(), 'name is stored trimmed');
  assertValidation(await lead.post('/families', { name: '    ' }), 'name');
  const long = assertValidation(await lead.post('/families', { name: 'n'.repeat(201) }), 'name');
  assert.deepEqual(fieldCodes(long, 'name'), ['too_long']);
  assert.deepEqual(long.errors.name[0].params, { max: '200' });
  assertStatus(await lead.post('/families', { name: 'n'.repeat(200) }), 201);
});

test('member PATCH validation: 422 naming the field, member unchanged', async () => {
  const coach = await h.srv.as('coach_a1');
  const f = (await coach.post('/families', familyInput())).body;
  const m = f.members[0];
  const im = { 'If-Match': `"${m.version}"` };
  for (const [body, field] of [
    [{ given_name: '' }, 'given_name'],
    [{ given_name: '   ' }, 'given_name'],
    [{ given_name: 'g'.repeat(101) }, 'given_name'],
    [{ sex: 'x' }, 'sex'],
    [{ household_role: null }, 'household_role'],
    [{ birth_date: '2999-01-01' }, 'birth_date'],
    [{ family_id: 'other' }, 'family_id'],
  ]) {
    assertValidation(await coach.patch(`/families/${f.id}/members/${m.id}`, body, im), field, JSON.stringify(body).slice(0, 60));
  }
  const now = (await coach.get(`/families/${f.id}/members`)).body.items.find((x) => x.id === m.id);
  assert.equal(now.version, m.version);
  assert.equal(now.given_name, m.given_name);
});
