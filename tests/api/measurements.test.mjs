// Measurements (issue 10): the ZRM and Positieve Gezondheid per household member, from 0-meting
// to eindmeting; the family's series, the due list, a programme's change per domain (nothing
// shown under 5 people), the CSV/XLSX export; every bad input of the issue is a 4xx with a code
// and writes nothing; instruments loaded through the API and the CLI are checked; the policy
// (another coach 404, admin 403) and the access log.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  useServer, memberInput, rand, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate,
} from './lib/harness.mjs';

const h = useServer();

let ZRM = []; // the 13 domain ids of the ZRM 2017
let zrmFile; // the ZRM 2017 as GET /instruments shows it

function referralInput(overrides = {}) {
  return {
    family_name: `Familie Meting ${rand(3)}`,
    referrer_organisation: 'Woonservice Coevorden',
    referrer_kind: 'woningcorporatie',
    reason: 'Huurachterstand van drie maanden.',
    contact: { phone: '06-12345678' },
    members: [memberInput(), memberInput({ given_name: 'Daan', birth_date: '2014-09-30', sex: 'male', household_role: 'child' })],
    ...overrides,
  };
}

/** A family of Org A in programme `programmeId` (optional) with coach_a1; returns { id, parent, child }. */
async function family(programmeId) {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/referrals', referralInput(programmeId ? { programme_id: programmeId } : {}));
  assertStatus(r, 201);
  assertStatus(await lead.post(`/families/${r.body.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 200);
  const f = await lead.get(`/families/${r.body.id}`);
  assertStatus(f, 200);
  return {
    id: r.body.id,
    parent: f.body.members.find((m) => m.given_name === 'Sanne').id,
    child: f.body.members.find((m) => m.given_name === 'Daan').id,
  };
}

async function programme() {
  const admin = await h.srv.as('admin_a');
  const r = await admin.post('/programmes', { name: `Gezinscoaching ${rand()}` });
  assertStatus(r, 201);
  return r.body.id;
}

const zrm = (member_id, moment, taken_on, level, extra = {}) => ({
  member_id,
  instrument_id: 'zrm',
  instrument_version: '2017',
  moment,
  taken_on,
  filled_in_by: 'together',
  scores: Object.fromEntries(ZRM.map((d) => [d, level])),
  notes: { financien: 'Samen een overzicht van de schulden gemaakt.' },
  ...extra,
});

const count = async (c, familyId) => (await c.listAll(`/families/${familyId}/measurements`)).length;

before(async () => {
  await h.ready;
  const coach = await h.srv.as('coach_a1');
  const r = await coach.get('/instruments');
  assertStatus(r, 200);
  zrmFile = r.body.items.find((i) => i.id === 'zrm' && i.version === '2017');
  assert.ok(zrmFile, 'the ZRM 2017 is shipped');
  ZRM = zrmFile.domains.map((d) => d.id);
});

test('instruments: the shipped ones with their domains and scales', async () => {
  const coach = await h.srv.as('coach_a1');
  const items = (await coach.get('/instruments')).body.items;
  const ids = items.map((i) => `${i.id}@${i.version}`).sort();
  for (const id of ['levensgebieden@1', 'positieve_gezondheid@1', 'positieve_gezondheid_kind@1', 'zrm@2017']) assert.ok(ids.includes(id), id);
  assert.equal(ZRM.length, 13);
  assert.ok(ZRM.includes('financien') && ZRM.includes('justitie'));
  const level = Object.values(zrmFile.scales)[0];
  assert.equal(level.min, 1);
  assert.equal(level.max, 5);
  assert.deepEqual(level.levels.map((l) => l.name.nl),
    ['acute problematiek', 'niet zelfredzaam', 'beperkt zelfredzaam', 'voldoende zelfredzaam', 'volledig zelfredzaam']);
  const kind = items.find((i) => i.id === 'positieve_gezondheid_kind');
  assert.equal(kind.domains.length, 6);
  assert.equal(kind.audience.min_age, 8);
  assert.equal(kind.audience.max_age, 12);
});

test('happy path: 0-meting and eindmeting for a parent, a child\'s web, the family series, the list', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  const nul = await coach.post(`/families/${f.id}/measurements`, zrm(f.parent, 'nulmeting', isoDate(-200), 2));
  assertStatus(nul, 201);
  assert.equal(nul.body.member_id, f.parent);
  assert.equal(nul.body.instrument_version, '2017');
  assert.equal(nul.body.domain_scores.financien, 2);
  assert.equal(nul.body.notes.financien, 'Samen een overzicht van de schulden gemaakt.');
  assert.equal(nul.body.recorded_by_name, 'Coach A1');
  const eind = await coach.post(`/families/${f.id}/measurements`,
    zrm(f.parent, 'eindmeting', isoDate(0), 4, { scores: { ...Object.fromEntries(ZRM.map((d) => [d, 4])), justitie: 5 } }));
  assertStatus(eind, 201);
  assert.equal(eind.body.domain_scores.justitie, 5);
  const web = await coach.post(`/families/${f.id}/measurements`, {
    member_id: f.child, instrument_id: 'positieve_gezondheid_kind', instrument_version: '1', moment: 'nulmeting',
    taken_on: isoDate(-30), filled_in_by: 'person',
    scores: { mijn_lichaam: 7, 'mijn_lichaam.praten': true, 'mijn_lichaam.woorden': 'Ik voetbal graag.', meedoen: 4 },
  });
  assertStatus(web, 201);
  assert.equal(web.body.domain_scores.mijn_lichaam, 7);

  const s = await coach.get(`/families/${f.id}/measurements/summary`);
  assertStatus(s, 200);
  const parent = s.body.members.find((m) => m.member_id === f.parent);
  assert.deepEqual(parent.measurements.map((m) => m.moment), ['nulmeting', 'eindmeting'], 'oldest first');
  assert.equal(parent.measurements[1].domain_scores.financien, 4);
  const child = s.body.members.find((m) => m.member_id === f.child);
  assert.deepEqual(child.measurements[0].talk_about, ['mijn_lichaam']);
  assert.equal(child.poverty_generation, null);

  const list = await coach.get(`/families/${f.id}/measurements?limit=2`);
  assertStatus(list, 200);
  assert.equal(list.body.items.length, 2);
  assert.equal(list.body.items[0].taken_on, isoDate(0), 'newest first');
  const all = await coach.listAll(`/families/${f.id}/measurements`, { limit: 1 });
  assert.equal(all.length, 3);
  assert.equal((await coach.get(`/families/${f.id}/measurements?member_id=${f.child}`)).body.items.length, 1);

  // The generation in poverty per person.
  const g = await coach.put(`/families/${f.id}/members/${f.parent}/poverty-generation`, { poverty_generation: 2 });
  assertStatus(g, 200);
  assert.equal(g.body.poverty_generation, 2);
  assert.deepEqual(fieldCodes(assertValidation(await coach.put(`/families/${f.id}/members/${f.parent}/poverty-generation`,
    { poverty_generation: 4 }), 'poverty_generation'), 'poverty_generation'), ['choose_one_of']);
  const s2 = await coach.get(`/families/${f.id}/measurements/summary`);
  assert.equal(s2.body.members.find((m) => m.member_id === f.parent).poverty_generation, 2);
});

test('bad input: each a 422 with its code, and nothing written', async () => {
  const f = await family();
  const other = await family();
  const leadB = await h.srv.as('lead_b');
  const fb = await leadB.post('/families', {
    name: `Familie B ${rand(3)}`, members: [memberInput({ given_name: 'Bea' })],
  });
  assertStatus(fb, 201);
  const memberB = fb.body.members[0].id;
  const coach = await h.srv.as('coach_a1');
  const ok = zrm(f.parent, 'nulmeting', isoDate(-10), 3);
  const cases = [
    ['a level above the scale', { ...ok, scores: { ...ok.scores, financien: 6 } }, 'scores.financien', 'measurement_value_out_of_scale'],
    ['a level below the scale', { ...ok, scores: { ...ok.scores, huisvesting: 0 } }, 'scores.huisvesting', 'measurement_value_out_of_scale'],
    ['a level as text', { ...ok, scores: { ...ok.scores, financien: 'drie' } }, 'scores.financien', 'measurement_value_wrong_type'],
    ['a domain of another instrument', { ...ok, scores: { ...ok.scores, mijn_lichaam: 3 } }, 'scores.mijn_lichaam', 'measurement_item_unknown'],
    ['a note on a domain of another instrument', { ...ok, notes: { zingeving: 'x' } }, 'notes.zingeving', 'instrument_domain_unknown'],
    ['a person of another family', { ...ok, member_id: other.parent }, 'member_id', 'measurement_member_not_in_family'],
    ['a person of another organisation', { ...ok, member_id: memberB }, 'member_id', 'measurement_member_not_in_family'],
    ['a moment before birth', { ...ok, member_id: f.child, taken_on: '2014-09-29' }, 'taken_on', 'measurement_before_birth'],
    ['a moment in the future', { ...ok, taken_on: isoDate(2) }, 'taken_on', 'date_in_future'],
    ['an unknown version', { ...ok, instrument_version: '2010' }, 'instrument_id', 'instrument_unknown'],
    ['an unknown moment', { ...ok, moment: 'halverwege' }, 'moment', 'choose_one_of'],
    ['who filled it in', { ...ok, filled_in_by: 'buurman' }, 'filled_in_by', 'choose_one_of'],
    ['no date', { ...ok, taken_on: undefined }, 'taken_on', 'required'],
    ['no scores', { ...ok, scores: undefined }, 'scores', 'required'],
  ];
  for (const [what, body, field, code] of cases) {
    const b = assertValidation(await coach.post(`/families/${f.id}/measurements`, body), field, what);
    assert.deepEqual(fieldCodes(b, field), [code], `${what}: ${JSON.stringify(b.errors)}`);
  }
  const before = assertValidation(await coach.post(`/families/${f.id}/measurements`, cases[7][1]), 'taken_on');
  assert.deepEqual(before.errors.taken_on[0].params, { birth_date: '2014-09-30' });
  const scale = assertValidation(await coach.post(`/families/${f.id}/measurements`, cases[0][1]), 'scores.financien');
  assert.deepEqual(scale.errors['scores.financien'][0].params, { min: '1', max: '5' });
  assertProblem(await coach.post(`/families/${f.id}/measurements`, '{"member_id":'), 400);
  assert.equal(await count(coach, f.id), 0, 'nothing written');
  assert.equal(await count(coach, other.id), 0, 'nothing written to the other family');
  assert.equal((await leadB.get(`/families/${fb.body.id}/measurements`)).body.items.length, 0);
  assertStatus(await coach.post(`/families/${f.id}/measurements`, ok), 201);
});

test('outcomes: too few at 4 people, figures at 5; by generation and sex; CSV and XLSX export', async () => {
  const p = await programme();
  const coach = await h.srv.as('coach_a1');
  const lead = await h.srv.as('lead_a');
  const outcomes = () => lead.get(`/programmes/${p}/outcomes?instrument=zrm&from=nulmeting&to=eindmeting`);
  const families = [];
  for (let i = 0; i < 5; i++) {
    const f = await family(p);
    families.push(f);
    assertStatus(await coach.post(`/families/${f.id}/measurements`, zrm(f.parent, 'nulmeting', isoDate(-300), 2)), 201);
    assertStatus(await coach.post(`/families/${f.id}/measurements`, zrm(f.parent, 'eindmeting', isoDate(-1), i === 0 ? 2 : 4)), 201);
    if (i === 3) {
      const r = await outcomes();
      assertStatus(r, 200);
      for (const d of r.body.domains) {
        assert.equal(d.suppressed, true, `4 people: ${JSON.stringify(d)}`);
        assert.equal(d.code, 'outcome_too_few');
        assert.deepEqual(d.params, { min: '5' });
        assert.equal(d.n, undefined, 'not even n under 5');
        assert.equal(d.mean_change, undefined);
      }
    }
  }
  const r = await outcomes();
  assertStatus(r, 200);
  assert.equal(r.body.min_group_size, 5);
  assert.equal(r.body.domains.length, 13);
  const fin = r.body.domains.find((d) => d.domain_id === 'financien');
  assert.equal(fin.suppressed, false);
  assert.equal(fin.n, 5);
  assert.equal(fin.mean_from, 2);
  assert.equal(fin.mean_to, 3.6);
  assert.ok(Math.abs(fin.mean_change - 1.6) < 1e-9);
  assert.deepEqual([fin.improved, fin.same, fin.worsened], [4, 1, 0]);
  assert.equal(fin.name.nl, 'Financiën');
  // All five are women of unknown generation: that group has figures, no other exists.
  assert.deepEqual(r.body.by_sex.map((g) => g.group), ['female']);
  assert.equal(r.body.by_sex[0].domains[0].n, 5);
  assert.deepEqual(r.body.by_generation.map((g) => g.group), ['unknown']);
  // One person of the 2nd generation is a group of one: suppressed.
  assertStatus(await coach.put(`/families/${families[0].id}/members/${families[0].parent}/poverty-generation`, { poverty_generation: 2 }), 200);
  const g = (await outcomes()).body.by_generation;
  assert.equal(g.find((x) => x.group === '2').domains[0].suppressed, true);
  assert.equal(g.find((x) => x.group === 'unknown').domains[0].suppressed, true, '4 left');
  // Bad questions.
  assert.deepEqual(fieldCodes(assertValidation(await lead.get(`/programmes/${p}/outcomes`), 'instrument'), 'instrument'), ['required']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.get(`/programmes/${p}/outcomes?instrument=positieve_gezondheid`), 'instrument'),
    'instrument'), ['instrument_not_for_outcomes']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.get(`/programmes/${p}/outcomes?instrument=zrm&from=begin`), 'from'), 'from'),
    ['choose_one_of']);
  assert.equal(assertProblem(await lead.get('/programmes/0123456789abcdef012345/outcomes?instrument=zrm'), 404).code, 'programme_not_found');

  const csv = await lead.get(`/programmes/${p}/measurements/export?instrument=zrm&format=csv`);
  assertStatus(csv, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  assert.match(csv.headers.get('content-disposition'), /attachment; filename="kansrijk-zrm-2017\.csv"/);
  const lines = csv.text.trim().split('\r\n');
  assert.equal(lines[0], ['family_id', 'member_id', 'sex', 'poverty_generation', 'moment', 'taken_on', 'filled_in_by', ...ZRM]
    .map((x) => `"${x}"`).join(','));
  assert.equal(lines.length, 11, 'a header and 10 measurements');
  const res = await fetch(`${h.srv.url}/api/v1/programmes/${p}/measurements/export?instrument=zrm&format=xlsx`,
    { headers: { Cookie: `kansrijk_session=${lead.cookie}` } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX is a zip');
  assert.ok(bytes.length > 1000);
  assert.deepEqual(fieldCodes(assertValidation(await lead.get(`/programmes/${p}/measurements/export?instrument=zrm&format=pdf`), 'format'),
    'format'), ['choose_one_of']);
  // Only the team lead: a coach may not, another organisation does not see the programme.
  assertProblem(await coach.get(`/programmes/${p}/outcomes?instrument=zrm`), 403);
  assertProblem(await coach.get(`/programmes/${p}/measurements/export?instrument=zrm`), 403);
  assertProblem(await (await h.srv.as('admin_a')).get(`/programmes/${p}/outcomes?instrument=zrm`), 403);
  assert.equal(assertProblem(await (await h.srv.as('lead_b')).get(`/programmes/${p}/outcomes?instrument=zrm`), 404).code, 'programme_not_found');
  assertProblem(await (await h.srv.as('lead_b')).get(`/programmes/${p}/measurements/export?instrument=zrm`), 404);
});

test('due: the 0-meting at intake for whoever has none, for the coach of the family only', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  assertStatus(await coach.post(`/families/${f.id}/phase`, { to: 'intake', date: isoDate(0) }), 200);
  assertStatus(await coach.post(`/families/${f.id}/measurements`, zrm(f.parent, 'nulmeting', isoDate(0), 3)), 201);
  const due = await coach.get('/measurements/due?within_days=365&limit=200');
  assertStatus(due, 200);
  const mine = due.body.items.filter((d) => d.family_id === f.id);
  const child = mine.find((d) => d.member_id === f.child);
  assert.ok(child, JSON.stringify(due.body.items));
  assert.equal(child.moment, 'nulmeting');
  assert.equal(child.due_on, isoDate(0).slice(0, 10));
  assert.equal(child.overdue, false);
  const parent = mine.find((d) => d.member_id === f.parent);
  assert.equal(parent.moment, 'tussenmeting', 'six months after the 0-meting');
  const six = new Date(isoDate(0));
  six.setUTCMonth(six.getUTCMonth() + 6);
  assert.equal(parent.due_on.slice(0, 7), six.toISOString().slice(0, 7));
  // Within 30 days (the default) only the child's.
  const soon = (await coach.get('/measurements/due')).body.items.filter((d) => d.family_id === f.id);
  assert.deepEqual(soon.map((d) => d.member_id), [f.child]);
  assert.ok(!(await (await h.srv.as('coach_a2')).get('/measurements/due?within_days=365')).body.items.some((d) => d.family_id === f.id));
  assert.ok((await (await h.srv.as('lead_a')).get('/measurements/due?within_days=365&limit=200')).body.items.some((d) => d.family_id === f.id));
  assert.deepEqual(fieldCodes(assertValidation(await coach.get('/measurements/due?within_days=400'), 'within_days'), 'within_days'),
    ['out_of_range']);
  assertProblem(await (await h.srv.as('admin_a')).get('/measurements/due'), 403);
});

test('policy: another coach and another organisation 404, admin 403; reads and writes on the access log', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  assertStatus(await coach.post(`/families/${f.id}/measurements`, zrm(f.parent, 'nulmeting', isoDate(-5), 3)), 201);
  const routes = [
    ['GET', `/families/${f.id}/measurements`],
    ['GET', `/families/${f.id}/measurements/summary`],
    ['POST', `/families/${f.id}/measurements`, zrm(f.parent, 'tussenmeting', isoDate(-1), 4)],
    ['PUT', `/families/${f.id}/members/${f.parent}/poverty-generation`, { poverty_generation: 1 }],
  ];
  for (const [method, p, body] of routes) {
    for (const who of ['coach_a2', 'lead_b', 'coach_b1']) {
      const r = assertProblem(await (await h.srv.as(who)).request(method, p, body), 404, 'not-found', `${who} ${method} ${p}`);
      assert.equal(r.code, 'family_not_found');
    }
    assert.equal(assertProblem(await (await h.srv.as('admin_a')).request(method, p, body), 403, 'forbidden', `admin ${method} ${p}`).code,
      'forbidden');
  }
  assertStatus(await coach.get(`/families/${f.id}/measurements`), 200);
  assertStatus(await coach.get(`/families/${f.id}/measurements/summary`), 200);
  const lead = await h.srv.as('lead_a');
  assertStatus(await lead.get(`/families/${f.id}/measurements/summary`), 200, 'the lead sees every family of the organisation');
  assert.equal(await count(coach, f.id), 1, 'refused writes wrote nothing');
  const log = await lead.get(`/families/${f.id}/access-log?limit=200`);
  assertStatus(log, 200);
  const rows = log.body.items;
  for (const action of ['measurement.create', 'measurement.list', 'measurement.read'])
    assert.ok(rows.some((r) => r.action === action && r.outcome === 'success'), `${action} success on the log`);
  for (const action of ['measurement.create', 'measurement.list', 'measurement.read', 'measurement.generation.update'])
    assert.ok(rows.some((r) => r.action === action && r.outcome !== 'success'), `${action} refusal on the log`);
  // Instruments: every staff role reads; only the admin loads.
  assertStatus(await (await h.srv.as('admin_a')).get('/instruments'), 200);
  assertProblem(await coach.post('/instruments', zrmFile), 403);
  assertProblem(await lead.post('/instruments', zrmFile), 403);
});

/** A small valid instrument of the organisation's own. */
function ownInstrument(version = '1') {
  return {
    id: `eigen_${rand(3)}`, version, name: { nl: 'Eigen vragenlijst', en: 'Own questionnaire' }, purpose: 'research',
    audience: { kind: 'adult', min_age: 18 }, licence: { nl: 'Eigen werk.' },
    scales: { vijf: { kind: 'range', min: 1, max: 5 } },
    domains: [
      { id: 'wonen', name: { nl: 'Wonen' }, items: [{ id: 'wonen', scale: 'vijf' }], scoring: { rule: 'level', items: ['wonen'] } },
      { id: 'werk', name: { nl: 'Werk' }, items: [{ id: 'werk', scale: 'vijf' }], scoring: { rule: 'level', items: ['werk'] } },
    ],
  };
}

test('instruments: loading checks the file; a changed scale under the same version is refused (API)', async () => {
  const admin = await h.srv.as('admin_a');
  const own = ownInstrument();
  const r = await admin.post('/instruments', own);
  assertStatus(r, 201);
  assert.equal(r.body.id, own.id);
  assertStatus(await admin.post('/instruments', { ...own, name: { nl: 'Eigen vragenlijst (nieuwe naam)' } }), 200, 'a new name keeps the scores');
  const dup = ownInstrument();
  dup.domains[1].id = 'wonen';
  assert.deepEqual(fieldCodes(assertValidation(await admin.post('/instruments', dup), 'domains[1].id'), 'domains[1].id'),
    ['instrument_duplicate_id']);
  const missing = ownInstrument();
  missing.domains[0].scoring.items = ['huur'];
  assert.deepEqual(fieldCodes(assertValidation(await admin.post('/instruments', missing), 'domains[0].scoring.items'),
    'domains[0].scoring.items'), ['instrument_scoring_missing_item']);
  const changed = { ...own, scales: { vijf: { kind: 'range', min: 1, max: 10 } } };
  const c = assertProblem(await admin.post('/instruments', changed), 409);
  assert.equal(c.code, 'instrument_version_changed');
  assert.deepEqual(c.params, { id: own.id, version: '1' });
  // The shipped ZRM 2017 cannot be changed under its version either.
  const zrm4 = structuredClone(zrmFile);
  const scale = Object.keys(zrm4.scales)[0];
  zrm4.scales[scale].max = 4;
  zrm4.scales[scale].levels.pop();
  assert.equal(assertProblem(await admin.post('/instruments', zrm4), 409).code, 'instrument_version_changed');
  // As a new version it is fine; old measurements keep theirs.
  assertStatus(await admin.post('/instruments', { ...changed, version: '2' }), 201);
  const list = (await admin.get('/instruments')).body.items.filter((i) => i.id === own.id);
  assert.deepEqual(list.map((i) => i.version).sort(), ['1', '2']);
  assert.equal(list.find((i) => i.version === '1').scales.vijf.max, 5, 'version 1 unchanged');
  assert.equal((await admin.get('/instruments')).body.items.find((i) => i.id === 'zrm').scales[scale].max, 5);
  // Another organisation does not see it.
  assert.ok(!(await (await h.srv.as('lead_b')).get('/instruments')).body.items.some((i) => i.id === own.id));
});

test('instruments: `kansrijk instruments check|load` refuse a bad file with its code', async () => {
  const dir = fs.mkdtempSync(path.join(h.srv.dir, 'instr-'));
  const write = (name, obj) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, JSON.stringify(obj));
    return p;
  };
  const good = ownInstrument();
  const ok = await h.srv.cli(['instruments', 'check', write('good.json', good)]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /is valid \(2 domains\)/);
  const dup = ownInstrument();
  dup.domains[1].id = 'wonen';
  const d = await h.srv.cli(['instruments', 'check', write('dup.json', dup)]);
  assert.notEqual(d.code, 0);
  assert.match(d.stderr, /domains\[1\]\.id: instrument_duplicate_id/);
  const missing = ownInstrument();
  missing.domains[0].scoring.items = ['huur'];
  const m = await h.srv.cli(['instruments', 'check', write('missing.json', missing)]);
  assert.notEqual(m.code, 0);
  assert.match(m.stderr, /instrument_scoring_missing_item/);
  const broken = await h.srv.cli(['instruments', 'check', path.join(dir, 'nope.json')]);
  assert.notEqual(broken.code, 0);

  const load = (p) => h.srv.cli(['instruments', 'load', p, '--organisation', 'Org A', '--db', h.srv.dbUrl]);
  const l = await load(write('good.json', good));
  assert.equal(l.code, 0, l.stderr);
  assert.match(l.stdout, / loaded/);
  const again = await load(write('good.json', good));
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /already loaded/);
  const changed = await load(write('changed.json', { ...good, scales: { vijf: { kind: 'range', min: 0, max: 5 } } }));
  assert.notEqual(changed.code, 0);
  const zrm4 = structuredClone(zrmFile);
  const scale = Object.keys(zrm4.scales)[0];
  zrm4.scales[scale].max = 4;
  zrm4.scales[scale].levels.pop();
  const z = await load(write('zrm4.json', zrm4));
  assert.notEqual(z.code, 0, 'the shipped ZRM 2017 cannot change under its version');
  const admin = await h.srv.as('admin_a');
  const mine = (await admin.get('/instruments')).body.items.find((i) => i.id === good.id);
  assert.equal(mine.scales.vijf.min, 1, 'the refused load changed nothing');
});
