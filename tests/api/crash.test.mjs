// Durability: every acknowledged (201) write survives `kill -9`, and the audit chain
// stays intact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, familyInput, memberInput, assertStatus } from './lib/harness.mjs';

const WORKERS = 8;
const RUN_MS = 1500;

test('acknowledged families survive kill -9; audit chain intact', { timeout: 180_000 }, async (t) => {
  const srv = await startServer({ t });
  // Several sessions and roles writing at once.
  const who = ['lead_a', 'coach_a1', 'coach_a2', 'lead_b', 'coach_b1', 'lead_a', 'coach_a1', 'coach_b1'];
  const clients = [];
  for (const u of who.slice(0, WORKERS)) clients.push({ user: u, c: await srv.login(u) });

  const acked = []; // { id, name, user, members }
  const errors = []; // unexpected statuses before the kill
  let killed = false;
  let seq = 0;

  async function worker({ user, c }, w) {
    while (!killed) {
      const n = seq++;
      const input = familyInput({ name: `Crash w${w} n${n}`, members: [memberInput({ given_name: `Lid ${n}` })] });
      let r;
      try {
        r = await c.post('/families', input);
      } catch {
        if (killed) return;
        errors.push(`w${w} n${n}: connection error before kill`);
        continue;
      }
      if (r.status === 201) acked.push({ id: r.body.id, name: input.name, user, members: 1 });
      else if (!killed) errors.push(`w${w} n${n}: ${r.status} ${r.text.slice(0, 200)}`);
    }
  }

  const running = clients.map((c, i) => worker(c, i));
  await sleep(RUN_MS);
  const killedAt = acked.length;
  killed = true;
  await srv.kill9();
  await Promise.allSettled(running);
  assert.deepEqual(errors, [], 'every write before the kill was acknowledged with 201');
  assert.ok(killedAt >= WORKERS, `enough writes before the kill (${killedAt})`);
  t.diagnostic(`${acked.length} families acknowledged before kill -9`);

  await srv.spawn();
  const byUser = new Map();
  for (const a of acked) {
    if (!byUser.has(a.user)) byUser.set(a.user, await srv.login(a.user));
    const r = await byUser.get(a.user).get(`/families/${a.id}`);
    assertStatus(r, 200, `acknowledged family ${a.id} (${a.name}) after restart`);
    assert.equal(r.body.name, a.name);
    assert.equal(r.body.members.length, a.members, 'family and members were committed together');
  }
  // No half-written families: every family has exactly its one member.
  for (const [user, c] of byUser) {
    if (!user.startsWith('lead')) continue;
    const all = await c.listAll('/families?q=Crash');
    for (const f of all) assert.equal(f.member_count, 1, `family ${f.name} has ${f.member_count} members`);
  }

  const v = await srv.auditVerify();
  assert.equal(v.code, 0, `audit verify after kill -9: ${v.stdout}\n${v.stderr}`);

  // The restarted server still takes writes and the chain stays valid.
  const lead = await srv.login('lead_a');
  assertStatus(await lead.post('/families', familyInput()), 201);
  await srv.stop();
  const v2 = await srv.auditVerify();
  assert.equal(v2.code, 0, `audit verify after more writes: ${v2.stdout}\n${v2.stderr}`);
});

test('acknowledged member and family updates survive kill -9', { timeout: 120_000 }, async (t) => {
  const srv = await startServer({ t });
  const lead = await srv.login('lead_a');
  const f = (await lead.post('/families', familyInput())).body;
  let version = f.version;
  let lastName = f.name;
  const memberId = f.members[0].id;
  let mversion = f.members[0].version;
  let lastGiven = f.members[0].given_name;
  const deadline = Date.now() + 1000;
  let i = 0;
  while (Date.now() < deadline) {
    const name = `${f.name} v${++i}`;
    const r = await lead.patch(`/families/${f.id}`, { name }, { 'If-Match': `"${version}"` });
    assertStatus(r, 200);
    version = r.body.version;
    lastName = name;
    const given = `Voornaam ${i}`;
    const m = await lead.patch(`/families/${f.id}/members/${memberId}`, { given_name: given }, { 'If-Match': `"${mversion}"` });
    assertStatus(m, 200);
    mversion = m.body.version;
    lastGiven = given;
  }
  await srv.kill9();
  await srv.spawn();
  const again = await srv.login('lead_a');
  const g = await again.get(`/families/${f.id}`);
  assertStatus(g, 200);
  assert.equal(g.body.version, version);
  assert.equal(g.body.name, lastName);
  const m = g.body.members.find((x) => x.id === memberId);
  assert.equal(m.version, mversion);
  assert.equal(m.given_name, lastGiven);
  const v = await srv.auditVerify();
  assert.equal(v.code, 0, `${v.stdout}\n${v.stderr}`);
});
