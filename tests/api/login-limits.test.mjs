// Login limits under parallel load (issue 12, items 2 and 3): the attempt is counted before the
// slow password check, so parallel wrong passwords cannot get past the lock; and at most a few
// argon2 checks (64 MiB each) run at once, so a flood of logins cannot exhaust memory or starve
// other requests. Loopback only, bounded in count and time.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

// A small ASan quarantine for the servers of this file, so freed argon2 blocks are returned
// instead of being held back (the default keeps up to 256 MiB of freed memory).
if (!process.env.ASAN_OPTIONS) process.env.ASAN_OPTIONS = 'detect_leaks=1:abort_on_error=0:quarantine_size_mb=8';

const { startServer, useServer, assertProblem, assertStatus, familyInput, password, rand } = await import('./lib/harness.mjs');

const MiB = 1024 * 1024;
const SLOTS = 4; // kMaxConcurrentPasswordChecks
const ARGON2 = 64 * MiB; // libsodium MEMLIMIT_INTERACTIVE

function procStatus(pid) {
  const text = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(text)[1]) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

function tally(results) {
  const out = {};
  for (const r of results) out[r.status] = (out[r.status] || 0) + 1;
  return out;
}

async function failuresOf(srv, username) {
  const v = (await srv.sql(`SELECT failures FROM login_throttle WHERE throttle_key = 'user:${username}'`)).trim();
  return v ? Number(v) : 0;
}

describe('parallel wrong passwords cannot get past the lock', () => {
  const h = useServer();

  test('50 wrong passwords at once: at most 5 are checked (401), the rest 429, and the account is locked', async () => {
    await h.ready;
    const name = `par_${rand(3)}`;
    const pw = await h.srv.addUser(name, 'coach');
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => h.srv.client().tryLogin(name, `wrong-password-${i}-xx`)),
    );
    const t = tally(results);
    assert.deepEqual(Object.keys(t).filter((s) => !['401', '429'].includes(s)), [], `only 401 and 429: ${JSON.stringify(t)}`);
    assert.ok((t[401] || 0) <= 5, `at most 5 wrong passwords may be checked, got ${JSON.stringify(t)}`);
    assert.ok((t[429] || 0) >= 45, JSON.stringify(t));
    for (const r of results.filter((x) => x.status === 429)) assert.match(r.headers.get('retry-after') || '', /^\d+$/);
    const right = await h.srv.client().tryLogin(name, pw);
    assertProblem(right, 429, 'too-many-requests', 'the right password after the parallel burst');
  });

  test('29 wrong + 1 right in parallel: once the budget is used, the right one does not get in', async () => {
    const name = `par2_${rand(3)}`;
    const pw = await h.srv.addUser(name, 'coach');
    const wrong = Array.from({ length: 29 }, (_, i) => h.srv.client().tryLogin(name, `wrong-password-${i}-yy`));
    // Wait (briefly) until the budget of 5 is reserved, while the wrong ones are still in flight.
    const deadline = Date.now() + 5000;
    while ((await failuresOf(h.srv, name)) < 5 && Date.now() < deadline) await sleep(20);
    const right = await h.srv.client().tryLogin(name, pw);
    const results = await Promise.all(wrong);
    const t = tally(results);
    assert.ok((t[401] || 0) <= 5, `at most 5 wrong passwords may be checked, got ${JSON.stringify(t)}`);
    assertProblem(right, 429, 'too-many-requests', `the right password while ${JSON.stringify(t)}`);
    assert.equal(right.setCookies.length, 0, 'no session');
  });

  test('an unknown username costs as much as a wrong password (no user enumeration by timing)', async () => {
    const time = async (name) => {
      const t0 = performance.now();
      const r = await h.srv.client().tryLogin(name, 'wrong-password-zz');
      assert.equal(r.status, 401);
      return performance.now() - t0;
    };
    const known = [];
    const unknown = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time('coach_b1'));
      unknown.push(await time(`nobody_${rand(4)}`));
    }
    const med = (a) => a.sort((x, y) => x - y)[1];
    const ratio = med(unknown) / med(known);
    assert.ok(ratio > 0.4 && ratio < 2.5, `unknown ${med(unknown).toFixed(0)} ms vs known ${med(known).toFixed(0)} ms`);
  });
});

test('a flood of 60 logins with unknown names: memory stays under the ceiling, other requests keep working', { timeout: 120_000 }, async (t) => {
  const srv = await startServer({ t });
  const lead = await srv.login('lead_a');
  const f = await lead.post('/families', familyInput());
  assertStatus(f, 201);
  // Warm up (the first check builds the dummy hash), then take the baseline.
  await srv.client().tryLogin(`warm_${rand(3)}`, 'wrong-password-ww');
  await sleep(200);
  const base = procStatus(srv.proc.pid);
  // Slack: the threads of 60 open connections (stacks, ASan fake stacks) and allocator noise.
  const ceiling = base.rss + SLOTS * ARGON2 + 96 * MiB;

  let flooding = true;
  const reads = [];
  const reader = (async () => {
    while (flooding) {
      const t0 = performance.now();
      const [hz, fam] = await Promise.all([lead.get('/healthz'), lead.get(`/families/${f.body.id}`)]);
      reads.push({ ms: performance.now() - t0, hz: hz.status, fam: fam.status });
      await sleep(50);
    }
  })();
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: 60 }, (_, i) => srv.client().tryLogin(`flood_${i}_${rand(3)}`, 'wrong-password-ff')),
  );
  const floodMs = performance.now() - t0;
  flooding = false;
  await reader;
  const after = procStatus(srv.proc.pid);

  const tl = tally(results);
  assert.deepEqual(Object.keys(tl).filter((s) => !['401', '429', '503'].includes(s)), [], `only 401/429/503: ${JSON.stringify(tl)}`);
  for (const r of results.filter((x) => x.status === 503)) {
    assertProblem(r, 503);
    assert.match(r.headers.get('retry-after') || '', /^\d+$/, '503 says when to retry');
  }
  assert.ok(reads.length > 0, 'reads ran during the flood');
  assert.ok(reads.every((r) => r.hz === 200 && r.fam === 200), `reads during the flood: ${JSON.stringify(reads.filter((r) => r.hz !== 200 || r.fam !== 200))}`);
  const worst = Math.max(...reads.map((r) => r.ms));
  const figures = `baseline RSS ${(base.rss / MiB).toFixed(0)} MiB, peak ${(after.hwm / MiB).toFixed(0)} MiB, ceiling ${(ceiling / MiB).toFixed(0)} MiB; ` +
    `flood ${floodMs.toFixed(0)} ms ${JSON.stringify(tl)}; ${reads.length} reads, slowest ${worst.toFixed(0)} ms`;
  t.diagnostic(figures);
  process.stderr.write(`[login-limits] ${figures}\n`);
  assert.ok(after.hwm <= ceiling, `peak RSS over the ceiling: ${figures}`);
  assert.ok(worst < 10_000, `a team lead's read took too long during the flood: ${figures}`);
});

test('50 failures from one address lock that address, also for the right password; another address is not affected', async (t) => {
  const srv = await startServer({ t });
  // Bring 127.0.0.1 to 49 failures (as 49 wrong passwords for 49 usernames would).
  const now = new Date().toISOString();
  await srv.sql(`INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) VALUES ('addr:127.0.0.1', 49, '${now}', NULL)`);
  assertProblem(await srv.client().tryLogin(`spray_${rand(3)}`, 'Welkom-2026-spray'), 401, 'unauthenticated', 'the 50th failure');
  const locked = await srv.client().tryLogin('coach_a1', password('coach_a1'));
  assertProblem(locked, 429, 'too-many-requests', 'right password from a locked address');
  assert.match(locked.headers.get('retry-after') || '', /^\d+$/);
  // From 127.0.0.2 (also loopback) the same login works: the lock is per address.
  const other = await new Promise((resolve, reject) => {
    const body = JSON.stringify({ username: 'coach_a1', password: password('coach_a1') });
    const req = http.request(
      { host: '127.0.0.1', port: srv.port, path: '/api/v1/auth/login', method: 'POST', localAddress: '127.0.0.2', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  assert.equal(other, 200, 'login from another address');
});
