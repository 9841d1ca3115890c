// Walks every route the server registers (`kansrijk routes`) and proves the access pipeline
// holds for each: it is declared with a policy action, an anonymous call gets 401, a write
// without the CSRF token gets 403, and another organisation's family id (or an id of the
// wrong shape) gets 404 — with a well-formed body, so the refusal is the pipeline's, not a
// parser's.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, run, BIN, familyInput, assertProblem, Client } from './lib/harness.mjs';

const h = useServer();

// Routes that are not case or organisation data and need no session: health, metrics, the API
// description, and the steps of logging in.
const PUBLIC = new Set([
  'GET /healthz',
  'GET /metrics',
  'GET /api/v1/openapi.json',
  'GET /api/v1/openapi.yaml',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/activate',
]);

let all = [];
let declared = [];
let familyB;
const otherId = '0123456789abcdef012345'; // well-formed, belongs to nothing

before(async () => {
  await h.ready;
  all = (await run(BIN, ['routes'])).stdout.trim().split('\n').filter(Boolean);
  declared = JSON.parse((await run(BIN, ['routes', '--json'])).stdout);
  const leadB = await h.srv.as('lead_b');
  const r = await leadB.post('/families', familyInput());
  assert.equal(r.status, 201, r.text);
  familyB = r.body.id;
});

const isWrite = (method) => !['GET', 'HEAD'].includes(method);
const fill = (pattern, familyId) =>
  pattern.replace('{id}', familyId).replace(/\{[a-z_]+\}/g, otherId);

test('every route is declared once with a policy action and a scope', () => {
  const key = (r) => `${r.method} ${r.pattern}`;
  const declaredKeys = new Set(declared.map(key));
  assert.equal(declaredKeys.size, declared.length, 'a route is declared twice');
  for (const r of declared) {
    assert.match(r.action, /^[a-z_]+(\.[a-z_]+)+$/, `${key(r)} has an action name`);
    assert.ok(['organisation', 'family', 'referral', 'public'].includes(r.scope), `${key(r)} scope ${r.scope}`);
    if (r.scope === 'family') assert.match(r.pattern, /^\/api\/v1\/families\/\{id\}/, `${key(r)}: {id} names the family`);
  }
  const undeclared = all.filter((line) => !declaredKeys.has(line) && !PUBLIC.has(line));
  assert.deepEqual(undeclared, [], 'routes registered outside the access pipeline');
  assert.ok(declared.length > 50, `only ${declared.length} routes declared`);
});

test('anonymous calls get 401 on every non-public route', async () => {
  const anon = new Client(h.srv);
  for (const r of declared.filter((r) => r.scope !== 'public')) {
    const res = await anon.request(r.method, fill(r.pattern, familyB), isWrite(r.method) ? {} : undefined);
    assertProblem(res, 401, undefined, `${r.method} ${r.pattern}`);
  }
});

test('writes without the CSRF token get 403 on every route', async () => {
  const lead = await h.srv.as('lead_a');
  for (const r of declared.filter((r) => r.scope !== 'public' && isWrite(r.method))) {
    const res = await lead.request(r.method, fill(r.pattern, familyB), {}, {}, { csrf: false });
    const body = assertProblem(res, 403, 'csrf', `${r.method} ${r.pattern}`);
    assert.equal(body.code, 'csrf');
  }
});

test("another organisation's family, and ids of the wrong shape, get 404 on every family route", async () => {
  for (const who of ['lead_a', 'coach_a1']) {
    const c = await h.srv.as(who);
    for (const r of declared.filter((r) => r.scope === 'family')) {
      const headers = r.needs_version ? { 'If-Match': '"1"' } : {};
      const body = isWrite(r.method) ? {} : undefined;
      const res = await c.request(r.method, fill(r.pattern, familyB), body, headers);
      // A role that never may gets 403 before any lookup (e.g. a coach and the access log).
      const want = res.status === 403 ? 403 : 404;
      assertProblem(res, want, undefined, `${who} ${r.method} ${r.pattern} on org B's family`);
      const malformed = await c.request(r.method, r.pattern.replace('{id}', familyB + '%00x').replace(/\{[a-z_]+\}/g, 'x'), body, headers);
      assert.ok([400, 403, 404].includes(malformed.status), `${who} ${r.method} ${r.pattern} malformed id: ${malformed.status}`);
    }
  }
});

test('every refusal is on the audit log, with the family id only for the own organisation', async () => {
  const c = await h.srv.as('coach_a1');
  const before = Number((await h.srv.sql('SELECT COUNT(*) FROM audit_log')).trim());
  const res = await c.get(`/families/${familyB}`);
  assert.equal(res.status, 404);
  const rows = (await h.srv.sql(`SELECT action, outcome, COALESCE(family_id, '-') FROM audit_log WHERE seq > ${before} ORDER BY seq`)).trim().split('\n');
  assert.deepEqual(rows, ['family.read|not_found|-']);
});

test("a refused write to a colleague's family is on that family's access log (security finding 11)", async () => {
  const a1 = await h.srv.as('coach_a1');
  const a2 = await h.srv.as('coach_a2');
  const created = await a1.post('/families', familyInput());
  assert.equal(created.status, 201, created.text);
  const id = created.body.id;
  const before = Number((await h.srv.sql('SELECT COALESCE(MAX(seq), 0) FROM audit_log')).trim());
  const res = await a2.patch(`/families/${id}`, { name: 'Overgenomen' }, { 'If-Match': '"1"' });
  assertProblem(res, 404);
  const rows = (await h.srv.sql(`SELECT action, outcome, COALESCE(family_id, '-') FROM audit_log WHERE seq > ${before} ORDER BY seq`)).trim().split('\n');
  assert.deepEqual(rows, [`family.update|not_found|${id}`]);
  const lead = await h.srv.as('lead_a');
  const log = await lead.get(`/families/${id}/access-log`);
  assert.equal(log.status, 200);
  assert.ok(log.body.items.some((e) => e.action === 'family.update' && e.outcome === 'not_found'), 'the team lead sees the refused attempt');
});
