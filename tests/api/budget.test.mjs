// Issue 11, the family budget: pot, allocation, spending requests, approvals by coach, a
// household member (as a family-member principal) and the team lead, the guarded commit (20
// approvals at once against €1,000: exactly 10 commit), payments, receipts by content, the
// append-only ledger with reversals, and the programme report with CSV.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, memberInput, familyApproval, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate, rand,
} from './lib/harness.mjs';

const h = useServer();
const YEAR = new Date().getUTCFullYear();

/** A programme with a pot of `pot` cents, and a family of coach_a1 in it with an allocation. */
async function setup({ pot = 10_000_00, allocation = 1_000_00, threshold } = {}) {
  const admin = await h.srv.as('admin_a');
  const p = await admin.post('/programmes', { name: `Budget ${rand()}`, default_budget_cents: 250_000 });
  assertStatus(p, 201);
  const lead = await h.srv.as('lead_a');
  const potBody = { year: YEAR, amount_cents: pot };
  if (threshold !== undefined) potBody.approval_threshold_cents = threshold;
  assertStatus(await lead.put(`/programmes/${p.body.id}/budget-pot`, potBody), 200);
  const f = await lead.post('/referrals', {
    family_name: `Familie Budget ${rand(3)}`,
    programme_id: p.body.id,
    referrer_organisation: 'Wijkteam',
    referrer_kind: 'gemeente',
    reason: 'Schulden.',
    contact: { phone: '06-12345678' },
    members: [memberInput(), memberInput({ given_name: 'Daan', birth_date: '2008-09-30', sex: 'male', household_role: 'child' })],
  });
  assertStatus(f, 201);
  assertStatus(await lead.post(`/families/${f.body.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 200);
  const coach = await h.srv.as('coach_a1');
  const body = { period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31` };
  if (allocation !== null) body.amount_cents = allocation;
  const a = await coach.post(`/families/${f.body.id}/budget/allocation`, body);
  assertStatus(a, 201);
  return { programme: p.body, family: f.body, coach, lead, admin, members: f.body.members };
}

const request = (c, fid, body = {}) =>
  c.post(`/families/${fid}/budget/requests`, {
    amount_cents: 10_000, category: 'rijbewijs en vervoer', supplier: 'Rijschool Oost', description: 'Rijles', ...body,
  });

test('budget: the allocation defaults from the programme, the balance is the ledger sum', async () => {
  const { family, coach } = await setup({ allocation: null });
  const b = await coach.get(`/families/${family.id}/budget`);
  assertStatus(b, 200);
  assert.equal(b.body.allocation.amount_cents, 250_000);
  assert.equal(b.body.balance_cents, 250_000);
  assert.equal(b.body.approval_threshold_cents, 50_000);
  assert.ok(b.body.categories.includes('opleiding'));
  assert.deepEqual(b.body.ledger.map((e) => e.kind), ['allocation']);
  assertProblem(await coach.post(`/families/${family.id}/budget/allocation`, { period_start: `${YEAR}-01-01`, period_end: `${YEAR}-12-31` }), 409);
});

test('budget: bad amounts, categories and goals are 422 with codes and write nothing', async () => {
  const { family, coach } = await setup();
  for (const [amount, code] of [[0, 'amount_not_positive'], [-100, 'amount_not_positive'], [10.5, 'not_integer'], ['100', 'not_integer']]) {
    const r = await request(coach, family.id, { amount_cents: amount });
    const body = assertValidation(r, 'amount_cents', `amount ${amount}`);
    assert.ok(fieldCodes(body, 'amount_cents').includes(code), `${amount}: ${JSON.stringify(body.errors)}`);
  }
  assert.deepEqual(fieldCodes(assertValidation(await request(coach, family.id, { category: 'vakantie' }), 'category'), 'category'), ['choose_one_of']);
  // A goal of another family.
  const other = await setup();
  const plan = await other.coach.post(`/families/${other.family.id}/plan/items`, {
    type: 'goal', title: 'Rijbewijs', life_domain: 'zrm.werk_opleiding', horizon: 'short',
  });
  assertStatus(plan, 201);
  const goalId = plan.body.goals[0].id;
  assert.deepEqual(fieldCodes(assertValidation(await request(coach, family.id, { goal_id: goalId }), 'goal_id'), 'goal_id'), ['goal_not_in_family']);
  // Above the balance.
  const above = assertProblem(await request(coach, family.id, { amount_cents: 1_000_01 }), 409);
  assert.equal(above.code, 'budget_above_balance');
  const b = await coach.get(`/families/${family.id}/budget`);
  assert.equal(b.body.requests.length, 0);
});

test('budget: coach and a household member approve, the amount is committed, paid, receipt by content', async () => {
  const { family, coach, lead, members } = await setup();
  const r = await request(coach, family.id, { amount_cents: 25_000 });
  assertStatus(r, 201);
  assert.deepEqual(r.body.needs, ['coach', 'family']);
  const rid = r.body.id;
  const path = `/families/${family.id}/budget/requests/${rid}`;
  // A coach may not approve as team lead; a team lead may not approve as coach.
  assertProblem(await coach.post(`${path}/approvals`, { as: 'team_lead' }), 403);
  assertProblem(await lead.post(`${path}/approvals`, { as: 'coach' }), 403);
  // Paying before approval is refused.
  assert.equal(assertProblem(await coach.post(`${path}/payments`, { paid_on: isoDate(0), method: 'bank_transfer' }), 409).code, 'budget_request_not_committed');
  let a = await coach.post(`${path}/approvals`, { as: 'coach' });
  assertStatus(a, 200);
  assert.equal(a.body.status, 'requested');
  // The same person twice, in the same role.
  assert.equal(assertProblem(await coach.post(`${path}/approvals`, { as: 'coach' }), 409).code, 'budget_role_already_approved');
  // A member of another household.
  const other = await setup();
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(`${path}/approvals`, familyApproval(other.members[0])), 'member_id'), 'member_id'), ['member_not_in_household']);
  assertValidation(await coach.post(`${path}/approvals`, { as: 'family' }), 'member_id');
  // The member signs by typing their own name: not typed, someone else's name, or a signature
  // on a staff approval is refused, and nothing is recorded.
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(`${path}/approvals`, { as: 'family', member_id: members[0].id }), 'signature'), 'signature'), ['required']);
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(`${path}/approvals`, familyApproval(members[0], '   ')), 'signature'), 'signature'), ['required']);
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(`${path}/approvals`, familyApproval(members[0], members[1].given_name)), 'signature'), 'signature'), ['budget_signature_mismatch']);
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(`${path}/approvals`, familyApproval(members[0], 'ok')), 'signature'), 'signature'), ['budget_signature_mismatch']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.post(`${path}/approvals`, { as: 'team_lead', signature: 'Sanne' }), 'signature'), 'signature'), ['budget_signature_only_for_family']);
  const still = await coach.get(`/families/${family.id}/budget`);
  assert.deepEqual(still.body.requests.find((x) => x.id === rid).approvals.map((x) => x.as), ['coach']);
  // The full name in other case and spacing is the member's own name too.
  const full = `  ${members[0].given_name.toUpperCase()}   ${members[0].family_name} `;
  a = await coach.post(`${path}/approvals`, familyApproval(members[0], full));
  assertStatus(a, 200);
  assert.equal(a.body.status, 'committed');
  // The audit log names the family member's approval as its own action, beside the route's.
  const audited = (await h.srv.sql(`SELECT action FROM audit_log WHERE resource LIKE '%${rid}%' ORDER BY seq`)).trim().split('\n');
  assert.ok(audited.includes('budget.approve_family'), audited.join(','));
  assert.ok(audited.includes('budget.approve_coach'), audited.join(','));
  const fam = a.body.approvals.find((x) => x.as === 'family');
  assert.equal(fam.principal_kind, 'family_member');
  assert.equal(fam.member_id, members[0].id);
  assert.equal(fam.signature, full.trim(), 'the typed name is kept with the approval, as typed');
  let b = await coach.get(`/families/${family.id}/budget`);
  assert.equal(b.body.balance_cents, 75_000);
  const commit = b.body.ledger.find((e) => e.kind === 'commit');
  assert.equal(commit.amount_cents, -25_000);
  assert.equal(commit.by_kind, 'family_member');
  // Pay, with a receipt checked by its bytes.
  assertValidation(await coach.post(`${path}/payments`, { paid_on: isoDate(2), method: 'bank_transfer' }), 'paid_on');
  assertValidation(await coach.post(`${path}/payments`, { paid_on: isoDate(0), method: 'bitcoin' }), 'method');
  const paid = await coach.post(`${path}/payments`, { paid_on: isoDate(0), method: 'bank_transfer' });
  assertStatus(paid, 200);
  assert.equal(paid.body.status, 'paid');
  const fake = await coach.put(`${path}/receipt`, '<html>not a pdf</html>', { 'Content-Type': 'application/pdf' });
  assert.equal(assertProblem(fake, 415).code, 'receipt_type_not_allowed');
  // Over 5 MiB (a 6 MiB or a 50 MB upload) is refused by the route's own body limit before the
  // body is read: budget-reports.test.mjs tests that on a raw connection.
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
  const up = await coach.put(`${path}/receipt`, png, { 'Content-Type': 'application/pdf' });
  assertStatus(up, 200);
  assert.equal(up.body.receipt.content_type, 'image/png');
  const got = await coach.get(`${path}/receipt`);
  assertStatus(got, 200);
  assert.match(got.headers.get('content-type'), /^image\/png/);
  // Served only to those who may read the budget.
  assertProblem(await (await h.srv.as('coach_a2')).get(`${path}/receipt`), 404);
  assertProblem(await (await h.srv.as('lead_b')).get(`${path}/receipt`), 404);
  assertProblem(await (await h.srv.as('admin_a')).get(`${path}/receipt`), 403);
  // A correction is a reversing entry; the ledger keeps both.
  assertProblem(await coach.post(`/families/${family.id}/budget/corrections`, { request_id: rid, reason: 'Dubbel' }), 403);
  const rev = await lead.post(`/families/${family.id}/budget/corrections`, { request_id: rid, reason: 'Dubbel betaald' });
  assertStatus(rev, 201);
  assert.equal(rev.body.status, 'reversed');
  b = await coach.get(`/families/${family.id}/budget`);
  assert.equal(b.body.balance_cents, 100_000);
  assert.deepEqual(b.body.ledger.map((e) => e.kind), ['allocation', 'commit', 'reversal']);
  // The ledger refuses UPDATE and DELETE at the database.
  await assert.rejects(h.srv.sql(`UPDATE budget_ledger SET amount_cents = 0`));
  await assert.rejects(h.srv.sql(`DELETE FROM budget_ledger`));
});

test('budget: above the threshold the team lead approves too; one person never in two roles', async () => {
  const { family, coach, lead, members } = await setup({ allocation: 200_000 });
  const r = await request(coach, family.id, { amount_cents: 60_000 });
  assert.deepEqual(r.body.needs, ['coach', 'family', 'team_lead']);
  const path = `/families/${family.id}/budget/requests/${r.body.id}`;
  assertStatus(await coach.post(`${path}/approvals`, { as: 'coach' }), 200);
  const fam = await coach.post(`${path}/approvals`, familyApproval(members[1]));
  assert.equal(fam.body.status, 'requested');
  assert.equal(assertProblem(await coach.post(`${path}/approvals`, familyApproval(members[0])), 409).code, 'budget_role_already_approved');
  assertValidation(await coach.post(`${path}/approvals`, { as: 'coach', override_reason: 'x' }), 'override_reason');
  const done = await lead.post(`${path}/approvals`, { as: 'team_lead' });
  assertStatus(done, 200);
  assert.equal(done.body.status, 'committed');
});

test('budget: 20 approvals of €100 at once against €1,000 — exactly 10 commit, nothing overdrawn', async () => {
  const { family, coach, members } = await setup({ allocation: 1_000_00 });
  const ids = [];
  for (let i = 0; i < 20; i++) {
    const r = await request(coach, family.id, { amount_cents: 100_00 });
    assertStatus(r, 201);
    ids.push(r.body.id);
    assertStatus(await coach.post(`/families/${family.id}/budget/requests/${r.body.id}/approvals`, familyApproval(members[0])), 200);
  }
  const results = await Promise.all(
    ids.map((id) => coach.post(`/families/${family.id}/budget/requests/${id}/approvals`, { as: 'coach' })),
  );
  const ok = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status !== 200);
  assert.equal(ok.length, 10, results.map((r) => r.status).join(','));
  for (const r of refused) assert.equal(assertProblem(r, 409).code, 'budget_above_balance');
  const b = await coach.get(`/families/${family.id}/budget`);
  assert.equal(b.body.balance_cents, 0);
  assert.equal(b.body.ledger.filter((e) => e.kind === 'commit').length, 10);
  // The refused approvals were not half-written: those requests still wait for the coach.
  const waiting = b.body.requests.filter((r) => r.status === 'requested');
  assert.equal(waiting.length, 10);
  for (const w of waiting) assert.deepEqual(w.approvals.map((a) => a.as), ['family']);
});

test('budget pot: a change names the version it was made on (If-Match); creating a year needs none', async () => {
  const { programme, lead } = await setup({ pot: 500_00 });
  const path = `/programmes/${programme.id}/budget-pot`;
  const report = `/programmes/${programme.id}/budget-report?year=${YEAR}`;
  const first = (await lead.get(report)).body.pot;
  assert.equal(first.version, 1);
  assert.equal(assertProblem(await lead.put(path, { year: YEAR, amount_cents: 600_00 }), 428).code, 'version_required');
  assert.equal(assertProblem(await lead.put(path, { year: YEAR, amount_cents: 600_00 }, { 'If-Match': '"7"' }), 412).code, 'version_stale');
  const changed = await lead.put(path, { year: YEAR, amount_cents: 600_00 }, { 'If-Match': `"${first.version}"` });
  assertStatus(changed, 200);
  assert.equal(changed.body.version, 2);
  assert.equal(changed.headers.get('etag'), '"2"');
  // A second screen that still shows version 1 cannot overwrite the change.
  assert.equal(assertProblem(await lead.put(path, { year: YEAR, amount_cents: 700_00 }, { 'If-Match': '"1"' }), 412).code, 'version_stale');
  assert.equal((await lead.get(report)).body.pot.amount_cents, 600_00);
  // Next year's pot does not exist yet: it is made without If-Match, and one given cannot match.
  assert.equal(assertProblem(await lead.put(path, { year: YEAR + 1, amount_cents: 100_00 }, { 'If-Match': '"1"' }), 412).code, 'version_stale');
  const next = await lead.put(path, { year: YEAR + 1, amount_cents: 100_00 });
  assertStatus(next, 200);
  assert.equal(next.body.version, 1);
});

test('budget: the programme pot is never overdrawn; the team lead may override with a reason', async () => {
  const { programme, family, coach, lead, members } = await setup({ pot: 150_00, allocation: 1_000_00 });
  const r = await request(coach, family.id, { amount_cents: 200_00 });
  const path = `/families/${family.id}/budget/requests/${r.body.id}`;
  assertStatus(await coach.post(`${path}/approvals`, familyApproval(members[0])), 200);
  assert.equal(assertProblem(await coach.post(`${path}/approvals`, { as: 'coach' }), 409).code, 'budget_pot_exhausted');
  // The team lead's approval with a reason lets it through.
  const over = await lead.post(`${path}/approvals`, { as: 'team_lead', override_reason: 'Spoed: rijexamen volgende week' });
  assertStatus(over, 200);
  assert.equal(over.body.status, 'requested');
  const done = await coach.post(`${path}/approvals`, { as: 'coach' });
  assertStatus(done, 200);
  assert.equal(done.body.status, 'committed');
  assert.equal(done.body.override_reason, 'Spoed: rijexamen volgende week');
  // The report: per category, goal and family; CSV too.
  const rep = await lead.get(`/programmes/${programme.id}/budget-report?year=${YEAR}`);
  assertStatus(rep, 200);
  assert.equal(rep.body.pot.committed_cents, 200_00);
  assert.equal(rep.body.by_category[0].key, 'rijbewijs en vervoer');
  assert.equal(rep.body.by_family[0].key, family.id);
  const csv = await lead.get(`/programmes/${programme.id}/budget-report?year=${YEAR}&format=csv`);
  assertStatus(csv, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.text, /^"section","key","label","committed_cents","paid_cents","count"\r\n"programme",/);
  assertProblem(await coach.get(`/programmes/${programme.id}/budget-report`), 403);
  assertProblem(await (await h.srv.as('lead_b')).get(`/programmes/${programme.id}/budget-report`), 404);
});
