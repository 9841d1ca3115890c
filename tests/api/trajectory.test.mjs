// The coaching trajectory (issue 4): referral → waiting list → assign → intake → consent →
// eligibility → actief → afsluiting → nazorg → reopen, handover, programmes, norms, team
// overview, bad input (nothing half-saved) and the policy (404 outside scope, 403 for roles).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, memberInput, assertProblem, assertStatus, assertValidation, fieldCodes, rand, isoDate, ISO_TIME_RE,
} from './lib/harness.mjs';

const h = useServer();

/** A valid referral body; each test overrides only what matters. */
function referralInput(overrides = {}) {
  return {
    family_name: `Familie Verwijzing ${rand(3)}`,
    referrer_organisation: 'Woonservice Coevorden',
    referrer_kind: 'woningcorporatie',
    reason: 'Huurachterstand van drie maanden.',
    contact: { phone: '06-12345678' },
    members: [memberInput(), memberInput({ given_name: 'Daan', birth_date: '2014-09-30', sex: 'male', household_role: 'child' })],
    ...overrides,
  };
}

async function refer(overrides) {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/referrals', referralInput(overrides));
  assertStatus(r, 201);
  return r.body;
}

async function assignTo(familyId, coach = 'coach_a1', note) {
  const lead = await h.srv.as('lead_a');
  const body = { coach_id: await h.srv.userId(coach) };
  if (note !== undefined) body.note = note;
  return lead.post(`/families/${familyId}/assign`, body);
}

const phase = (c, id, body) => c.post(`/families/${id}/phase`, { date: isoDate(0), ...body });
const consentCoaching = (c, id) =>
  c.post(`/families/${id}/consents`, { purpose: 'coaching', given_by: 'Sanne de Vries', given_on: isoDate(0), method: 'paper' });
const eligibility = (c, id, body = {}) =>
  c.post(`/families/${id}/eligibility`, {
    household_type: 'alleenstaande_ouder',
    cost_sharers: 1,
    incomes: [{ source: 'uitkering', amount_cents: 120000 }],
    ...body,
  });

/** A referred family with coach_a1 in phase intake. */
async function inIntake() {
  const f = await refer();
  assertStatus(await assignTo(f.id), 200);
  const coach = await h.srv.as('coach_a1');
  assertStatus(await phase(coach, f.id, { to: 'intake', date: isoDate(7) }), 200);
  return f;
}

test('the whole journey: referral → waiting list → assign → intake → consent → eligibility → actief → afsluiting → nazorg → reopen', async () => {
  const lead = await h.srv.as('lead_a');
  const coach = await h.srv.as('coach_a1');

  // Referral: a family in aanmelding without a coach, on the waiting list.
  const r = await lead.post('/referrals', referralInput({ contact: { email: 'gezin@example.org', address: 'Dorpsstraat 1' } }));
  assertStatus(r, 201);
  const f = r.body;
  assert.equal(f.phase, 'aanmelding');
  assert.equal(f.coach_id, null);
  assert.match(f.waiting_since, ISO_TIME_RE);
  assert.equal(f.waiting_days, 0);
  assert.equal(f.members.length, 2);
  assert.deepEqual(f.referral, {
    referrer_organisation: 'Woonservice Coevorden',
    referrer_kind: 'woningcorporatie',
    reason: 'Huurachterstand van drie maanden.',
    contact: { email: 'gezin@example.org', address: 'Dorpsstraat 1' },
  });
  assert.ok(r.headers.get('location').endsWith(`/api/v1/families/${f.id}`));

  const wl = await lead.get('/waiting-list?limit=200');
  assertStatus(wl, 200);
  const onList = wl.body.items.find((x) => x.id === f.id);
  assert.ok(onList, 'the referral is on the waiting list');
  assert.equal(typeof onList.waiting_days, 'number');

  // The coach cannot see it yet.
  assertProblem(await coach.get(`/families/${f.id}`), 404, 'not-found');

  // intake before a coach is assigned → 422 on "to".
  assert.deepEqual(fieldCodes(assertValidation(await phase(lead, f.id, { to: 'intake' }), 'to'), 'to'), ['phase_needs_coach']);

  // Assign: clears the waiting list.
  const a = await assignTo(f.id, 'coach_a1');
  assertStatus(a, 200);
  assert.equal(a.body.coach_id, await h.srv.userId('coach_a1'));
  assert.equal(a.body.waiting_since, null);
  assert.equal(a.body.waiting_days, null);
  const wl2 = await lead.get('/waiting-list?limit=200');
  assert.ok(!wl2.body.items.some((x) => x.id === f.id), 'assigned family left the waiting list');

  // Intake with a planned date in the future.
  const intakeDate = isoDate(5);
  const i = await phase(coach, f.id, { to: 'intake', date: intakeDate, note: 'Keukentafelgesprek gepland.' });
  assertStatus(i, 200);
  assert.equal(i.body.phase, 'intake');
  assert.equal(i.body.intake_date, intakeDate);

  // actief needs consent and eligibility; the errors name both, with the phases as params.
  const early = assertValidation(await phase(coach, f.id, { to: 'actief' }), 'to');
  assert.deepEqual(fieldCodes(early, 'to'), ['phase_needs_consent', 'phase_needs_eligibility']);
  assert.deepEqual(early.errors.to[0].params, { from: 'intake', to: 'actief' });
  assert.match(early.errors.to.map((e) => e.detail).join(' '), /toestemming/);

  const c = await consentCoaching(coach, f.id);
  assertStatus(c, 201);
  assert.equal(c.body.purpose, 'coaching');
  assert.equal(c.body.withdrawn_on, null);
  assert.equal(c.body.recorded_by_name, 'Coach A1');

  // Eligibility: 1.200,00 against the alleenstaande-ouder norm of the table in force today.
  const e = await eligibility(coach, f.id);
  assertStatus(e, 201);
  assert.equal(e.body.income_cents, 120000);
  assert.equal(e.body.threshold_percent, 120);
  assert.equal(e.body.passes, true);
  assert.equal(e.body.override, null);
  assert.equal(typeof e.body.norm_table_version, 'string');
  assert.ok(e.body.norm_cents > 0);
  assert.equal(e.body.percent, Math.round((120000 * 1000) / e.body.norm_cents) / 10);

  const act = await phase(coach, f.id, { to: 'actief' });
  assertStatus(act, 200);
  assert.equal(act.body.phase, 'actief');

  // afsluiting needs a reason and a summary.
  const noReason = await phase(coach, f.id, { to: 'afsluiting' });
  const body = assertValidation(noReason, 'closing_reason');
  assert.deepEqual(fieldCodes(body, 'closing_reason'), ['required']);
  assert.deepEqual(fieldCodes(body, 'closing_summary'), ['required'], 'closing_summary is named too');
  const badReason = assertValidation(await phase(coach, f.id, { to: 'afsluiting', closing_reason: 'klaar', closing_summary: 'x' }), 'closing_reason');
  assert.deepEqual(fieldCodes(badReason, 'closing_reason'), ['choose_one_of']);
  assert.match(badReason.errors.closing_reason[0].params.options, /doelen_bereikt/);
  const closed = await phase(coach, f.id, {
    to: 'afsluiting', closing_reason: 'doelen_bereikt', closing_summary: 'Overzicht over geld en een plan voor werk.',
  });
  assertStatus(closed, 200);
  assert.equal(closed.body.closing_reason, 'doelen_bereikt');
  assert.equal(closed.body.closing_summary, 'Overzicht over geld en een plan voor werk.');

  assertStatus(await phase(coach, f.id, { to: 'nazorg' }), 200);

  // Reopen needs a note; then the family is actief again and the closing is cleared.
  assert.deepEqual(fieldCodes(assertValidation(await phase(coach, f.id, { to: 'actief' }), 'note'), 'note'), ['reopen_note_required']);
  const reopened = await phase(coach, f.id, { to: 'actief', note: 'Nieuwe schulden; de familie vraagt weer hulp.' });
  assertStatus(reopened, 200);
  assert.equal(reopened.body.phase, 'actief');
  assert.equal(reopened.body.closing_reason, null);

  // The timeline tells the story, oldest first.
  const tl = await coach.get(`/families/${f.id}/timeline`);
  assertStatus(tl, 200);
  const kinds = tl.body.items.map((x) => x.kind);
  assert.deepEqual(kinds, ['referral', 'assign', 'phase', 'consent', 'eligibility', 'phase', 'phase', 'phase', 'reopen']);
  const steps = tl.body.items.filter((x) => x.kind === 'phase' || x.kind === 'reopen').map((x) => `${x.from}>${x.to}`);
  assert.deepEqual(steps, ['aanmelding>intake', 'intake>actief', 'actief>afsluiting', 'afsluiting>nazorg', 'nazorg>actief']);
  for (const ev of tl.body.items) {
    assert.match(ev.at, ISO_TIME_RE);
    assert.match(ev.date, /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(typeof ev.user_name, 'string');
  }
  assert.equal(tl.body.items[0].user_name, 'Lead A');
  assert.equal(tl.body.items.at(-1).note, 'Nieuwe schulden; de familie vraagt weer hulp.');
  assert.equal(tl.body.next_cursor, null);

  // Every step was audited (writes and reads) and the chain holds.
  const log = await lead.get(`/families/${f.id}/access-log?limit=200`);
  const actions = new Set(log.body.items.map((x) => x.action));
  for (const a of ['referral.create', 'family.assign_coach', 'family.phase', 'consent.create', 'eligibility.create', 'timeline.read']) {
    assert.ok(actions.has(a), `audit has ${a}: ${[...actions]}`);
  }
  const v = await h.srv.auditVerify();
  assert.equal(v.code, 0, v.stdout + v.stderr);
});

test('handover to another coach needs a note and shows on the timeline', async () => {
  const f = await inIntake();
  const lead = await h.srv.as('lead_a');
  assert.deepEqual(fieldCodes(assertValidation(await assignTo(f.id, 'coach_a2'), 'note'), 'note'), ['handover_note_required']);
  // Assigning the same coach again is not a handover.
  assert.deepEqual(fieldCodes(assertValidation(await assignTo(f.id, 'coach_a1', 'x'), 'coach_id'), 'coach_id'), ['coach_already_assigned']);
  const r = await assignTo(f.id, 'coach_a2', 'Carla gaat met verlof; Kees neemt over.');
  assertStatus(r, 200);
  assert.equal(r.body.coach_name, 'Coach A2');
  assert.equal(r.body.phase, 'intake');
  const tl = await lead.get(`/families/${f.id}/timeline`);
  const hand = tl.body.items.find((x) => x.kind === 'handover');
  assert.ok(hand, JSON.stringify(tl.body.items));
  assert.equal(hand.from, 'Coach A1');
  assert.equal(hand.to, 'Coach A2');
  assert.equal(hand.note, 'Carla gaat met verlof; Kees neemt over.');
  // The old coach lost access, the new one has it.
  assertProblem(await (await h.srv.as('coach_a1')).get(`/families/${f.id}`), 404);
  assertStatus(await (await h.srv.as('coach_a2')).get(`/families/${f.id}`), 200);
});

test('assign: coach of another organisation, a team lead, an unknown id → 422 on coach_id; a coach may not assign (403)', async () => {
  const f = await refer();
  for (const who of ['coach_b1', 'lead_a']) {
    assert.deepEqual(fieldCodes(assertValidation(await assignTo(f.id, who), 'coach_id', who), 'coach_id'), ['coach_not_in_organisation']);
  }
  const lead = await h.srv.as('lead_a');
  const nope = assertValidation(await lead.post(`/families/${f.id}/assign`, { coach_id: 'nope' }), 'coach_id');
  assert.deepEqual(fieldCodes(nope, 'coach_id'), ['coach_not_in_organisation']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.post(`/families/${f.id}/assign`, {}), 'coach_id'), 'coach_id'), ['required']);
  const coach = await h.srv.as('coach_a1');
  assertProblem(await coach.post(`/families/${f.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 403);
  const g = await lead.get(`/families/${f.id}`);
  assert.equal(g.body.coach_id, null, 'nothing changed');
  assert.equal(g.body.version, f.version);
});

test('referral bad input → 422 naming the field, and nothing is saved', async () => {
  const lead = await h.srv.as('lead_a');
  const before = (await lead.listAll('/families')).length;
  const cases = [
    // [input, field, the code on that field (null: only the field is asserted)]
    [{ contact: {} }, 'contact', 'contact_required'],
    [{ contact: { phone: '', email: '  ' } }, 'contact', null],
    [{ contact: undefined }, 'contact', 'contact_required'],
    [{ contact: 'bel maar' }, 'contact', 'not_object'],
    [{ contact: { email: 'geen-adres' } }, 'contact.email', 'contact_email_invalid'],
    [{ family_name: '' }, 'family_name', null],
    [{ referrer_kind: 'buurman' }, 'referrer_kind', 'choose_one_of'],
    [{ referrer_organisation: '' }, 'referrer_organisation', null],
    [{ reason: 'x'.repeat(2001) }, 'reason', 'too_long'],
    [{ programme_id: 'nope' }, 'programme_id', 'programme_not_available'],
    [{ members: [memberInput({ birth_date: isoDate(3) })] }, 'members[0].birth_date', 'birth_date_in_future'],
    [{ extra: 1 }, 'extra', 'unknown_field'],
  ];
  for (const [overrides, field, code] of cases) {
    const body = referralInput(overrides);
    if ('contact' in overrides && overrides.contact === undefined) delete body.contact;
    const problem = assertValidation(await lead.post('/referrals', body), field, JSON.stringify(overrides));
    if (code) assert.deepEqual(fieldCodes(problem, field), [code], JSON.stringify(overrides));
  }
  assert.equal((await lead.listAll('/families')).length, before, 'no family was half-saved');
  assertProblem(await lead.post('/referrals', '{"family_name": '), 400, 'invalid-json');
});

test('a coach may enter a referral and becomes its coach; admin may not (403)', async () => {
  const coach = await h.srv.as('coach_a1');
  const r = await coach.post('/referrals', referralInput({ referrer_kind: 'zelf', referrer_organisation: 'Zelf aangemeld' }));
  assertStatus(r, 201);
  assert.equal(r.body.coach_id, await h.srv.userId('coach_a1'));
  assert.equal(r.body.waiting_since, null);
  const admin = await h.srv.as('admin_a');
  assertProblem(await admin.post('/referrals', referralInput()), 403);
});

test('phase rules over HTTP: skipping, going back, future dates, bad dates', async () => {
  const f = await inIntake();
  const coach = await h.srv.as('coach_a1');
  const skip = assertValidation(await phase(coach, f.id, { to: 'nazorg' }), 'to');
  assert.deepEqual(fieldCodes(skip, 'to'), ['phase_skipped']);
  assert.deepEqual(skip.errors.to[0].params, { from: 'intake', to: 'nazorg', next: 'actief' });
  assert.deepEqual(fieldCodes(assertValidation(await phase(coach, f.id, { to: 'aanmelding' }), 'to'), 'to'), ['phase_backwards']);
  assert.deepEqual(fieldCodes(assertValidation(await phase(coach, f.id, { to: 'intake' }), 'to'), 'to'), ['phase_unchanged']);
  assert.deepEqual(fieldCodes(assertValidation(await phase(coach, f.id, { to: 'klaar' }), 'to'), 'to'), ['choose_one_of']);
  assertValidation(await phase(coach, f.id, { to: 'actief', date: '2026-02-30' }), 'date');
  assertValidation(await phase(coach, f.id, { to: 'actief', date: undefined }), 'date');
  // Ready for actief, but not on a future date.
  assertStatus(await consentCoaching(coach, f.id), 201);
  assertStatus(await eligibility(coach, f.id), 201);
  assert.deepEqual(fieldCodes(assertValidation(await phase(coach, f.id, { to: 'actief', date: isoDate(2) }), 'date'), 'date'), ['date_in_future']);
  const g = await coach.get(`/families/${f.id}`);
  assert.equal(g.body.phase, 'intake', 'nothing changed');
  assertStatus(await phase(coach, f.id, { to: 'actief' }), 200);
  // Closing fields only belong to closing.
  assert.deepEqual(fieldCodes(assertValidation(await phase(coach, f.id, { to: 'afsluiting', closing_reason: 'verhuisd' }), 'closing_summary'), 'closing_summary'), ['required']);
});

test('eligibility: bad income, household types, cost-sharers, future date; the newest check counts', async () => {
  const f = await inIntake();
  const coach = await h.srv.as('coach_a1');
  const bad = [
    [{ incomes: [{ source: 'loon', amount_cents: '1200,00' }] }, 'incomes[0].amount_cents'],
    [{ incomes: [{ source: 'loon', amount_cents: 'abc' }] }, 'incomes[0].amount_cents'],
    [{ incomes: [{ source: 'loon', amount_cents: -100 }] }, 'incomes[0].amount_cents'],
    [{ incomes: [{ source: 'loon', amount_cents: 12.5 }] }, 'incomes[0].amount_cents'],
    [{ incomes: [{ amount_cents: 100 }] }, 'incomes[0].source'],
    [{ incomes: 'veel' }, 'incomes'],
    [{ household_type: 'studentenhuis' }, 'household_type'],
    [{ cost_sharers: 0 }, 'cost_sharers'],
    [{ cost_sharers: '2' }, 'cost_sharers'],
    [{ date: isoDate(3) }, 'date'],
    [{ date: '2019-06-01' }, 'date'], // no norm table that old
  ];
  for (const [body, field] of bad) assertValidation(await eligibility(coach, f.id, body), field, JSON.stringify(body));
  const neg = await eligibility(coach, f.id, { incomes: [{ source: 'loon', amount_cents: -1 }] });
  assert.deepEqual(fieldCodes(neg.body, 'incomes[0].amount_cents'), ['eligibility_income_negative']);
  assert.equal((await coach.get(`/families/${f.id}/eligibility`)).body.items.length, 0, 'nothing saved');

  // A couple alone (A = 2) gets the gehuwden norm; a single person with one housemate half of it.
  const couple = await eligibility(coach, f.id, { household_type: 'gehuwden', cost_sharers: 2, incomes: [] });
  assertStatus(couple, 201);
  const single = await eligibility(coach, f.id, { household_type: 'alleenstaande', cost_sharers: 2, incomes: [] });
  assert.ok(Math.abs(single.body.norm_cents * 2 - couple.body.norm_cents) <= 1);

  // Exactly 120% passes; just above fails and blocks actief.
  const norm = couple.body.norm_cents;
  const at = await eligibility(coach, f.id, { household_type: 'gehuwden', cost_sharers: 2, incomes: [{ source: 'loon', amount_cents: Math.floor(norm * 1.2) }] });
  assert.equal(at.body.percent, 120);
  assert.equal(at.body.passes, true);
  const above = await eligibility(coach, f.id, {
    household_type: 'gehuwden', cost_sharers: 2, incomes: [{ source: 'loon', amount_cents: Math.ceil(norm * 1.2015) }],
  });
  assert.equal(above.body.passes, false);
  assertStatus(await consentCoaching(coach, f.id), 201);
  const blocked = assertValidation(await phase(coach, f.id, { to: 'actief' }), 'to');
  assert.deepEqual(fieldCodes(blocked, 'to'), ['phase_needs_eligibility']);

  // The team lead overrides with a reason; a coach may not.
  assertProblem(await coach.post(`/families/${f.id}/eligibility/${above.body.id}/override`, { passes: true, reason: 'x' }), 403);
  const lead = await h.srv.as('lead_a');
  assertValidation(await lead.post(`/families/${f.id}/eligibility/${above.body.id}/override`, { passes: true }), 'reason');
  assertValidation(await lead.post(`/families/${f.id}/eligibility/${above.body.id}/override`, { reason: 'x' }), 'passes');
  const o = await lead.post(`/families/${f.id}/eligibility/${above.body.id}/override`, {
    passes: true, reason: 'Hoge vaste lasten door mantelzorg.',
  });
  assertStatus(o, 200);
  assert.deepEqual({ passes: o.body.override.passes, reason: o.body.override.reason, by_name: o.body.override.by_name },
    { passes: true, reason: 'Hoge vaste lasten door mantelzorg.', by_name: 'Lead A' });
  assert.equal(o.body.passes, false, 'the computed outcome stays on record');
  assertProblem(await lead.post(`/families/${f.id}/eligibility/nope/override`, { passes: true, reason: 'x' }), 404);

  const list = await coach.get(`/families/${f.id}/eligibility`);
  assert.equal(list.body.items[0].id, above.body.id, 'newest first');
  assertStatus(await phase(coach, f.id, { to: 'actief' }), 200);
});

test('consent: sharing needs a partner, withdrawal, and a withdrawn coaching consent blocks actief', async () => {
  const f = await inIntake();
  const coach = await h.srv.as('coach_a1');
  const base = { given_by: 'Sanne de Vries', given_on: isoDate(0), method: 'verbal' };
  assertValidation(await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'sharing' }), 'partner_organisation');
  assertValidation(await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'marketing' }), 'purpose');
  assertValidation(await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'coaching', given_on: isoDate(1) }), 'given_on');
  assertValidation(await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'coaching', method: 'telepathie' }), 'method');
  assertValidation(await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'coaching', given_by: '' }), 'given_by');
  // Issue 14: sharing names a partner from the team lead's list.
  const lead = await h.srv.as('lead_a');
  const listed = await lead.get('/partner-organisations');
  if (!listed.body.items.some((p) => p.name === 'Voedselbank')) await lead.post('/partner-organisations', { name: 'Voedselbank', kind: 'voedselbank' });
  const share = await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'sharing', partner_organisation: 'Voedselbank' });
  assertStatus(share, 201);
  assert.equal(share.body.partner_organisation, 'Voedselbank');

  const c = await consentCoaching(coach, f.id);
  assertValidation(await coach.post(`/families/${f.id}/consents/${c.body.id}/withdraw`, { withdrawn_on: isoDate(1) }), 'withdrawn_on');
  assertValidation(await coach.post(`/families/${f.id}/consents/${c.body.id}/withdraw`, {}), 'withdrawn_on');
  const w = await coach.post(`/families/${f.id}/consents/${c.body.id}/withdraw`, { withdrawn_on: isoDate(0), note: 'Wil even pauzeren.' });
  assertStatus(w, 200);
  assert.equal(w.body.withdrawn_on, isoDate(0));
  assert.equal(w.body.withdrawal_note, 'Wil even pauzeren.');
  assertProblem(await coach.post(`/families/${f.id}/consents/${c.body.id}/withdraw`, { withdrawn_on: isoDate(0) }), 409);
  assertProblem(await coach.post(`/families/${f.id}/consents/nope/withdraw`, { withdrawn_on: isoDate(0) }), 404);

  assertStatus(await eligibility(coach, f.id), 201);
  const blocked = assertValidation(await phase(coach, f.id, { to: 'actief' }), 'to');
  assert.deepEqual(fieldCodes(blocked, 'to'), ['phase_needs_consent']);

  const list = await coach.get(`/families/${f.id}/consents`);
  assertStatus(list, 200);
  assert.equal(list.body.items.length, 2);
  const tl = await coach.get(`/families/${f.id}/timeline`);
  assert.ok(tl.body.items.some((x) => x.kind === 'consent_withdrawn'));
});

test('policy: another coach 404, another organisation 404, admin 403 on every case route', async () => {
  const f = await inIntake();
  const other = await h.srv.as('coach_a2');
  const leadB = await h.srv.as('lead_b');
  const coachB = await h.srv.as('coach_b1');
  const admin = await h.srv.as('admin_a');
  const routes = [
    ['GET', `/families/${f.id}/timeline`],
    ['GET', `/families/${f.id}/consents`],
    ['GET', `/families/${f.id}/eligibility`],
    ['POST', `/families/${f.id}/phase`, { to: 'actief', date: isoDate(0) }],
    ['POST', `/families/${f.id}/consents`, { purpose: 'coaching', given_by: 'X', given_on: isoDate(0), method: 'paper' }],
    ['POST', `/families/${f.id}/eligibility`, { household_type: 'alleenstaande', incomes: [] }],
  ];
  for (const [method, path, body] of routes) {
    for (const [who, c] of [['coach_a2', other], ['lead_b', leadB], ['coach_b1', coachB]]) {
      assertProblem(await c.request(method, path, body), 404, 'not-found', `${who} ${method} ${path}`);
    }
    assertProblem(await admin.request(method, path, body), 403, 'forbidden', `admin ${method} ${path}`);
  }
  assertProblem(await leadB.post(`/families/${f.id}/assign`, { coach_id: await h.srv.userId('coach_b1') }), 404);
  assertProblem(await admin.get('/waiting-list'), 403);
  assertProblem(await admin.get('/team/overview'), 403);
  assertProblem(await (await h.srv.as('coach_a1')).get('/waiting-list'), 403);
  assertProblem(await (await h.srv.as('coach_a1')).get('/team/overview'), 403);
  // Lead B's waiting list never shows org A's families.
  const wlB = await leadB.get('/waiting-list?limit=200');
  assert.ok(!wlB.body.items.some((x) => x.id === f.id));
  // Nothing changed for the family.
  const g = await (await h.srv.as('coach_a1')).get(`/families/${f.id}/consents`);
  assert.equal(g.body.items.length, 0);
});

test('families list: phase and programme filters, waiting and updated sorts with pagination', async () => {
  const admin = await h.srv.as('admin_a');
  const p = await admin.post('/programmes', { name: `Sortering ${rand()}` });
  assertStatus(p, 201);
  const lead = await h.srv.as('lead_a');
  const made = [];
  for (let i = 0; i < 5; i++) made.push(await refer({ programme_id: p.body.id }));
  assert.equal(made[0].programme_name, p.body.name);
  const inProg = await lead.listAll(`/families?programme_id=${p.body.id}`, { limit: 2 });
  assert.equal(inProg.length, 5);
  // Waiting: longest first = oldest referral first.
  const waiting = await lead.listAll(`/families?programme_id=${p.body.id}&sort=waiting`, { limit: 2 });
  assert.deepEqual(waiting.map((x) => x.id), made.map((x) => x.id));
  // Updated: most recently changed first.
  assertStatus(await assignTo(made[2].id), 200);
  const updated = await lead.listAll(`/families?programme_id=${p.body.id}&sort=updated`, { limit: 2 });
  assert.equal(updated[0].id, made[2].id);
  assert.equal(updated.length, 5);
  const intake = await lead.get(`/families?programme_id=${p.body.id}&phase=aanmelding`);
  assert.equal(intake.body.items.length, 5);
  assertValidation(await lead.get('/families?phase=klaar'), 'phase');
  assertValidation(await lead.get('/families?sort=random'), 'sort');
  // A cursor from one order is not a position in another.
  const page = await lead.get(`/families?programme_id=${p.body.id}&sort=waiting&limit=1`);
  assertValidation(await lead.get(`/families?programme_id=${p.body.id}&sort=updated&cursor=${encodeURIComponent(page.body.next_cursor)}`), 'cursor');
  assertValidation(await lead.get(`/families?cursor=${encodeURIComponent(page.body.next_cursor)}`), 'cursor');
});

test('programmes: admin manages (defaults, If-Match, validation), others read, other organisation never sees them', async () => {
  const admin = await h.srv.as('admin_a');
  const name = `Gezinscoaching ${rand()}`;
  const r = await admin.post('/programmes', { name });
  assertStatus(r, 201);
  assert.deepEqual(
    { ...r.body, id: undefined, version: undefined, created_at: undefined, updated_at: undefined },
    { name, threshold_percent: 120, default_budget_cents: 0, contact_target_minutes_per_week: 480, planned_duration_weeks: 52,
      follow_up_months: [], active: true, id: undefined, version: undefined, created_at: undefined, updated_at: undefined },
  );
  assertValidation(await admin.post('/programmes', { name }), 'name');
  assertValidation(await admin.post('/programmes', { name: `x${rand()}`, threshold_percent: '120' }), 'threshold_percent');
  assertValidation(await admin.post('/programmes', { name: `x${rand()}`, default_budget_cents: -1 }), 'default_budget_cents');
  assertValidation(await admin.post('/programmes', { name: `x${rand()}`, follow_up_months: [6, 'twaalf'] }), 'follow_up_months');
  assertValidation(await admin.post('/programmes', {}), 'name');
  const id = r.body.id;
  assertProblem(await admin.patch(`/programmes/${id}`, { threshold_percent: 130 }), 428);
  assertValidation(await admin.patch(`/programmes/${id}`, { name: '' }, { 'If-Match': `"${r.body.version}"` }), 'name');
  assertValidation(await admin.patch(`/programmes/${id}`, { name: null }, { 'If-Match': `"${r.body.version}"` }), 'name');
  assertProblem(await admin.patch(`/programmes/${id}`, { threshold_percent: 130 }, { 'If-Match': '"99"' }), 412);
  const u = await admin.patch(`/programmes/${id}`, { threshold_percent: 130, follow_up_months: [18, 6], active: false }, { 'If-Match': `"${r.body.version}"` });
  assertStatus(u, 200);
  assert.equal(u.body.threshold_percent, 130);
  assert.deepEqual(u.body.follow_up_months, [6, 18]);
  assert.equal(u.body.active, false);
  assert.equal(u.headers.get('etag'), `"${u.body.version}"`);
  for (const who of ['lead_a', 'coach_a1']) {
    const c = await h.srv.as(who);
    const list = await c.get('/programmes');
    assertStatus(list, 200);
    assert.ok(list.body.items.some((x) => x.id === id));
    assert.equal(list.body.next_cursor, null);
    assertProblem(await c.post('/programmes', { name: `y${rand()}` }), 403);
  }
  const leadB = await h.srv.as('lead_b');
  assert.ok(!(await leadB.get('/programmes')).body.items.some((x) => x.id === id));
  assertProblem(await (await h.srv.as('admin_a')).patch('/programmes/nope', { active: true }, { 'If-Match': '"1"' }), 404);
  // An inactive programme takes no referrals.
  assertValidation(await (await h.srv.as('lead_a')).post('/referrals', referralInput({ programme_id: id })), 'programme_id');
});

test('the programme threshold decides eligibility', async () => {
  const admin = await h.srv.as('admin_a');
  const p = await admin.post('/programmes', { name: `Ruim ${rand()}`, threshold_percent: 150 });
  const f = await refer({ programme_id: p.body.id });
  assertStatus(await assignTo(f.id), 200);
  const coach = await h.srv.as('coach_a1');
  const probe = await eligibility(coach, f.id, { incomes: [] });
  const e = await eligibility(coach, f.id, { incomes: [{ source: 'loon', amount_cents: Math.round(probe.body.norm_cents * 1.4) }] });
  assert.equal(e.body.threshold_percent, 150);
  assert.equal(e.body.passes, true);
});

test('norms: shipped tables are listed with their source; admin loads a table of their own', async () => {
  const coach = await h.srv.as('coach_a1');
  const list = await coach.get('/norms');
  assertStatus(list, 200);
  assert.ok(list.body.items.length >= 1);
  for (const t of list.body.items) {
    assert.ok(t.source.length > 20, 'a cited source');
    assert.match(t.valid_from, /^\d{4}-\d{2}-\d{2}$/);
    for (const k of ['alleenstaande', 'alleenstaande_ouder', 'gehuwden']) assert.ok(Number.isInteger(t.norms_cents[k]));
  }
  const table = {
    version: `test-${rand()}`, valid_from: '2020-01-01', source: 'Test table', source_url: 'https://example.org',
    includes_holiday_allowance: true, basis: 'net per month', norms_cents: { alleenstaande: 100000, alleenstaande_ouder: 100000, gehuwden: 150000 },
  };
  assertProblem(await coach.post('/norms', table), 403);
  assertProblem(await (await h.srv.as('lead_a')).post('/norms', table), 403);
  const admin = await h.srv.as('admin_a');
  assertValidation(await admin.post('/norms', { ...table, norms_cents: { ...table.norms_cents, gehuwden: '1500,00' } }), 'norms_cents.gehuwden');
  assertValidation(await admin.post('/norms', { ...table, valid_from: '2020-02-30' }), 'valid_from');
  const r = await admin.post('/norms', table);
  assertStatus(r, 201);
  assert.equal(r.body.scope, 'organisation');
  assertProblem(await admin.post('/norms', table), 409);
  // Org B does not see org A's own table.
  assert.ok(!(await (await h.srv.as('lead_b')).get('/norms')).body.items.some((x) => x.version === table.version));
  // A check dated 2020 now finds this table.
  const f = await inIntake();
  const e = await eligibility(coach, f.id, { date: '2020-06-01', household_type: 'alleenstaande', incomes: [{ source: 'loon', amount_cents: 100000 }] });
  assertStatus(e, 201);
  assert.equal(e.body.norm_table_version, table.version);
  assert.equal(e.body.percent, 100);
});

test('team overview: families per coach and phase, waiting figures', async () => {
  await refer();
  const lead = await h.srv.as('lead_a');
  const r = await lead.get('/team/overview');
  assertStatus(r, 200);
  const coaches = r.body.coaches.map((c) => c.display_name);
  assert.ok(coaches.includes('Coach A1') && coaches.includes('Coach A2'));
  assert.ok(!coaches.includes('Coach B1'));
  for (const c of r.body.coaches) {
    assert.deepEqual(Object.keys(c.families_by_phase).sort(), ['aanmelding', 'actief', 'afsluiting', 'intake', 'nazorg']);
    assert.equal(c.total_active, Object.values(c.families_by_phase).reduce((a, b) => a + b, 0));
  }
  assert.ok(r.body.waiting.count >= 1);
  assert.equal(typeof r.body.waiting.longest_days, 'number');
  assert.equal(typeof r.body.waiting.average_days, 'number');
});

test('unassigning a coach through PATCH puts the family back on the waiting list', async () => {
  const f = await inIntake();
  const lead = await h.srv.as('lead_a');
  const g = await lead.get(`/families/${f.id}`);
  const p = await lead.patch(`/families/${f.id}`, { coach_id: null }, { 'If-Match': g.headers.get('etag') });
  assertStatus(p, 200);
  assert.equal(p.body.coach_id, null);
  assert.match(p.body.waiting_since, ISO_TIME_RE);
  const wl = await lead.get('/waiting-list?limit=200');
  assert.ok(wl.body.items.some((x) => x.id === f.id));
});
