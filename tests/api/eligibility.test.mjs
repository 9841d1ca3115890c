// Eligibility (issue 4, ported onto the access pipeline in issue 9): income checks against the
// dated norm tables, the team lead's override, the norm tables themselves. Bad input is a 422
// with a reason code per field and leaves nothing behind; the policy holds on every route.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, familyInput, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate, rand,
} from './lib/harness.mjs';

const h = useServer();

async function family() {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/families', familyInput({ coach_id: await h.srv.userId('coach_a1') }));
  assertStatus(r, 201);
  return r.body;
}

const check = (c, id, body = {}) =>
  c.post(`/families/${id}/eligibility`, {
    household_type: 'alleenstaande_ouder',
    cost_sharers: 1,
    incomes: [{ source: 'uitkering', amount_cents: 120000 }],
    ...body,
  });

test('eligibility: bad input gives a code per field and saves nothing', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  const bad = [
    [{ incomes: [{ source: 'loon', amount_cents: '1200,00' }] }, 'incomes[0].amount_cents', 'not_integer'],
    [{ incomes: [{ source: 'loon', amount_cents: 'abc' }] }, 'incomes[0].amount_cents', 'not_integer'],
    [{ incomes: [{ source: 'loon', amount_cents: -100 }] }, 'incomes[0].amount_cents', 'eligibility_income_negative'],
    [{ incomes: [{ source: 'loon', amount_cents: 12.5 }] }, 'incomes[0].amount_cents', 'not_integer'],
    [{ incomes: [{ amount_cents: 100 }] }, 'incomes[0].source', 'required'],
    [{ incomes: ['loon'] }, 'incomes[0]', 'eligibility_income_not_object'],
    [{ incomes: 'veel' }, 'incomes', 'not_list'],
    [{ incomes: undefined }, 'incomes', 'eligibility_incomes_required'],
    [{ incomes: Array.from({ length: 21 }, () => ({ source: 'x', amount_cents: 1 })) }, 'incomes', 'too_many'],
    [{ household_type: 'studentenhuis' }, 'household_type', 'choose_one_of'],
    [{ household_type: undefined }, 'household_type', 'required'],
    [{ cost_sharers: 0 }, 'cost_sharers', 'out_of_range'],
    [{ cost_sharers: '2' }, 'cost_sharers', 'not_integer'],
    [{ date: isoDate(3) }, 'date', 'eligibility_date_in_future'],
    [{ date: '2026-02-30' }, 'date', 'bad_date'],
    [{ date: '2019-06-01' }, 'date', 'norm_table_missing'],
    [{ colour: 'blue' }, 'colour', 'unknown_field'],
  ];
  for (const [body, field, code] of bad) {
    const b = assertValidation(await check(coach, f.id, body), field, JSON.stringify(body));
    assert.deepEqual(fieldCodes(b, field), [code], `${JSON.stringify(body)}: ${JSON.stringify(b.errors)}`);
  }
  // The norm table that is missing is named by its date, in either language.
  const missing = await check(coach, f.id, { date: '2019-06-01' });
  // ... and the date from which the oldest table applies (issue 14).
  assert.equal(missing.body.errors.date[0].params.date, '2019-06-01');
  assert.match(missing.body.errors.date[0].params.oldest, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(missing.body.errors.date[0].detail, /normtabel.*2019-06-01/);
  const en = await coach.post(`/families/${f.id}/eligibility`, { household_type: 'alleenstaande', incomes: [], date: '2019-06-01' },
    { 'Accept-Language': 'en' });
  assert.match(en.body.errors.date[0].detail, /no norm table for 2019-06-01/);
  const neg = await check(coach, f.id, { incomes: [{ source: 'loon', amount_cents: -1 }] });
  assert.match(neg.body.errors['incomes[0].amount_cents'][0].detail, /negatief/);
  assertProblem(await coach.post(`/families/${f.id}/eligibility`, '{"incomes": ['), 400);
  assert.equal((await coach.get(`/families/${f.id}/eligibility`)).body.items.length, 0, 'nothing saved');
});

test('eligibility: the norm for the household, exactly at the threshold passes, newest first, on the timeline', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  // A couple alone (A = 2) gets the gehuwden norm; a single person with one housemate half of it.
  const couple = await check(coach, f.id, { household_type: 'gehuwden', cost_sharers: 2, incomes: [] });
  assertStatus(couple, 201);
  assert.equal(couple.body.threshold_percent, 120, 'no programme: the default threshold');
  const single = await check(coach, f.id, { household_type: 'alleenstaande', cost_sharers: 2, incomes: [] });
  assert.ok(Math.abs(single.body.norm_cents * 2 - couple.body.norm_cents) <= 1);

  const norm = couple.body.norm_cents;
  const at = await check(coach, f.id, { household_type: 'gehuwden', cost_sharers: 2, incomes: [{ source: 'loon', amount_cents: Math.floor(norm * 1.2) }] });
  assert.equal(at.body.percent, 120);
  assert.equal(at.body.passes, true);
  const above = await check(coach, f.id, {
    household_type: 'gehuwden', cost_sharers: 2, incomes: [{ source: 'loon', amount_cents: Math.ceil(norm * 1.2015) }],
  });
  assertStatus(above, 201);
  assert.equal(above.body.passes, false);
  assert.equal(above.body.created_by_name, 'Coach A1');
  const list = await coach.get(`/families/${f.id}/eligibility`);
  assert.equal(list.body.items[0].id, above.body.id, 'newest first');
  assert.equal(list.body.items.length, 4);
  const tl = await coach.get(`/families/${f.id}/timeline`);
  assertStatus(tl, 200);
  assert.equal(tl.body.items.filter((x) => x.kind === 'eligibility').length, 4);
});

test('eligibility override: only the team lead, with a reason; codes for bad input and unknown checks', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  const e = await check(coach, f.id, { incomes: [{ source: 'loon', amount_cents: 10_000_000 }] });
  assertStatus(e, 201);
  assert.equal(e.body.passes, false);
  const path = `/families/${f.id}/eligibility/${e.body.id}/override`;
  assert.equal(assertProblem(await coach.post(path, { passes: true, reason: 'x' }), 403).code, 'forbidden');
  const lead = await h.srv.as('lead_a');
  let b = assertValidation(await lead.post(path, { passes: true }), 'reason');
  assert.deepEqual(fieldCodes(b, 'reason'), ['required']);
  b = assertValidation(await lead.post(path, { passes: true, reason: '   ' }), 'reason');
  assert.deepEqual(fieldCodes(b, 'reason'), ['required']);
  b = assertValidation(await lead.post(path, { reason: 'x' }), 'passes');
  assert.deepEqual(fieldCodes(b, 'passes'), ['eligibility_override_passes_required']);
  b = assertValidation(await lead.post(path, { passes: 'ja', reason: 'x' }), 'passes');
  assert.deepEqual(fieldCodes(b, 'passes'), ['not_boolean']);
  assert.equal((await coach.get(`/families/${f.id}/eligibility`)).body.items[0].override, null, 'nothing saved');

  const o = await lead.post(path, { passes: true, reason: 'Hoge vaste lasten door mantelzorg.' });
  assertStatus(o, 200);
  assert.deepEqual({ passes: o.body.override.passes, reason: o.body.override.reason, by_name: o.body.override.by_name },
    { passes: true, reason: 'Hoge vaste lasten door mantelzorg.', by_name: 'Lead A' });
  assert.equal(o.body.passes, false, 'the computed outcome stays on record');
  const unknown = assertProblem(await lead.post(`/families/${f.id}/eligibility/0123456789abcdef012345/override`, { passes: true, reason: 'x' }), 404);
  assert.equal(unknown.code, 'eligibility_check_not_found');
  assertProblem(await lead.post(`/families/${f.id}/eligibility/nope/override`, { passes: true, reason: 'x' }), 404);
  // A check of another family is not found through this one.
  const other = await family();
  assert.equal(assertProblem(await lead.post(`/families/${other.id}${path.slice(path.indexOf('/eligibility'))}`, { passes: true, reason: 'x' }), 404).code,
    'eligibility_check_not_found');
  const tl = await coach.get(`/families/${f.id}/timeline`);
  assertStatus(tl, 200);
  {
    const line = tl.body.items.find((x) => x.kind === 'override');
    assert.ok(line);
    assert.deepEqual([line.from, line.to], ['voldoet_niet', 'voldoet']);
  }
});

test('eligibility policy: another coach and organisation 404, admin 403', async () => {
  const f = await family();
  const routes = [
    ['GET', `/families/${f.id}/eligibility`],
    ['POST', `/families/${f.id}/eligibility`, { household_type: 'alleenstaande', incomes: [] }],
  ];
  for (const [method, path, body] of routes) {
    for (const who of ['coach_a2', 'lead_b', 'coach_b1'])
      assert.equal(assertProblem(await (await h.srv.as(who)).request(method, path, body), 404, 'not-found', `${who} ${method} ${path}`).code,
        'family_not_found');
    assertProblem(await (await h.srv.as('admin_a')).request(method, path, body), 403, 'forbidden', `admin ${method} ${path}`);
  }
  assert.equal((await (await h.srv.as('coach_a1')).get(`/families/${f.id}/eligibility`)).body.items.length, 0);
});

test('the programme threshold decides eligibility', async () => {
  const admin = await h.srv.as('admin_a');
  const p = await admin.post('/programmes', { name: `Ruim ${rand()}`, threshold_percent: 150 });
  assertStatus(p, 201);
  const lead = await h.srv.as('lead_a');
  const ref = await lead.post('/referrals', {
    family_name: `Familie Ruim ${rand(3)}`, programme_id: p.body.id, referrer_organisation: 'Woonservice Coevorden',
    referrer_kind: 'woningcorporatie', reason: 'Huurachterstand.', contact: { phone: '06-12345678' },
    members: familyInput().members,
  });
  assertStatus(ref, 201);
  assertStatus(await lead.post(`/families/${ref.body.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 200);
  const coach = await h.srv.as('coach_a1');
  const probe = await check(coach, ref.body.id, { incomes: [] });
  const e = await check(coach, ref.body.id, { incomes: [{ source: 'loon', amount_cents: Math.round(probe.body.norm_cents * 1.4) }] });
  assert.equal(e.body.threshold_percent, 150);
  assert.equal(e.body.passes, true);
});

test('norms: shipped tables are listed with their source; admin loads a table of their own; codes for bad tables', async () => {
  const coach = await h.srv.as('coach_a1');
  const list = await coach.get('/norms');
  assertStatus(list, 200);
  assert.ok(list.body.items.length >= 1);
  for (const t of list.body.items) {
    assert.ok(t.source.length > 20, 'a cited source');
    assert.match(t.valid_from, /^\d{4}-\d{2}-\d{2}$/);
    for (const k of ['alleenstaande', 'alleenstaande_ouder', 'gehuwden']) assert.ok(Number.isInteger(t.norms_cents[k]));
  }
  const froms = list.body.items.map((t) => t.valid_from);
  assert.deepEqual(froms, [...froms].sort().reverse(), 'newest first');
  const table = {
    version: `test-${rand()}`, valid_from: '2020-01-01', source: 'Test table', source_url: 'https://example.org',
    includes_holiday_allowance: true, basis: 'net per month', norms_cents: { alleenstaande: 100000, alleenstaande_ouder: 100000, gehuwden: 150000 },
  };
  assert.equal(assertProblem(await coach.post('/norms', table), 403).code, 'forbidden');
  assertProblem(await (await h.srv.as('lead_a')).post('/norms', table), 403);
  const admin = await h.srv.as('admin_a');
  const bad = [
    [{ ...table, norms_cents: { ...table.norms_cents, gehuwden: '1500,00' } }, 'norms_cents.gehuwden', 'norm_cents_invalid'],
    [{ ...table, norms_cents: { ...table.norms_cents, gehuwden: 0 } }, 'norms_cents.gehuwden', 'norm_cents_invalid'],
    [{ ...table, norms_cents: { ...table.norms_cents, studenten: 1 } }, 'norms_cents.studenten', 'norm_household_type_unknown'],
    [{ ...table, norms_cents: 5 }, 'norms_cents', 'not_object'],
    [{ ...table, valid_from: '2020-02-30' }, 'valid_from', 'bad_date'],
    [{ ...table, source: undefined }, 'source', 'required'],
    [{ ...table, version: 'x'.repeat(41) }, 'version', 'too_long'],
    [{ ...table, includes_holiday_allowance: 'ja' }, 'includes_holiday_allowance', 'not_boolean'],
    [{ ...table, notes: 5 }, 'notes', 'norm_notes_invalid'],
    [{ ...table, colour: 'blue' }, 'colour', 'unknown_field'],
  ];
  for (const [body, field, code] of bad) {
    const b = assertValidation(await admin.post('/norms', body), field, JSON.stringify(body));
    assert.deepEqual(fieldCodes(b, field), [code], `${JSON.stringify(body)}: ${JSON.stringify(b.errors)}`);
  }
  assert.ok(!(await admin.get('/norms')).body.items.some((x) => x.version === table.version), 'nothing saved');
  const r = await admin.post('/norms', table);
  assertStatus(r, 201);
  assert.equal(r.body.scope, 'organisation');
  const taken = assertProblem(await admin.post('/norms', table), 409);
  assert.equal(taken.code, 'norm_version_taken');
  assert.deepEqual(taken.params, { version: table.version });
  // Org B does not see org A's own table.
  assert.ok(!(await (await h.srv.as('lead_b')).get('/norms')).body.items.some((x) => x.version === table.version));
  // A check dated 2020 now finds this table.
  const f = await family();
  const e = await check(coach, f.id, { date: '2020-06-01', household_type: 'alleenstaande', incomes: [{ source: 'loon', amount_cents: 100000 }] });
  assertStatus(e, 201);
  assert.equal(e.body.norm_table_version, table.version);
  assert.equal(e.body.percent, 100);
});
