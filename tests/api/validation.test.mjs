// Bad input: every case gets a 4xx problem+json, leaves the database unchanged, and
// the server keeps serving.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useServer, startServer, familyInput, memberInput, assertProblem, assertStatus, assertValidation,
  familySnapshot, isoDate, rand,
} from './lib/harness.mjs';

const h = useServer();
let lead;
let fam; // a family of lead_a's org, for member/PATCH cases

before(async () => {
  await h.ready;
  lead = await h.srv.as('lead_a');
  fam = (await lead.post('/families', familyInput({ name: `Basis ${rand()}` }))).body;
  assert.ok(fam?.id, 'setup family');
});

/** Runs `fn`, asserts it returned a 4xx problem, and that the families did not change. */
async function unchanged(fn) {
  const beforeSnap = await familySnapshot(lead);
  const members = (await lead.get(`/families/${fam.id}/members`)).body.items.length;
  const r = await fn();
  const afterSnap = await familySnapshot(lead);
  assert.deepEqual(afterSnap, beforeSnap, 'database changed by a rejected request');
  assert.equal((await lead.get(`/families/${fam.id}/members`)).body.items.length, members);
  return r;
}
const postRaw = (body, headers = {}) => lead.request('POST', '/families', body, { 'Content-Type': 'application/json', ...headers });

test('malformed JSON → 400 invalid-json', async () => {
  for (const body of ['{"name": ', '{name: "x"}', "{'name':'x'}", '{"name":"x",}', '', 'null x', '{"name":"x"}{"name":"y"}', '\u0000']) {
    const r = await unchanged(() => postRaw(body));
    assert.ok(r.status === 400 || (body === '' && r.status === 422), `${JSON.stringify(body)} → ${r.status}`);
    assertProblem(r, r.status, r.status === 400 ? 'invalid-json' : 'validation', JSON.stringify(body));
  }
});

test('wrong top-level type → 400', async () => {
  for (const body of ['[]', '"name"', '42', 'null', 'true', '[{"name":"x"}]']) {
    assertProblem(await unchanged(() => postRaw(body)), 400, 'invalid-json', body);
  }
});

test('wrong field types → 422 naming the field', async () => {
  const cases = [
    [{ name: 5 }, 'name'],
    [{ name: null }, 'name'],
    [{ name: ['x'] }, 'name'],
    [{ name: { first: 'x' } }, 'name'],
    [{ name: 'ok', members: 'x' }, 'members'],
    [{ name: 'ok', members: {} }, 'members'],
    [{ name: 'ok', members: ['x'] }, 'members'],
    [{ name: 'ok', coach_id: 12 }, 'coach_id'],
    [{ name: 'ok', members: [{ ...memberInput(), birth_date: true }] }, 'birth_date'],
  ];
  for (const [body, field] of cases) assertValidation(await unchanged(() => lead.post('/families', body)), field, JSON.stringify(body));
  assertValidation(
    await unchanged(() => lead.patch(`/families/${fam.id}`, { name: 5 }, { 'If-Match': `"${fam.version}"` })),
    'name',
  );
  assertValidation(
    await unchanged(() => lead.patch(`/families/${fam.id}`, { status: true }, { 'If-Match': `"${fam.version}"` })),
    'status',
  );
});

test('missing required fields → 422', async () => {
  assertValidation(await unchanged(() => lead.post('/families', {})), 'name');
  assertValidation(await unchanged(() => lead.post('/families', { members: [memberInput()] })), 'name');
  for (const field of ['given_name', 'sex', 'household_role']) {
    const m = memberInput();
    delete m[field];
    assertValidation(await unchanged(() => lead.post(`/families/${fam.id}/members`, m)), field);
  }
});

test('unknown fields → 422 on that field', async () => {
  const r = await unchanged(() => lead.post('/families', { name: 'x', colour: 'blue' }));
  const b = assertValidation(r, 'colour');
  assert.ok(b.errors.colour, `errors should be keyed by the unknown field: ${JSON.stringify(b.errors)}`);
  assertValidation(await unchanged(() => lead.post('/families', { name: 'x', id: 'mine' })), 'id');
  assertValidation(await unchanged(() => lead.post('/families', { name: 'x', version: 3 })), 'version');
  assertValidation(await unchanged(() => lead.post('/families', { name: 'x', members: [{ ...memberInput(), bsn: '123456782' }] })), 'bsn');
  assertValidation(await unchanged(() => lead.patch(`/families/${fam.id}`, { nickname: 'x' }, { 'If-Match': `"${fam.version}"` })), 'nickname');
  assertValidation(await unchanged(() => lead.post(`/families/${fam.id}/members`, { ...memberInput(), shoe_size: 42 })), 'shoe_size');
});

test('10 MB body → 413 payload-too-large, server still healthy', async () => {
  const big = JSON.stringify({ name: 'x'.repeat(10 * 1024 * 1024) });
  let r;
  try {
    r = await unchanged(() => postRaw(big));
  } catch (e) {
    assert.fail(`a 10 MB body must be answered with 413, but the request failed: ${e.message}`);
  }
  assertProblem(r, 413, 'payload-too-large');
  const health = await fetch(h.srv.url + '/healthz');
  assert.equal(health.status, 200);
  // Just over the limit (1 MiB + 1) is also 413; a body just under is handled normally.
  const justOver = '{"name":"' + 'y'.repeat(1024 * 1024 - 11 + 1) + '"}';
  assert.equal(Buffer.byteLength(justOver), 1024 * 1024 + 1);
  assertProblem(await unchanged(() => postRaw(justOver)), 413, 'payload-too-large');
  const under = '{"name":"' + 'y'.repeat(1000) + '"' + ' '.repeat(1024 * 1024 - 1012) + '}';
  assert.ok(Buffer.byteLength(under) <= 1024 * 1024);
  assertValidation(await unchanged(() => postRaw(under)), 'name', 'body under 1 MiB with a 1000-char name');
});

test('413 also when only the Content-Length announces a huge body (raw)', async () => {
  const req =
    `POST /api/v1/families HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: kansrijk_session=${lead.cookie}\r\n` +
    `X-CSRF-Token: ${lead.csrf}\r\nContent-Type: application/json\r\nContent-Length: ${50 * 1024 * 1024}\r\n` +
    `Connection: close\r\n\r\n{"name":"`;
  const r = await h.srv.raw(req, { timeout: 8000 });
  assert.equal(r.status, 413, `raw huge Content-Length → ${r.status} (${r.why}) ${r.body.slice(0, 200)}`);
  assert.match(r.headers['content-type'] || '', /application\/problem\+json/);
  assertStatus(await h.srv.client().get('/healthz'), 200);
});

test('invalid UTF-8 in a JSON string → 400', async () => {
  const bodies = [
    Buffer.concat([Buffer.from('{"name":"Fam'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]),
    Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), // overlong '/'
    Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), // UTF-16 surrogate
    Buffer.concat([Buffer.from('{"name":"Jans'), Buffer.from([0xc3]), Buffer.from('"}')]), // truncated sequence
  ];
  for (const b of bodies) {
    const r = await unchanged(() => postRaw(new Uint8Array(b)));
    assertProblem(r, 400, 'invalid-json', b.toString('hex'));
  }
  // The same via a raw socket with an explicit Content-Length.
  const body = Buffer.concat([Buffer.from('{"name":"Fam '), Buffer.from([0xfc, 0x80, 0x80]), Buffer.from('"}')]);
  const head =
    `POST /api/v1/families HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: kansrijk_session=${lead.cookie}\r\n` +
    `X-CSRF-Token: ${lead.csrf}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  const raw = await unchanged(() => h.srv.raw(Buffer.concat([Buffer.from(head), body])));
  assert.equal(raw.status, 400, `raw invalid UTF-8 → ${raw.status} ${raw.body}`);
  // A lone surrogate escape cannot be stored as UTF-8 either.
  const esc = await unchanged(() => postRaw('{"name":"Fam \\ud800"}'));
  assert.ok([400, 422].includes(esc.status), `lone surrogate escape → ${esc.status}`);
  assertProblem(esc, esc.status);
  // A valid escaped pair is fine and comes back as the real character.
  const ok = await lead.post('/families', `{"name":"Gezin \\ud83d\\ude00 ${rand()}"}`);
  assertStatus(ok, 201);
  assert.ok(ok.body.name.startsWith('Gezin \u{1F600} '));
});

test('over-long strings → 422; the limits count characters, not bytes', async () => {
  assertValidation(await unchanged(() => lead.post('/families', { name: 'a'.repeat(201) })), 'name');
  assertValidation(await unchanged(() => lead.post(`/families/${fam.id}/members`, memberInput({ given_name: 'b'.repeat(101) }))), 'given_name');
  assertValidation(await unchanged(() => lead.post(`/families/${fam.id}/members`, memberInput({ family_name: 'c'.repeat(101) }))), 'family_name');
  assertValidation(await unchanged(() => lead.post('/families', { name: 'x', members: [memberInput({ given_name: 'd'.repeat(101) })] })), 'given_name');
  // 200 two-byte characters are 200 characters.
  const wide = 'ë'.repeat(199) + rand(1).slice(0, 1);
  const r = await lead.post('/families', { name: wide });
  assertStatus(r, 201, '200 non-ASCII characters');
  assert.equal(r.body.name, wide);
  const r2 = await lead.post(`/families/${fam.id}/members`, memberInput({ given_name: 'ø'.repeat(100) }));
  assertStatus(r2, 201, '100 non-ASCII characters');
  fam = (await lead.get(`/families/${fam.id}`)).body;
});

test('SQL- and markup-looking strings are stored verbatim', async () => {
  const names = [
    "Robert'); DROP TABLE families;--",
    `O'Brien "de" \\ Backslash ${rand()}`,
    `<script>alert(1)</script> ${rand()}`,
    `%_ LIKE wildcards %% ${rand()}`,
    `Ünïcödé 名前 مرحبا 👨‍👩‍👧 ${rand()}`,
  ];
  for (const name of names) {
    const r = await lead.post('/families', { name, members: [memberInput({ given_name: name.slice(0, 100) })] });
    assertStatus(r, 201, name);
    assert.equal(r.body.name, name);
    const g = await lead.get(`/families/${r.body.id}`);
    assert.equal(g.body.name, name);
    assert.equal(g.body.members[0].given_name, name.slice(0, 100));
    const found = await lead.get(`/families?q=${encodeURIComponent(name)}`);
    assertStatus(found, 200);
    assert.ok(found.body.items.some((f) => f.id === r.body.id), `search finds ${JSON.stringify(name)}`);
  }
  // The table is still there.
  assertStatus(await lead.get('/families'), 200);
  const q = await lead.get(`/families?q=${encodeURIComponent("' OR '1'='1")}`);
  assertStatus(q, 200);
  assert.equal(q.body.items.length, 0);
});

test('birth dates: future, impossible and before 1900 → 422; edges accepted', async () => {
  for (const d of [isoDate(1), isoDate(400), '2023-02-30', '2023-02-29', '2023-13-01', '2023-00-10', '1899-12-31', '0000-01-01', '2023-2-3', '2023-02-03T00:00:00Z', '', 'gisteren']) {
    assertValidation(await unchanged(() => lead.post(`/families/${fam.id}/members`, memberInput({ birth_date: d }))), 'birth_date', d);
  }
  for (const d of ['1900-01-01', '2024-02-29', isoDate(0)]) {
    const r = await lead.post(`/families/${fam.id}/members`, memberInput({ birth_date: d }));
    assertStatus(r, 201, `birth_date ${d}`);
    assert.equal(r.body.birth_date, d);
  }
  fam = (await lead.get(`/families/${fam.id}`)).body;
});

test('list parameters: limit outside 1..200 and garbage cursors → 422', async () => {
  for (const qs of ['limit=0', 'limit=1000', 'limit=201', 'limit=-1', 'limit=abc', 'limit=1.5', 'limit=', 'cursor=garbage', 'cursor=' + 'A'.repeat(300), 'cursor=eyJ4IjoxfQ']) {
    assertProblem(await lead.get(`/families?${qs}`), 422, 'validation', qs);
  }
  // A NUL byte in the query is refused at the HTTP edge, before any handler sees it (issue 12).
  assertProblem(await lead.get('/families?cursor=%00'), 400, undefined, 'cursor=%00');
  // (The members list is a single page by contract and takes no limit/cursor.)
  assertProblem(await lead.get(`/families/${fam.id}/access-log?limit=1000`), 422, 'validation');
  assertProblem(await lead.get(`/families/${fam.id}/access-log?cursor=garbage`), 422, 'validation');
  assertStatus(await lead.get('/families?limit=1'), 200);
  assertStatus(await lead.get('/families?limit=200'), 200);
});

test('unknown routes → 404 problem+json; wrong methods → 405 with Allow', async () => {
  assertProblem(await lead.get('/nope'), 404, 'not-found');
  assertProblem(await lead.get('/families/x/y/z'), 404, 'not-found');
  assertProblem(await lead.get('/api/v2/families'), 404, 'not-found');
  assertProblem(await lead.post('/nope', {}), 404, 'not-found');
  for (const [method, p] of [['PUT', '/families'], ['DELETE', '/families'], ['PUT', `/families/${fam.id}`], ['GET', '/auth/login'], ['POST', '/me'], ['DELETE', '/me']]) {
    const r = await lead.request(method, p, method === 'GET' ? undefined : {});
    assertProblem(r, 405, 'method-not-allowed', `${method} ${p}`);
    assert.ok(r.headers.get('allow'), `${method} ${p}: Allow header`);
  }
});

test('expired and made-up sessions → 401', async () => {
  const c = await h.srv.login('coach_a1');
  const cookie = c.cookie;
  assertStatus(await c.post('/auth/logout'), 204);
  for (const ck of [`kansrijk_session=${cookie}`, `kansrijk_session=${rand(32)}`, 'kansrijk_session=', 'kansrijk_session=../../etc/passwd', `kansrijk_session=${'x'.repeat(5000)}`, `kansrijk_session=${cookie}x`]) {
    assertProblem(await c.get('/me', {}, { cookie: ck }), 401, 'unauthenticated', ck.slice(0, 60));
    assertProblem(await c.get('/families', {}, { cookie: ck }), 401, 'unauthenticated', ck.slice(0, 60));
    const w = await unchanged(() => c.post('/families', familyInput(), {}, { cookie: ck, csrf: c.csrf || 'x' }));
    assertProblem(w, 401, 'unauthenticated', ck.slice(0, 60));
  }
});

const PASSWD_RE = /root:.*:0:0:/;
const TRAVERSALS = [
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/%2E%2E/%2E%2E/etc/passwd',
  '/assets/..%2f..%2fetc/passwd',
  '/assets/../../../../etc/passwd',
  '/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
  '/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/..%5c..%5c..%5cetc%5cpasswd',
  '/%252e%252e/%252e%252e/etc/passwd',
  '/assets/..%00/etc/passwd',
  '//etc/passwd',
  '/api/v1/../../../etc/passwd',
  '/./././../etc/passwd',
];

async function rawGet(srv, target) {
  return srv.raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
}

test('path traversal without --static: 400 or 404, never file content', async () => {
  for (const t of TRAVERSALS) {
    const r = await rawGet(h.srv, t);
    assert.ok(r.status === 400 || r.status === 404, `${t} → ${r.status} (${r.why}) ${r.body.slice(0, 200)}`);
    assert.doesNotMatch(r.body, PASSWD_RE, `${t} leaked /etc/passwd`);
  }
});

test('path traversal with --static: never outside the static dir', async (t) => {
  // Build a static dir with a secret next to it (one level up).
  const base = fs.mkdtempSync('/tmp/kansrijk-static-');
  t.after(() => fs.rmSync(base, { recursive: true, force: true }));
  const dist = path.join(base, 'dist');
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  const index = '<!doctype html><title>kansrijk</title><div id="app"></div>';
  fs.writeFileSync(path.join(dist, 'index.html'), index);
  fs.writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app")');
  const secret = `TOPSECRET-${rand()}`;
  fs.writeFileSync(path.join(base, 'secret.txt'), secret);
  const srv = await startServer({ t, extraArgs: ['--static', dist] });

  const js = await rawGet(srv, '/assets/app.js');
  assert.equal(js.status, 200, `static file served: ${js.status}`);
  assert.match(js.body, /console\.log/);
  assert.match(js.headers['x-content-type-options'] || '', /nosniff/);

  const extra = ['/assets/../../secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/../secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%5csecret.txt'];
  for (const p of [...TRAVERSALS, ...extra]) {
    const r = await rawGet(srv, p);
    assert.doesNotMatch(r.body, PASSWD_RE, `${p} leaked /etc/passwd`);
    assert.ok(!r.body.includes(secret), `${p} leaked a file outside the static dir`);
    // 400/404, or the SPA's index.html (client-side routing fallback) — nothing else.
    const spaFallback = r.status === 200 && r.body === index;
    assert.ok(r.status === 400 || r.status === 404 || spaFallback, `${p} → ${r.status} ${r.body.slice(0, 120)}`);
  }
  assertStatus(await srv.client().get('/healthz'), 200);
});

test('malformed HTTP requests get a 4xx and do not hurt the server', async (t) => {
  const port = h.srv.port;
  const cases = [
    'HELLO\r\n\r\n',
    'GET\r\n\r\n',
    'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
    `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(200_000)}\r\n\r\n`,
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n',
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n',
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 7\r\n\r\n{}',
    'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nxx\r\n0\r\n\r\n',
    'GET /api/v1/families?limit=%ZZ HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET /%ZZ HTTP/1.1\r\nHost: x\r\n\r\n',
    Buffer.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01, 0x00, 0x00, 0xa1, 0x03, 0x03]), // TLS hello
  ];
  for (const c of cases) {
    const r = await h.srv.raw(c, { timeout: 3000 });
    const label = (typeof c === 'string' ? c : c.toString('hex')).slice(0, 60);
    // A 4xx, or no answer at all (the server closes, or waits for bytes that never come
    // until its read timeout) — never a 2xx/5xx for garbage.
    assert.ok(r.status === null || (r.status >= 400 && r.status < 500), `${JSON.stringify(label)} → ${r.status}`);
    if (r.status === null) t.diagnostic(`${JSON.stringify(label)} → no response (${r.why === 'timeout' ? 'server still waiting after 3 s' : r.why})`);
    assertStatus(await h.srv.client().get('/healthz'), 200, `healthy after ${JSON.stringify(label)}`);
  }
  // A header line without a colon: RFC 9112 wants a 400, but ignoring the bad line is a
  // common, harmless leniency; what matters is a well-formed answer and no crash.
  const lenient = await h.srv.raw('GET /healthz HTTP/1.1\r\nHost: x\r\nNoColonHeader\r\nConnection: close\r\n\r\n');
  assert.ok(lenient.status === 400 || lenient.status === 200, `header without colon → ${lenient.status}`);
  // Slow/partial request: the server must not hang for others.
  const net = await import('node:net');
  const sock = net.connect({ host: '127.0.0.1', port });
  await new Promise((res) => sock.on('connect', res));
  sock.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
  assertStatus(await h.srv.client().get('/healthz'), 200, 'healthy while a request is half sent');
  sock.destroy();
});

test('the server is still alive and consistent after all of the above', async () => {
  assert.ok(h.srv.alive, 'server process still running');
  assertStatus(await h.srv.client().get('/healthz'), 200);
  assertStatus(await lead.get(`/families/${fam.id}`), 200);
  const v = await h.srv.auditVerify();
  assert.equal(v.code, 0, `audit verify: ${v.stdout} ${v.stderr}`);
});
