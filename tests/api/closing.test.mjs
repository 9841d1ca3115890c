// Issue 14, items 1, 2, 7 and 8: closing from any phase with a reason ("niet gestart" counted
// apart), archiving only closed families, aftercare moments from the programme, further coaches
// with a role, and each organisation's list of referrer kinds. Bad input is a 4xx with a code and
// nothing is half-written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, memberInput, assertProblem, assertStatus, assertValidation, fieldCodes, rand, isoDate,
} from './lib/harness.mjs';

const h = useServer();

function referralInput(overrides = {}) {
  return {
    family_name: `Familie Sluiten ${rand(3)}`,
    referrer_organisation: 'Kledingbank Coevorden',
    referrer_kind: 'kledingbank',
    reason: 'Kinderen hebben geen winterkleding.',
    contact: { phone: '06-12345678' },
    members: [memberInput()],
    ...overrides,
  };
}

async function refer(overrides) {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/referrals', referralInput(overrides));
  assertStatus(r, 201);
  return r.body;
}

const phase = (c, id, body) => c.post(`/families/${id}/phase`, { date: isoDate(0), ...body });

/** A referred family with coach_a1, in phase actief. */
async function inActief(overrides) {
  const f = await refer(overrides);
  const lead = await h.srv.as('lead_a');
  assertStatus(await lead.post(`/families/${f.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 200);
  const coach = await h.srv.as('coach_a1');
  assertStatus(await phase(coach, f.id, { to: 'intake', date: isoDate(-500) }), 200);
  assertStatus(await coach.post(`/families/${f.id}/consents`, { purpose: 'coaching', given_by: 'Sanne de Vries', given_on: isoDate(-500), method: 'paper' }), 201);
  assertStatus(await coach.post(`/families/${f.id}/eligibility`, {
    household_type: 'alleenstaande_ouder', cost_sharers: 1, incomes: [{ source: 'uitkering', amount_cents: 120000 }],
  }), 201);
  assertStatus(await phase(coach, f.id, { to: 'actief', date: isoDate(-450) }), 200);
  return f;
}

async function overview() {
  const r = await (await h.srv.as('lead_a')).get('/team/overview');
  assertStatus(r, 200);
  return r.body;
}

test('a family that never starts is closed with a reason from aanmelding or intake, counted apart', async () => {
  const lead = await h.srv.as('lead_a');
  const before = await overview();
  // From aanmelding, without a coach: the team lead closes it.
  const f = await refer();
  const none = assertValidation(await phase(lead, f.id, { to: 'afsluiting' }), 'closing_reason');
  assert.deepEqual(fieldCodes(none, 'closing_reason'), ['required']);
  const anders = assertValidation(await phase(lead, f.id, { to: 'afsluiting', closing_reason: 'anders' }), 'closing_summary');
  assert.deepEqual(fieldCodes(anders, 'closing_summary'), ['closing_other_needs_text']);
  const bad = assertValidation(await phase(lead, f.id, { to: 'afsluiting', closing_reason: 'weg' }), 'closing_reason');
  assert.match(bad.errors.closing_reason[0].params.options, /inkomen_te_hoog/);
  const unchanged = await lead.get(`/families/${f.id}`);
  assert.equal(unchanged.body.phase, 'aanmelding', 'nothing half-written');
  assert.equal(unchanged.body.version, f.version);

  const closed = await phase(lead, f.id, { to: 'afsluiting', closing_reason: 'niet_bereikbaar' });
  assertStatus(closed, 200);
  const file = (await lead.get(`/families/${f.id}`)).body;
  assert.equal(file.phase, 'afsluiting');
  assert.equal(file.closing_reason, 'niet_bereikbaar');
  assert.equal(file.closed_from_phase, 'aanmelding');
  assert.equal(file.not_started, true);
  assert.equal(file.closed_on, isoDate(0));
  assert.equal(file.ended_on, isoDate(0), 'no aftercare for a family that never started');
  assert.equal(file.waiting_since, null, 'off the waiting list');
  const wl = await lead.get('/waiting-list?limit=200');
  assert.ok(!wl.body.items.some((x) => x.id === f.id));
  assert.deepEqual((await lead.get(`/families/${f.id}/follow-ups`)).body.items, []);
  const tl = (await lead.get(`/families/${f.id}/timeline`)).body.items;
  assert.ok(tl.some((e) => e.kind === 'phase' && e.from === 'aanmelding' && e.to === 'afsluiting' && /niet_bereikbaar/.test(e.note)));

  // From intake, by the coach, with "anders" and a text.
  const g = await refer();
  assertStatus(await lead.post(`/families/${g.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 200);
  const coach = await h.srv.as('coach_a1');
  assertStatus(await phase(coach, g.id, { to: 'intake' }), 200);
  assertStatus(await phase(coach, g.id, { to: 'afsluiting', closing_reason: 'anders', closing_summary: 'Gezin woont nu in de opvang.' }), 200);

  const after = await overview();
  assert.equal(after.closed.not_started, before.closed.not_started + 2);
  assert.equal(after.closed.completed, before.closed.completed);
  assert.equal(after.closed.not_started_by_reason.niet_bereikbaar, (before.closed.not_started_by_reason.niet_bereikbaar ?? 0) + 1);
  assert.equal(after.closed.not_started_by_reason.anders, (before.closed.not_started_by_reason.anders ?? 0) + 1);
});

test('archiving is for closed families only', async () => {
  const lead = await h.srv.as('lead_a');
  const f = await refer();
  const r = await lead.patch(`/families/${f.id}`, { status: 'archived' }, { 'If-Match': `"${f.version}"` });
  const body = assertValidation(r, 'status');
  assert.deepEqual(fieldCodes(body, 'status'), ['archive_needs_closing']);
  assert.equal(body.errors.status[0].params.phase, 'aanmelding');
  assert.equal((await lead.get(`/families/${f.id}`)).body.status, 'active');
  const closed = await phase(lead, f.id, { to: 'afsluiting', closing_reason: 'verhuisd' });
  assertStatus(closed, 200);
  const a = await lead.patch(`/families/${f.id}`, { status: 'archived' }, { 'If-Match': `"${closed.body.version}"` });
  assertStatus(a, 200);
  assert.equal(a.body.status, 'archived');
});

test('aftercare: moments from the programme, due dates, recording, the end of the trajectory', async () => {
  const admin = await h.srv.as('admin_a');
  const p = await admin.post('/programmes', { name: `Nazorg ${rand(3)}`, follow_up_months: [12, 3] });
  assertStatus(p, 201);
  const f = await inActief({ programme_id: p.body.id });
  const coach = await h.srv.as('coach_a1');
  const closedOn = isoDate(-200);
  const closing = await phase(coach, f.id, { to: 'afsluiting', date: closedOn, closing_reason: 'doelen_bereikt', closing_summary: 'Rust in de financiën.' });
  assertStatus(closing, 200);
  const file = (await coach.get(`/families/${f.id}`)).body;
  assert.equal(file.not_started, false);
  assert.equal(file.ended_on, null);
  const moments = (await coach.get(`/families/${f.id}/follow-ups`)).body.items;
  assert.deepEqual(moments.map((m) => m.months), [3, 12]);
  assert.ok(moments.every((m) => m.status === 'open'));
  const addMonths = (iso, n) => {
    const [y, m, d] = iso.split('-').map(Number);
    const total = y * 12 + (m - 1) + n;
    const last = new Date(Date.UTC(Math.floor(total / 12), (total % 12) + 1, 0)).getUTCDate();
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
  };
  assert.equal(moments[0].due_on, addMonths(closedOn, 3));
  assert.equal(moments[1].due_on, addMonths(closedOn, 12));
  const [due, later] = moments;

  // The due moment is on the coach's list; the later one is not (yet).
  const mine = (await coach.get(`/follow-ups?due_before=${isoDate(0)}&limit=200`)).body.items;
  assert.ok(mine.some((m) => m.id === due.id && m.family_name === f.name));
  assert.ok(!mine.some((m) => m.id === later.id));
  const other = (await (await h.srv.as('coach_a2')).get(`/follow-ups?due_before=${isoDate(400)}&limit=200`)).body.items;
  assert.ok(!other.some((m) => m.family_id === f.id), 'another coach does not see it');
  const leads = (await (await h.srv.as('lead_a')).get(`/follow-ups?due_before=${isoDate(400)}&limit=200`)).body.items;
  assert.ok(leads.some((m) => m.id === later.id), 'the team lead sees the organisation');
  assert.ok(!(await (await h.srv.as('lead_b')).get(`/follow-ups?due_before=${isoDate(400)}&limit=200`)).body.items.some((m) => m.family_id === f.id));
  assertValidation(await coach.get('/follow-ups?due_before=2026-02-30'), 'due_before');

  // Bad input: not due yet, no outcome, done without a note, unknown moment.
  const notDue = assertProblem(await coach.post(`/families/${f.id}/follow-ups/${later.id}`, { outcome: 'done', note: 'x' }), 409);
  assert.equal(notDue.code, 'follow_up_not_due');
  assert.equal(notDue.params.due_on, later.due_on);
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(`/families/${f.id}/follow-ups/${due.id}`, {}), 'outcome'), 'outcome'), ['required']);
  assert.deepEqual(fieldCodes(assertValidation(await coach.post(`/families/${f.id}/follow-ups/${due.id}`, { outcome: 'done' }), 'note'), 'note'), ['follow_up_note_required']);
  assertProblem(await coach.post(`/families/${f.id}/follow-ups/0123456789abcdef012345`, { outcome: 'not_reachable' }), 404);
  assert.ok((await coach.get(`/families/${f.id}/follow-ups`)).body.items.every((m) => m.status === 'open'), 'nothing half-written');

  // Recorded: done with a note; a second time is a conflict.
  const rec = await coach.post(`/families/${f.id}/follow-ups/${due.id}`, { outcome: 'done', note: 'Werk gevonden, gaat goed.' });
  assertStatus(rec, 200);
  assert.equal(rec.body.ended_on, null, 'one moment is still open');
  const again = assertProblem(await coach.post(`/families/${f.id}/follow-ups/${due.id}`, { outcome: 'not_reachable' }), 409);
  assert.equal(again.code, 'follow_up_already_recorded');
  const list = (await coach.get(`/families/${f.id}/follow-ups`)).body.items;
  assert.equal(list[0].status, 'done');
  assert.equal(list[0].note, 'Werk gevonden, gaat goed.');
  assert.equal(list[0].recorded_by_name, 'Coach A1');
  const tl = (await coach.get(`/families/${f.id}/timeline`)).body.items;
  assert.ok(tl.some((e) => e.kind === 'follow_up' && e.to === 'done'));

  // Reopening cancels the open moment; closing again schedules new ones.
  const reopened = await phase(coach, f.id, { to: 'actief', note: 'Nieuwe schulden.' });
  assertStatus(reopened, 200);
  assert.equal(reopened.body.closed_on, null);
  const afterReopen = (await coach.get(`/families/${f.id}/follow-ups`)).body.items;
  assert.deepEqual(afterReopen.map((m) => m.status), ['done', 'cancelled']);
});

test('aftercare: the trajectory ends when the last moment is recorded; default schedule without a programme', async () => {
  const f = await inActief();
  const coach = await h.srv.as('coach_a1');
  assertStatus(await phase(coach, f.id, { to: 'afsluiting', date: isoDate(-420), closing_reason: 'doelen_bereikt', closing_summary: 'Klaar.' }), 200);
  const moments = (await coach.get(`/families/${f.id}/follow-ups`)).body.items;
  assert.ok(moments.length >= 1, 'the default schedule applies');
  let last;
  for (const m of moments) {
    last = await coach.post(`/families/${f.id}/follow-ups/${m.id}`, { outcome: 'not_reachable' });
    assertStatus(last, 200);
  }
  assert.equal(last.body.ended_on, isoDate(0));
  const tl = (await coach.get(`/families/${f.id}/timeline`)).body.items;
  assert.ok(tl.some((e) => e.kind === 'ended'));
});

test('further coaches: a kindercoach works on the family until ended, then 404', async () => {
  const f = await inActief();
  const lead = await h.srv.as('lead_a');
  const coach = await h.srv.as('coach_a1');
  const second = await h.srv.as('coach_a2');
  const a2 = await h.srv.userId('coach_a2');
  assertProblem(await second.get(`/families/${f.id}`), 404);
  // Only those with the capability add coaches.
  assertProblem(await coach.post(`/families/${f.id}/coaches`, { user_id: a2, role: 'kindercoach' }), 403);
  assert.deepEqual(fieldCodes(assertValidation(await lead.post(`/families/${f.id}/coaches`, { user_id: a2, role: 'tovenaar' }), 'role'), 'role'), ['choose_one_of']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.post(`/families/${f.id}/coaches`, { user_id: await h.srv.userId('coach_a1'), role: 'kindercoach' }), 'user_id'), 'user_id'), ['coach_already_assigned']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.post(`/families/${f.id}/coaches`, { user_id: await h.srv.userId('coach_b1'), role: 'kindercoach' }), 'user_id'), 'user_id'), ['coach_not_in_organisation']);
  assert.deepEqual((await lead.get(`/families/${f.id}/coaches`)).body.items, [], 'nothing half-written');

  const added = await lead.post(`/families/${f.id}/coaches`, { user_id: a2, role: 'kindercoach', note: 'Werkt met Daan.' });
  assertStatus(added, 201);
  assert.equal(added.body.role, 'kindercoach');
  assert.equal(added.body.display_name, 'Coach A2');
  // The second coach reads and writes the family, and finds it in their own caseload.
  assertStatus(await second.get(`/families/${f.id}`), 200);
  assertStatus(await second.post(`/families/${f.id}/members`, memberInput({ given_name: 'Daan', household_role: 'child', birth_date: '2015-03-01' })), 201);
  assert.ok((await second.listAll('/families')).some((x) => x.id === f.id));
  assert.equal((await coach.get(`/families/${f.id}/coaches`)).body.items.length, 1);
  const ov = await overview();
  const a2load = ov.coaches.find((c) => c.display_name === 'Coach A2');
  assert.ok(a2load.families_by_role.kindercoach >= 1);

  // Ending needs a note; after it the family is out of reach (404) and off their list.
  const noNote = assertValidation(await lead.post(`/families/${f.id}/coaches/${added.body.id}/end`, {}), 'note');
  assert.deepEqual(fieldCodes(noNote, 'note'), ['coach_end_note_required']);
  assertStatus(await second.get(`/families/${f.id}`), 200, 'still a coach after a refused end');
  const ended = await lead.post(`/families/${f.id}/coaches/${added.body.id}/end`, { note: 'Daan gaat goed.' });
  assertStatus(ended, 200);
  assert.equal(ended.body.active, false);
  assertProblem(await second.get(`/families/${f.id}`), 404);
  assertProblem(await second.post(`/families/${f.id}/members`, memberInput()), 404);
  assert.ok(!(await second.listAll('/families')).some((x) => x.id === f.id));
  const twice = assertProblem(await lead.post(`/families/${f.id}/coaches/${added.body.id}/end`, { note: 'x' }), 409);
  assert.equal(twice.code, 'coach_already_ended');
  const tl = (await lead.get(`/families/${f.id}/timeline`)).body.items.map((e) => e.kind);
  assert.ok(tl.includes('coach_added') && tl.includes('coach_ended'));
});

test('further coaches: a handover needs a note and keeps the role', async () => {
  const f = await inActief();
  const lead = await h.srv.as('lead_a');
  const a2 = await h.srv.userId('coach_a2');
  const added = (await lead.post(`/families/${f.id}/coaches`, { user_id: a2, role: 'jongerencoach' })).body;
  // The only other coach of org A is the main coach: handing over to them is refused.
  const self = await lead.post(`/families/${f.id}/coaches/${added.id}/handover`, { user_id: await h.srv.userId('coach_a1'), note: 'x' });
  assert.deepEqual(fieldCodes(assertValidation(self, 'user_id'), 'user_id'), ['coach_already_assigned']);
  const noNote = await lead.post(`/families/${f.id}/coaches/${added.id}/handover`, { user_id: a2 });
  assert.deepEqual(fieldCodes(assertValidation(noNote, 'note'), 'note'), ['handover_note_required']);
  const items = (await lead.get(`/families/${f.id}/coaches`)).body.items;
  assert.equal(items.length, 1);
  assert.equal(items[0].active, true, 'nothing half-written');
  assertProblem(await lead.post(`/families/${f.id}/coaches/0123456789abcdef012345/end`, { note: 'x' }), 404);
});

test('referrer kinds: the seeds\' partners by default, configurable per organisation, counted', async () => {
  const coach = await h.srv.as('coach_a1');
  const kinds = (await coach.get('/referrer-kinds')).body.items.map((k) => k.code);
  for (const k of ['kledingbank', 'vakantiebank', 'bibliotheek', 'welzijn', 'wijkteam']) assert.ok(kinds.includes(k), k);
  assertProblem(await coach.put('/referrer-kinds', { items: [{ code: 'x', label: 'X' }] }), 403);

  const lead = await h.srv.as('lead_b');
  const bad = assertValidation(await lead.put('/referrer-kinds', { items: [{ code: 'Buurt Huis', label: '' }, { code: 'wijkteam', label: 'W' }, { code: 'wijkteam', label: 'W' }] }));
  assert.deepEqual(fieldCodes(bad, 'items[0].code'), ['referrer_kind_code_invalid']);
  assert.deepEqual(fieldCodes(bad, 'items[0].label'), ['required']);
  assert.deepEqual(fieldCodes(bad, 'items[2].code'), ['referrer_kind_duplicate']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.put('/referrer-kinds', { items: [] }), 'items'), 'items'), ['referrer_kinds_empty']);
  assert.ok((await lead.get('/referrer-kinds')).body.items.length > 5, 'nothing half-written');
  const saved = await lead.put('/referrer-kinds', { items: [{ code: 'wijkteam', label: 'Wijkteam' }, { code: 'buurthuis', label: 'Buurthuis De Es' }] });
  assertStatus(saved, 200);
  assert.deepEqual(saved.body.items.map((k) => k.code), ['wijkteam', 'buurthuis']);
  // Org B's referral form offers its own list; org A is untouched.
  const refused = await lead.post('/referrals', referralInput({ referrer_kind: 'kledingbank' }));
  assert.deepEqual(fieldCodes(assertValidation(refused, 'referrer_kind'), 'referrer_kind'), ['choose_one_of']);
  assertStatus(await lead.post('/referrals', referralInput({ referrer_kind: 'buurthuis' })), 201);
  assert.ok((await coach.get('/referrer-kinds')).body.items.some((k) => k.code === 'kledingbank'));
  const ov = (await lead.get('/team/overview')).body;
  assert.equal(ov.referrals_by_kind.buurthuis, 1);
  assert.equal(ov.referrals_by_kind.wijkteam, 0);
  // The admin may edit the list too.
  assertStatus(await (await h.srv.as('admin_a')).get('/referrer-kinds'), 200);
});
