// Issue 14, norms: the 2025-07-01 table, the norm by age (under 21, pension age), the
// cost-sharer suggestion and its correction with a reason, holiday allowance either way, the
// stale-table warning, and the bad input (each a 4xx with a code, nothing half-written).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, memberInput, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate, rand,
} from './lib/harness.mjs';

const h = useServer();

/** YYYY-MM-DD of today minus `years` years and `days` days. */
function bornYearsAgo(years, days = 30) {
  const d = new Date(Date.now() - days * 86400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** A family of a young parent (19), their baby and a grandparent of pension age (70). */
async function threeGenerations() {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/families', {
    name: `Familie Drie ${rand(3)}`,
    coach_id: await h.srv.userId('coach_a1'),
    members: [
      memberInput({ given_name: 'Lisa', birth_date: bornYearsAgo(19), household_role: 'parent' }),
      memberInput({ given_name: 'Noa', birth_date: bornYearsAgo(0, 100), household_role: 'child' }),
      memberInput({ given_name: 'Gerda', birth_date: bornYearsAgo(70), household_role: 'grandparent' }),
    ],
  });
  assertStatus(r, 201);
  return r.body;
}

const check = (c, id, body = {}) =>
  c.post(`/families/${id}/eligibility`, {
    household_type: 'alleenstaande_ouder',
    incomes: [{ source: 'uitkering', amount_cents: 30000 }],
    ...body,
  });

test('norms: the table of 1 July 2025 is shipped with its sources, pension age and age groups', async () => {
  const coach = await h.srv.as('coach_a1');
  const list = await coach.get('/norms');
  assertStatus(list, 200);
  const july = list.body.items.find((t) => t.version === '2025-07-01');
  assert.ok(july, 'the 2025-07-01 table is there');
  assert.deepEqual(july.norms_cents, { alleenstaande: 136906, alleenstaande_ouder: 136906, gehuwden: 195580 });
  assert.match(july.source, /Metro/);
  assert.equal(july.pension_age.years, 67);
  assert.equal(july.age_groups.pension_age.norms_cents.gehuwden, 209498);
  assert.equal(july.age_groups.under_21.includes_holiday_allowance, false);
  assert.equal(july.age_groups.under_21.norms_cents.alleenstaande, 32108);
  // Staleness is said in the answer with a code, by the date of the newest table.
  const newest = list.body.items.map((t) => t.valid_from).sort().at(-1);
  assert.equal(list.body.newest_valid_from, newest);
  const limit = new Date(`${newest}T00:00:00Z`);
  limit.setUTCMonth(limit.getUTCMonth() + 6);
  const stale = isoDate(0) > limit.toISOString().slice(0, 10);
  assert.equal(list.body.stale, stale);
  if (stale) assert.equal(list.body.warnings[0].code, 'norm_table_stale');
});

test('norms: the household of a 19-year-old parent and a grandparent of pension age', async () => {
  const f = await threeGenerations();
  const coach = await h.srv.as('coach_a1');
  const hh = await coach.get(`/families/${f.id}/eligibility/household?date=${isoDate(0)}`);
  assertStatus(hh, 200);
  const by = Object.fromEntries(hh.body.people.map((p) => [p.name.split(' ')[0], p]));
  assert.equal(by.Lisa.age_group, 'under_21');
  assert.equal(by.Lisa.why, 'claimant');
  assert.equal(by.Gerda.age_group, 'pension_age');
  assert.equal(by.Gerda.why, 'age_min_or_older');
  assert.equal(by.Noa.why, 'younger');
  assert.equal(hh.body.cost_sharer_min_age, 27);
  assert.equal(hh.body.cost_sharers_suggested, 2);

  // The check takes the suggestion, the young person's norm and says how it was chosen.
  const r = await check(coach, f.id);
  assertStatus(r, 201);
  assert.equal(r.body.cost_sharers, 2);
  assert.equal(r.body.details.age_group, 'under_21');
  assert.equal(r.body.details.cost_sharers_applied, false);
  assert.ok(r.body.details.norm_source.length > 20);
  assert.match(r.body.details.norm_valid_from, /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(r.body.details.warnings.some((w) => w.code === 'eligibility_cost_sharers_not_applied'));
  const under21 = (await coach.get('/norms')).body.items.find((t) => t.version === r.body.norm_table_version).age_groups.under_21;
  assert.equal(r.body.norm_cents, under21.norms_cents.alleenstaande_ouder);

  // On a date of the July 2025 table: its under-21 norm is without holiday allowance, so an
  // income entered with it is converted (x 0.95): 321,08 with 321,08 / 0.95 entered is 100%.
  const july = await check(coach, f.id, { date: '2025-09-01', incomes: [{ source: 'uitkering', amount_cents: 33798 }] });
  assertStatus(july, 201);
  assert.equal(july.body.norm_table_version, '2025-07-01');
  assert.equal(july.body.norm_cents, 32108);
  assert.equal(july.body.income_cents, 32108);
  assert.equal(july.body.percent, 100);
  assert.equal(july.body.details.incomes_include_holiday_allowance, true);
  // The same amount entered without holiday allowance is not converted.
  const excl = await check(coach, f.id, {
    date: '2025-09-01', incomes_include_holiday_allowance: false, incomes: [{ source: 'uitkering', amount_cents: 32108 }],
  });
  assertStatus(excl, 201);
  assert.equal(excl.body.income_cents, 32108);
});

test('norms: a grandparent of pension age alone uses the pension-age norm; the 21-to-pension parent the Fijnder cost-sharer norm', async () => {
  const lead = await h.srv.as('lead_a');
  const coach = await h.srv.as('coach_a1');
  const oma = await lead.post('/families', {
    name: `Familie Oma ${rand(3)}`, coach_id: await h.srv.userId('coach_a1'),
    members: [memberInput({ given_name: 'Gerda', birth_date: '1950-03-01', household_role: 'parent' })],
  });
  assertStatus(oma, 201);
  const p = await check(coach, oma.body.id, { household_type: 'alleenstaande', date: '2025-09-01' });
  assertStatus(p, 201);
  assert.equal(p.body.details.age_group, 'pension_age');
  assert.equal(p.body.norm_cents, 153021);
  const two = await lead.post('/families', {
    name: `Familie Twee ${rand(3)}`, coach_id: await h.srv.userId('coach_a1'),
    members: [memberInput({ birth_date: '1990-01-01' }), memberInput({ given_name: 'Piet', birth_date: '1960-01-01', household_role: 'other' })],
  });
  const k = await check(coach, two.body.id, { household_type: 'alleenstaande', date: '2025-09-01' });
  assertStatus(k, 201);
  assert.equal(k.body.cost_sharers, 2);
  assert.equal(k.body.norm_cents, 97790);
});

test('norms: bad input is a 4xx with a code and writes nothing', async () => {
  const f = await threeGenerations();
  const coach = await h.srv.as('coach_a1');
  const count = async () => (await coach.get(`/families/${f.id}/eligibility`)).body.items.length;
  const before = await count();
  const gerda = (await coach.get(`/families/${f.id}/eligibility/household`)).body.people.find((p) => p.role === 'grandparent');

  // Before the oldest table.
  const early = assertValidation(await check(coach, f.id, { date: '2024-12-31' }), 'date');
  assert.deepEqual(fieldCodes(early, 'date'), ['norm_table_missing']);
  assert.equal(early.errors.date[0].params.oldest, '2025-01-01');
  // Fewer cost-sharers than the birth dates give, without a reason.
  const low = assertValidation(await check(coach, f.id, { cost_sharers: 1 }), 'cost_sharers');
  assert.deepEqual(fieldCodes(low, 'cost_sharers'), ['cost_sharers_below_birth_dates']);
  assert.equal(low.errors.cost_sharers[0].params.required, '2');
  // An exclusion with a reason not on the list, or of someone outside the household.
  const reason = assertValidation(await check(coach, f.id, { cost_sharer_exclusions: [{ member_id: gerda.member_id, reason: 'lief' }] }),
    'cost_sharer_exclusions[0].reason');
  assert.deepEqual(fieldCodes(reason, 'cost_sharer_exclusions[0].reason'), ['choose_one_of']);
  const other = await threeGenerations();
  const stranger = (await coach.get(`/families/${other.id}/eligibility/household`)).body.people[0];
  const out = assertValidation(await check(coach, f.id, { cost_sharer_exclusions: [{ member_id: stranger.member_id, reason: 'bbl' }] }),
    'cost_sharer_exclusions[0].member_id');
  assert.deepEqual(fieldCodes(out, 'cost_sharer_exclusions[0].member_id'), ['eligibility_member_not_in_household']);
  assert.equal(await count(), before, 'nothing written');

  // A table marked as expired: a check after its last day is refused with a code.
  const admin = await h.srv.as('admin_a');
  const version = `expired-${rand()}`;
  assertStatus(await admin.post('/norms', {
    version, valid_from: isoDate(-20), valid_until: isoDate(-10), source: 'Test table', source_url: 'https://example.org',
    includes_holiday_allowance: true, basis: 'net per month', norms_cents: { alleenstaande: 100000, alleenstaande_ouder: 100000, gehuwden: 150000 },
  }), 201);
  const expired = assertValidation(await check(coach, f.id, { date: isoDate(-5) }), 'date');
  assert.deepEqual(fieldCodes(expired, 'date'), ['norm_table_expired']);
  assert.equal(expired.errors.date[0].params.version, version);
  const bad = assertValidation(await admin.post('/norms', {
    version: `x-${rand()}`, valid_from: '2026-01-10', valid_until: '2026-01-01', source: 'Test', source_url: 'https://example.org',
    includes_holiday_allowance: true, basis: 'b', norms_cents: { alleenstaande: 1, alleenstaande_ouder: 1, gehuwden: 2 },
  }), 'valid_until');
  assert.deepEqual(fieldCodes(bad, 'valid_until'), ['norm_valid_until_before_from']);
  assert.equal(await count(), before, 'nothing written');

  // With a reason the coach may correct the count downwards.
  const ok = await check(coach, f.id, { date: isoDate(-30), cost_sharers: 1, cost_sharer_exclusions: [{ member_id: gerda.member_id, reason: 'commerciele_huur' }] });
  assertStatus(ok, 201);
  assert.equal(ok.body.cost_sharers, 1);
  assert.deepEqual(ok.body.details.cost_sharer_exclusions, [{ member_id: gerda.member_id, reason: 'commerciele_huur' }]);
  // The household route itself: a bad date, and another organisation cannot see it.
  assertValidation(await coach.get(`/families/${f.id}/eligibility/household?date=2026-02-30`), 'date');
  assertProblem(await (await h.srv.as('coach_b1')).get(`/families/${f.id}/eligibility/household`), 404);
});
