// Platform: health, metrics, OpenAPI, common headers, CLI behaviour, schema-version guard,
// clean shutdown.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { useServer, startServer, run, BIN, assertProblem, assertStatus, familyInput, rand } from './lib/harness.mjs';

const METRICS_TOKEN = `scrape-${rand(16)}`;
const scrape = { Authorization: `Bearer ${METRICS_TOKEN}` };
const h = useServer({ extraArgs: ['--metrics-token', METRICS_TOKEN] });

test('/healthz → 200 {"status":"ok","version"} without a session; the version is the binary\'s own', async () => {
  const r = await h.srv.client().get('/healthz');
  assertStatus(r, 200);
  assert.deepEqual(Object.keys(r.body).sort(), ['status', 'version']);
  assert.equal(r.body.status, 'ok');
  // The same release `kansrijk version` prints ("kansrijk 0.1.0 (schema N)"): the web footer shows it.
  const cli = await run(BIN, ['version']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.equal(r.body.version, /^kansrijk (\S+) /.exec(cli.stdout)[1]);
  assert.match(r.headers.get('content-type'), /^application\/json/);
});

test('/metrics: request counter, duration histogram, pool gauges', async () => {
  const c = h.srv.client();
  await c.get('/healthz');
  await c.get('/api/v1/me'); // a 401
  const r = await c.get('/metrics', scrape);
  assertStatus(r, 200);
  assert.match(r.headers.get('content-type') || '', /^text\/plain/);
  const m = r.text;
  assert.match(m, /^# TYPE kansrijk_http_requests_total counter$/m);
  const counters = m.split('\n').filter((l) => l.startsWith('kansrijk_http_requests_total{'));
  assert.ok(counters.length > 0, 'kansrijk_http_requests_total samples');
  for (const l of counters) {
    assert.match(l, /route="[^"]*"/);
    assert.match(l, /method="[A-Z]+"/);
    assert.match(l, /status="\d{3}"/);
    assert.match(l, /\} \d+(\.\d+)?(e[+-]?\d+)?$/);
  }
  assert.ok(counters.some((l) => /method="GET"/.test(l) && /status="401"/.test(l)), 'the 401 is counted');
  assert.ok(counters.some((l) => /status="200"/.test(l)), 'a 200 is counted');
  // Route labels are templates, not raw paths (bounded cardinality).
  const lead = await h.srv.as('lead_a');
  const f = await lead.post('/families', familyInput());
  await lead.get(`/families/${f.body.id}`);
  const m2 = (await c.get('/metrics', scrape)).text;
  assert.ok(!m2.includes(f.body.id), 'ids must not appear in metric labels');

  assert.match(m2, /^# TYPE kansrijk_http_request_duration_seconds histogram$/m);
  assert.match(m2, /^kansrijk_http_request_duration_seconds_bucket\{[^}]*le="\+Inf"[^}]*\} \d+/m);
  assert.match(m2, /^kansrijk_http_request_duration_seconds_sum(\{[^}]*\})? [0-9.e+-]+$/m);
  assert.match(m2, /^kansrijk_http_request_duration_seconds_count(\{[^}]*\})? \d+$/m);
  assert.match(m2, /^kansrijk_db_pool_\w+(\{[^}]*\})? [0-9.e+-]+$/m);
  // Buckets are cumulative.
  const buckets = m2.split('\n').filter((l) => l.startsWith('kansrijk_http_request_duration_seconds_bucket{'));
  const byRoute = new Map();
  for (const l of buckets) {
    const key = l.replace(/,?le="[^"]*"/, '').replace(/ .*$/, '');
    const v = Number(l.split(' ').pop());
    const prev = byRoute.get(key);
    if (prev !== undefined) assert.ok(v >= prev, `buckets cumulative: ${l}`);
    byRoute.set(key, v);
  }
});

describe('/metrics needs the scrape token', () => {
  test('no token configured → 404, also with a bearer token', async (t) => {
    const srv = await startServer({ t });
    const c = srv.client();
    assertProblem(await c.get('/metrics'), 404);
    assertProblem(await c.get('/metrics', { Authorization: 'Bearer ' }), 404);
    assertProblem(await c.get('/metrics', { Authorization: 'Bearer anything' }), 404);
  });
  test('wrong or missing token → 401; the right one → 200', async () => {
    const c = h.srv.client();
    for (const auth of [undefined, `Bearer ${METRICS_TOKEN}x`, `Bearer ${METRICS_TOKEN.slice(0, -1)}`, `Basic ${METRICS_TOKEN}`, METRICS_TOKEN]) {
      const r = await c.get('/metrics', auth ? { Authorization: auth } : {});
      assertProblem(r, 401, undefined, `Authorization: ${auth}`);
      assert.doesNotMatch(r.text, /kansrijk_http_requests_total/);
    }
    assertStatus(await c.get('/metrics', scrape), 200);
  });
});

test('OpenAPI served as YAML and JSON', async () => {
  const c = h.srv.client();
  const y = await c.get('/api/v1/openapi.yaml');
  assertStatus(y, 200);
  assert.match(y.headers.get('content-type') || '', /yaml/);
  assert.match(y.text, /^openapi: ['"]?3\.\d/m);
  const j = await c.get('/api/v1/openapi.json');
  assertStatus(j, 200);
  assert.match(j.headers.get('content-type') || '', /^application\/json/);
  const doc = JSON.parse(j.text);
  assert.match(doc.openapi, /^3\./);
  const paths = Object.keys(doc.paths);
  for (const p of ['/api/v1/families', '/api/v1/families/{id}', '/api/v1/auth/login', '/healthz']) assert.ok(paths.includes(p), `openapi.json has ${p}`);
  assert.ok(y.text.includes('/api/v1/families/{id}/access-log'));
});

describe('headers on every response', () => {
  const cases = [
    ['GET', '/healthz', 200],
    ['GET', '/metrics', 200],
    ['GET', '/api/v1/openapi.json', 200],
    ['GET', '/api/v1/me', 401],
    ['GET', '/api/v1/nope', 404],
    ['GET', '/nope-outside-api', 404],
    ['PUT', '/api/v1/families', 405],
    ['POST', '/api/v1/auth/login', 401],
    ['POST', '/api/v1/auth/login', 400, '{bad'],
  ];
  for (const [method, p, status, body] of cases) {
    test(`${method} ${p} → ${status} with security headers`, async () => {
      const c = h.srv.client();
      const r = await c.request(method, p, body ?? (method === 'GET' ? undefined : { username: 'nobody', password: 'wrong-password-x' }), p === '/metrics' ? scrape : {});
      assert.equal(r.status, status, r.text);
      checkHeaders(r, p);
    });
  }
  test('authenticated API responses too, incl. 201/204', async () => {
    const lead = await h.srv.login('lead_a');
    const created = await lead.post('/families', familyInput());
    assert.equal(created.status, 201);
    checkHeaders(created, '/api/v1/families');
    checkHeaders(await lead.get(`/families/${created.body.id}`), '/api/v1/families/x');
    const out = await lead.post('/auth/logout');
    assert.equal(out.status, 204);
    checkHeaders(out, '/api/v1/auth/logout');
  });
  test('X-Request-Id is unique per request', async () => {
    const ids = new Set();
    for (let i = 0; i < 20; i++) ids.add((await h.srv.client().get('/healthz')).headers.get('x-request-id'));
    assert.equal(ids.size, 20);
  });
});

function checkHeaders(r, p) {
  const g = (k) => r.headers.get(k);
  assert.ok(g('x-request-id') && g('x-request-id').length >= 8, `${p}: X-Request-Id`);
  assert.equal(g('x-content-type-options'), 'nosniff', `${p}: nosniff`);
  assert.equal(g('referrer-policy'), 'no-referrer', `${p}: Referrer-Policy`);
  assert.match(g('content-security-policy') || '', /frame-ancestors 'none'/, `${p}: CSP`);
  assert.equal((g('x-frame-options') || '').toUpperCase(), 'DENY', `${p}: X-Frame-Options`);
  if (p.startsWith('/api')) assert.match(g('cache-control') || '', /no-store/, `${p}: Cache-Control`);
}

describe('CLI', () => {
  const cli = (args, stdin) => run(BIN, args, { stdin, cwd: h.srv.dir, env: h.srv.env });

  test('--help → exit 0 with usage on stdout', async () => {
    const r = await cli(['--help']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /serve/);
    assert.match(r.stdout, /migrate/);
    assert.match(r.stdout, /audit/);
  });

  test('unknown subcommand → exit 2 with a message on stderr', async () => {
    const r = await cli(['nonsense']);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.ok(r.stderr.trim().length > 0, 'message on stderr');
    assert.match(r.stderr, /nonsense|unknown|onbekend|invalid|usage/i);
  });

  test('no subcommand → exit 2 (or usage)', async () => {
    const r = await cli([]);
    assert.ok(r.code === 2 || r.code === 0, `exit ${r.code}`);
    assert.ok((r.stdout + r.stderr).length > 0);
  });

  test('user add with a bad role → exit 2 and a clear message', async () => {
    const r = await h.srv.cli(['user', 'add', '--org', 'Org A', '--username', `x_${rand(3)}`, '--role', 'superuser'], 'a-long-password-123\n');
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /role/i);
    assert.match(r.stderr, /admin|team_lead|coach|superuser/);
  });

  test('user add: missing username, unknown org, short password, duplicate → non-zero', async () => {
    const missing = await h.srv.cli(['user', 'add', '--org', 'Org A', '--role', 'coach'], 'a-long-password-123\n');
    assert.equal(missing.code, 2, 'missing --username is a usage error');
    const org = await h.srv.cli(['user', 'add', '--org', `No Org ${rand()}`, '--username', `x_${rand(3)}`, '--role', 'coach'], 'a-long-password-123\n');
    assert.notEqual(org.code, 0);
    assert.match(org.stderr, /org/i);
    const short = await h.srv.cli(['user', 'add', '--org', 'Org A', '--username', `x_${rand(3)}`, '--role', 'coach'], 'short\n');
    assert.notEqual(short.code, 0);
    assert.match(short.stderr, /12|password|wachtwoord/i);
    const dup = await h.srv.cli(['user', 'add', '--org', 'Org A', '--username', 'coach_a1', '--role', 'coach'], 'a-long-password-123\n');
    assert.notEqual(dup.code, 0);
    assert.match(dup.stderr, /exist|bestaat|duplicate|taken|already|unique|in gebruik/i);
  });

  test('org add prints the id; user list lists users', async () => {
    const r = await h.srv.cli(['org', 'add', '--name', `Org ${rand()}`]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(r.stdout.trim().length > 0 && !r.stdout.trim().includes('\n'), `one id: ${r.stdout}`);
    const l = await h.srv.cli(['user', 'list', '--org', 'Org B']);
    assert.equal(l.code, 0, l.stderr);
    assert.match(l.stdout, /lead_b/);
    assert.match(l.stdout, /coach_b1/);
    assert.doesNotMatch(l.stdout, /coach_a1/);
  });

  test('version → exit 0 and a version string', async () => {
    const r = await cli(['version']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\d+\.\d+/);
  });

  test('routes → every route, METHOD /path, matching the server', async () => {
    const r = await cli(['routes']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    for (const l of lines) assert.match(l, /^(GET|POST|PATCH|PUT|DELETE|HEAD|OPTIONS) \/\S*$/, l);
    for (const need of ['GET /healthz', 'POST /api/v1/auth/login', 'GET /api/v1/families/{id}', 'PATCH /api/v1/families/{id}/members/{mid}', 'GET /api/v1/families/{id}/access-log']) {
      assert.ok(lines.includes(need), `routes lists ${need}`);
    }
    assert.equal(new Set(lines).size, lines.length, 'no duplicates');
  });

  test('bad --db URL → non-zero with a message', async () => {
    const r = await run(BIN, ['migrate', '--db', 'mysql://nope'], { cwd: h.srv.dir, env: h.srv.env });
    assert.ok(r.code === 1 || r.code === 2, `exit ${r.code}`);
    assert.ok(r.stderr.trim().length > 0);
  });

  test('audit verify on an intact log → 0; backup writes a file', async () => {
    const v = await h.srv.auditVerify();
    assert.equal(v.code, 0, v.stdout + v.stderr);
    const file = `${h.srv.dir}/backup-${rand()}.out`;
    const b = await h.srv.cli(['backup', file]);
    assert.equal(b.code, 0, b.stderr);
    const fs = await import('node:fs');
    assert.ok(fs.statSync(file).size > 0, 'backup file is not empty');
  });
});

test('serve refuses a database with a newer schema version', async (t) => {
  const srv = await startServer({ t });
  await srv.stop();
  await srv.sql("INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', CURRENT_TIMESTAMP)");
  const r = await srv.cli(['serve', '--listen', `127.0.0.1:${srv.port}`, '--audit-key-file', srv.keyFile], undefined, { timeout: 20_000 });
  assert.ok(!r.signal, `serve must exit by itself, not hang (was killed: ${r.stderr.slice(-300)})`);
  assert.notEqual(r.code, 0, 'serve exits non-zero');
  assert.match(r.stdout + r.stderr, /schema|migration/i, 'message mentions the schema');
  assert.match(r.stdout + r.stderr, /9999/, 'message mentions the version found');
  const m = await srv.cli(['migrate'], undefined, { timeout: 20_000 });
  assert.notEqual(m.code, 0, 'migrate also refuses');
});

test('migrate is idempotent', async () => {
  const r = await h.srv.cli(['migrate']);
  assert.equal(r.code, 0, r.stderr);
  const r2 = await h.srv.cli(['migrate']);
  assert.equal(r2.code, 0, r2.stderr);
});

test('serve on a busy port → exit non-zero with a message', async () => {
  const r = await h.srv.cli(['serve', '--listen', `127.0.0.1:${h.srv.port}`, '--audit-key-file', h.srv.keyFile], undefined, { timeout: 20_000 });
  assert.ok(!r.signal, 'must exit by itself');
  assert.notEqual(r.code, 0);
  assert.ok(r.stderr.trim().length > 0);
  assertStatus(await h.srv.client().get('/healthz'), 200, 'the first server is unaffected');
});

test('SIGTERM stops the server cleanly (exit 0) and data survives a restart', async (t) => {
  const srv = await startServer({ t });
  const lead = await srv.as('lead_a');
  const f = await lead.post('/families', familyInput());
  assert.equal(f.status, 201);
  const exit = await srv.stop();
  assert.deepEqual({ code: exit.code, signal: exit.signal }, { code: 0, signal: null }, `exit on SIGTERM: ${srv.stderr().slice(-2000)}`);
  assert.match(srv.stdout(), /kansrijk listening on http:\/\/127\.0\.0\.1:\d+/, 'ready line on stdout');
  await srv.spawn();
  const again = await srv.login('lead_a');
  const g = await again.get(`/families/${f.body.id}`);
  assertStatus(g, 200);
  assert.equal(g.body.name, f.body.name);
  // Sessions of the earlier process: either still valid or a clean 401, never a 500.
  const old = await lead.get('/me');
  assert.ok([200, 401].includes(old.status), `old session after restart → ${old.status}`);
  await sleep(10);
});
