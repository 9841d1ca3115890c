// Measurements (issue 10), the second step: a programme's measurement settings (tussenmeting
// interval, the 12-16 choice; the nazorg months are the programme's own), an organisation's
// licensed cell texts (API and CLI; every bad file refused whole), and corrections of a saved
// measurement (If-Match, the same checks as recording, the person and the list fixed).
// The cell texts here are made-up placeholders marked as test data: the real ZRM texts are
// (c) GGD Amsterdam and never part of this repository.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useServer, memberInput, rand, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate } from './lib/harness.mjs';

const h = useServer();
let ZRM = [];

before(async () => {
  await h.ready;
  const items = (await (await h.srv.as('coach_a1')).get('/instruments')).body.items;
  ZRM = items.find((i) => i.id === 'zrm' && i.version === '2017').domains.map((d) => d.id);
});

async function programme() {
  const r = await (await h.srv.as('admin_a')).post('/programmes', { name: `Meetmomenten ${rand()}` });
  assertStatus(r, 201);
  return r.body.id;
}

async function family(programmeId) {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/referrals', {
    family_name: `Familie Correctie ${rand(3)}`,
    referrer_organisation: 'Woonservice Coevorden',
    referrer_kind: 'woningcorporatie',
    reason: 'Huurachterstand van drie maanden.',
    contact: { phone: '06-12345678' },
    members: [memberInput(), memberInput({ given_name: 'Daan', birth_date: '2014-09-30', sex: 'male', household_role: 'child' })],
    ...(programmeId ? { programme_id: programmeId } : {}),
  });
  assertStatus(r, 201);
  assertStatus(await lead.post(`/families/${r.body.id}/assign`, { coach_id: await h.srv.userId('coach_a1') }), 200);
  const f = (await lead.get(`/families/${r.body.id}`)).body;
  return { id: f.id, parent: f.members.find((m) => m.given_name === 'Sanne').id, child: f.members.find((m) => m.given_name === 'Daan').id };
}

const zrm = (member_id, moment, taken_on, level) => ({
  member_id, instrument_id: 'zrm', instrument_version: '2017', moment, taken_on, filled_in_by: 'together',
  scores: Object.fromEntries(ZRM.map((d) => [d, level])), notes: { financien: 'Samen de post geopend.' },
});

/** "YYYY-MM" of `iso` plus n calendar months (the server clamps the day, so only the month is compared). */
const monthsFrom = (iso, n) => {
  const [y, m] = iso.split('-').map(Number);
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

// ---------------------------------------------------------------------------------------------
// Settings

test('settings: defaults until changed; If-Match; coded errors; team lead and admin change, a coach reads', async () => {
  const p = await programme();
  const admin = await h.srv.as('admin_a');
  const lead = await h.srv.as('lead_a');
  const coach = await h.srv.as('coach_a1');
  const url = `/programmes/${p}/measurement-settings`;
  const g = await coach.get(url);
  assertStatus(g, 200);
  assert.deepEqual(g.body, {
    programme_id: p, interim_every_months: 6, tool_12_16: null, follow_up_months: [3, 6, 12], follow_up_default: true, version: 1,
  });
  assert.equal(g.headers.get('etag'), '"1"');

  assert.equal(assertProblem(await lead.put(url, { interim_every_months: 3 }), 428).code, 'version_required');
  assert.equal(assertProblem(await lead.put(url, { interim_every_months: 3 }, { 'If-Match': '"7"' }), 412).code, 'version_stale');
  const v1 = { 'If-Match': '"1"' };
  for (const bad of [0, 25, -3]) {
    const b = assertValidation(await lead.put(url, { interim_every_months: bad }, v1), 'interim_every_months');
    assert.deepEqual(b.errors.interim_every_months.map((e) => [e.code, e.params]), [['measurement_interval_out_of_range', { min: '1', max: '24' }]]);
  }
  assert.deepEqual(fieldCodes(assertValidation(await lead.put(url, { interim_every_months: 'drie' }, v1), 'interim_every_months'),
    'interim_every_months'), ['not_integer']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.put(url, {}, v1), 'interim_every_months'), 'interim_every_months'), ['required']);
  assert.deepEqual(fieldCodes(assertValidation(await lead.put(url, { interim_every_months: 3, tool_12_16: 'tiener' }, v1), 'tool_12_16'),
    'tool_12_16'), ['choose_one_of']);
  // The nazorg months belong to the programme: not taken here (no second place to keep them).
  assert.deepEqual(fieldCodes(assertValidation(await lead.put(url, { interim_every_months: 3, follow_up_months: [1] }, v1), 'follow_up_months'),
    'follow_up_months'), ['unknown_field']);
  assert.equal((await coach.get(url)).body.version, 1, 'refused writes changed nothing');

  assertProblem(await coach.put(url, { interim_every_months: 3 }, v1), 403);
  const saved = await lead.put(url, { interim_every_months: 3, tool_12_16: 'child' }, v1);
  assertStatus(saved, 200);
  assert.equal(saved.body.interim_every_months, 3);
  assert.equal(saved.body.tool_12_16, 'child');
  assert.equal(saved.body.version, 2);
  assert.equal(saved.headers.get('etag'), '"2"');
  assertProblem(await admin.put(url, { interim_every_months: 4 }, v1), 412);
  const byAdmin = await admin.put(url, { interim_every_months: 4, tool_12_16: null }, { 'If-Match': '"2"' });
  assertStatus(byAdmin, 200);
  assert.deepEqual([byAdmin.body.interim_every_months, byAdmin.body.tool_12_16, byAdmin.body.version], [4, null, 3]);

  // The programme's own follow-up months replace the default schedule.
  const prog = (await admin.get('/programmes')).body.items.find((x) => x.id === p);
  assertStatus(await admin.patch(`/programmes/${p}`, { follow_up_months: [12, 6] }, { 'If-Match': `"${prog.version}"` }), 200);
  const after = (await coach.get(url)).body;
  assert.deepEqual([after.follow_up_months, after.follow_up_default], [[6, 12], false]);

  // Another organisation: not found, and nothing to change.
  assert.equal(assertProblem(await (await h.srv.as('lead_b')).get(url), 404).code, 'programme_not_found');
  assertProblem(await (await h.srv.as('lead_b')).put(url, { interim_every_months: 2 }, { 'If-Match': '"3"' }), 404);
  assert.equal((await coach.get(url)).body.interim_every_months, 4);
  assert.equal(assertProblem(await lead.get('/programmes/0123456789abcdef012345/measurement-settings'), 404).code, 'programme_not_found');
});

test('settings: the due list uses the interval; changing it moves the tussenmeting', async () => {
  const p = await programme();
  const f = await family(p);
  const coach = await h.srv.as('coach_a1');
  const lead = await h.srv.as('lead_a');
  assertStatus(await coach.post(`/families/${f.id}/phase`, { to: 'intake', date: isoDate(0) }), 200);
  assertStatus(await coach.post(`/families/${f.id}/measurements`, zrm(f.parent, 'nulmeting', isoDate(0), 2)), 201);
  const dueOf = async () => (await coach.get('/measurements/due?within_days=365&limit=200')).body.items.find((d) => d.member_id === f.parent);
  let due = await dueOf();
  assert.equal(due.moment, 'tussenmeting');
  assert.equal(due.due_on.slice(0, 7), monthsFrom(isoDate(0), 6), 'the default: six months');
  const url = `/programmes/${p}/measurement-settings`;
  assertStatus(await lead.put(url, { interim_every_months: 2 }, { 'If-Match': '"1"' }), 200);
  due = await dueOf();
  assert.equal(due.due_on.slice(0, 7), monthsFrom(isoDate(0), 2), 'two months after the 0-meting now');
  assertStatus(await lead.put(url, { interim_every_months: 24 }, { 'If-Match': '"2"' }), 200);
  assert.equal(await dueOf(), undefined, 'two years away: not within the year asked for');
});

// ---------------------------------------------------------------------------------------------
// Cell texts

/** Placeholder cell texts for the ZRM 2017: test data, not the licensed texts. */
function cellFile(overrides = {}) {
  const cells = {};
  for (const d of ['financien', 'huisvesting'])
    cells[d] = Object.fromEntries([1, 2, 3, 4, 5].map((l) => [String(l), { nl: `TESTTEKST ${d} niveau ${l} (geen echte ZRM-tekst)`, en: `TEST TEXT ${d} level ${l}` }]));
  return { instrument_id: 'zrm', instrument_version: '2017', note: 'Testgegevens', cells, ...overrides };
}

const zrmOf = async (who) => (await (await h.srv.as(who)).get('/instruments')).body.items.find((i) => i.id === 'zrm' && i.version === '2017');

test('cells: an admin loads them for the organisation only; a bad file is refused whole with coded field errors', async () => {
  const admin = await h.srv.as('admin_a');
  const r = await admin.post('/instrument-cells', cellFile());
  assertStatus(r, 200);
  assert.equal(r.body.domains.find((d) => d.id === 'financien').cells['3'].nl, 'TESTTEKST financien niveau 3 (geen echte ZRM-tekst)');
  const mine = await zrmOf('coach_a1');
  assert.equal(mine.domains.find((d) => d.id === 'huisvesting').cells['5'].en, 'TEST TEXT huisvesting level 5');
  assert.equal(mine.domains.find((d) => d.id === 'justitie').cells, null, 'a domain without texts has none');
  const theirs = await zrmOf('lead_b');
  assert.ok(theirs.domains.every((d) => d.cells === null), 'another organisation never sees them');

  // Unknown domain, unknown level, wrong shape, empty text: all reported, nothing written.
  const bad = cellFile();
  bad.cells.opvoeding = { 1: { nl: 'TESTTEKST' } };
  bad.cells.financien['6'] = { nl: 'TESTTEKST' };
  bad.cells.financien['1'] = { nl: 'TESTTEKST nieuw' };
  bad.cells.huisvesting['2'] = 'TESTTEKST';
  bad.cells.huisvesting['4'] = { nl: '' };
  const e = assertValidation(await admin.post('/instrument-cells', bad), 'cells.opvoeding');
  assert.deepEqual(fieldCodes(e, 'cells.opvoeding'), ['instrument_domain_unknown']);
  assert.deepEqual(fieldCodes(e, 'cells.financien.6'), ['instrument_level_unknown']);
  assert.deepEqual(fieldCodes(e, 'cells.huisvesting.2'), ['instrument_bad_type']);
  assert.deepEqual(fieldCodes(e, 'cells.huisvesting.4'), ['required']);
  assert.equal((await zrmOf('coach_a1')).domains.find((d) => d.id === 'financien').cells['1'].nl,
    'TESTTEKST financien niveau 1 (geen echte ZRM-tekst)', 'the refused file wrote nothing');
  assert.deepEqual(fieldCodes(assertValidation(await admin.post('/instrument-cells', cellFile({ instrument_version: '1999' })), 'instrument_id'),
    'instrument_id'), ['instrument_unknown']);
  assert.deepEqual(fieldCodes(assertValidation(await admin.post('/instrument-cells', { instrument_id: 'zrm', cells: {} }), 'instrument_version'),
    'instrument_version'), ['required']);
  // Only the admin.
  assertProblem(await (await h.srv.as('lead_a')).post('/instrument-cells', cellFile()), 403);
  assertProblem(await (await h.srv.as('coach_a1')).post('/instrument-cells', cellFile()), 403);
  // A new file replaces the old one; an empty one removes them.
  assertStatus(await admin.post('/instrument-cells', cellFile({ cells: { justitie: { 2: { nl: 'TESTTEKST justitie 2' } } } })), 200);
  const replaced = await zrmOf('coach_a1');
  assert.equal(replaced.domains.find((d) => d.id === 'financien').cells, null);
  assert.deepEqual(replaced.domains.find((d) => d.id === 'justitie').cells, { 2: { nl: 'TESTTEKST justitie 2' } });
  assertStatus(await admin.post('/instrument-cells', cellFile({ cells: {} })), 200);
  assert.ok((await zrmOf('coach_a1')).domains.every((d) => d.cells === null));
});

test('cells: `kansrijk instruments load-cells FILE --organisation` loads them, refuses a bad file with its codes', async () => {
  const dir = fs.mkdtempSync(path.join(h.srv.dir, 'cells-'));
  const write = (name, obj) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, JSON.stringify(obj));
    return p;
  };
  const load = (p, org = 'Org B') => h.srv.cli(['instruments', 'load-cells', p, '--organisation', org, '--db', h.srv.dbUrl]);
  const ok = await load(write('good.json', cellFile()));
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /zrm 2017: 10 cell texts loaded for Org B/);
  assert.equal((await zrmOf('lead_b')).domains.find((d) => d.id === 'financien').cells['2'].nl, 'TESTTEKST financien niveau 2 (geen echte ZRM-tekst)');
  const bad = cellFile();
  bad.cells.financien['9'] = { nl: 'TESTTEKST' };
  bad.cells.gezin = { 1: { nl: 'TESTTEKST' } };
  const b = await load(write('bad.json', bad));
  assert.notEqual(b.code, 0);
  assert.match(b.stderr, /cells\.financien\.9: instrument_level_unknown/);
  assert.match(b.stderr, /cells\.gezin: instrument_domain_unknown/);
  const missing = await load(path.join(dir, 'nope.json'));
  assert.notEqual(missing.code, 0);
  const unknownOrg = await load(write('good2.json', cellFile()), 'Org Z');
  assert.notEqual(unknownOrg.code, 0);
  assert.equal((await zrmOf('lead_b')).domains.find((d) => d.id === 'gezin'), undefined);
});

// ---------------------------------------------------------------------------------------------
// Corrections

test('corrections: If-Match, the same checks as recording, the person and the list fixed, scored again', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  const c = await coach.post(`/families/${f.id}/measurements`, zrm(f.parent, 'nulmeting', isoDate(-10), 2));
  assertStatus(c, 201);
  const id = c.body.id;
  const url = `/families/${f.id}/measurements/${id}`;
  const v1 = { 'If-Match': '"1"' };
  const stored = async () => (await coach.listAll(`/families/${f.id}/measurements`)).find((m) => m.id === id);

  assert.equal(assertProblem(await coach.patch(url, { moment: 'tussenmeting' }), 428).code, 'version_required');
  assert.equal(assertProblem(await coach.patch(url, { moment: 'tussenmeting' }, { 'If-Match': '"5"' }), 412).code, 'version_stale');
  // Bad input: each coded, nothing written.
  const e = assertValidation(await coach.patch(url, { scores: { financien: 6, huisvesting: 3 }, taken_on: isoDate(3), moment: 'later' }, v1),
    'scores.financien');
  assert.deepEqual(fieldCodes(e, 'scores.financien'), ['measurement_value_out_of_scale']);
  assert.deepEqual(fieldCodes(e, 'taken_on'), ['date_in_future']);
  assert.deepEqual(fieldCodes(e, 'moment'), ['choose_one_of']);
  assert.deepEqual(fieldCodes(assertValidation(await coach.patch(url, { scores: { lichaamsfuncties: 7 } }, v1), 'scores.lichaamsfuncties'),
    'scores.lichaamsfuncties'), ['measurement_item_unknown'], 'a domain of another instrument');
  assert.deepEqual(fieldCodes(assertValidation(await coach.patch(url, { taken_on: '1980-01-01' }, v1), 'taken_on'), 'taken_on'),
    ['measurement_before_birth']);
  for (const fixed of [{ member_id: f.child }, { instrument_id: 'positieve_gezondheid' }, { instrument_version: '2' }]) {
    const k = Object.keys(fixed)[0];
    assert.deepEqual(fieldCodes(assertValidation(await coach.patch(url, fixed, v1), k), k), ['unknown_field'], k);
  }
  assert.deepEqual(fieldCodes(assertValidation(await coach.patch(url, { scores: null }, v1), 'scores'), 'scores'), ['not_empty']);
  let m = await stored();
  assert.equal(m.version, 1, 'nothing written');
  assert.equal(m.scores.financien, 2);

  const scores = Object.fromEntries(ZRM.map((d) => [d, 3]));
  const u = await coach.patch(url, { scores, taken_on: isoDate(-9), notes: { huisvesting: 'Verhuisd naar een kleinere woning.' } }, v1);
  assertStatus(u, 200);
  assert.equal(u.body.version, 2);
  assert.equal(u.headers.get('etag'), '"2"');
  assert.equal(u.body.domain_scores.financien, 3, 'scored again');
  assert.equal(u.body.taken_on, isoDate(-9));
  assert.deepEqual(u.body.notes, { huisvesting: 'Verhuisd naar een kleinere woning.' }, 'notes replaced as a whole');
  assert.deepEqual([u.body.member_id, u.body.instrument_id, u.body.instrument_version, u.body.moment], [f.parent, 'zrm', '2017', 'nulmeting']);
  m = await stored();
  assert.equal(m.version, 2);
  assert.equal(m.domain_scores.huisvesting, 3);
  const summary = (await coach.get(`/families/${f.id}/measurements/summary`)).body;
  assert.equal(summary.members.find((x) => x.member_id === f.parent).measurements[0].domain_scores.financien, 3, 'the charts show the correction');
  assertProblem(await coach.patch(url, { filled_in_by: 'coach' }, v1), 412);
  assertStatus(await coach.patch(url, { moment: 'tussenmeting', filled_in_by: 'coach' }, { 'If-Match': '"2"' }), 200);

  // Within the family only: an id of another family's measurement is not found here.
  const other = await family();
  assert.equal(assertProblem(await coach.patch(`/families/${other.id}/measurements/${id}`, { moment: 'eindmeting' }, { 'If-Match': '"3"' }), 404).code,
    'measurement_not_found');
  for (const who of ['coach_a2', 'lead_b']) assert.equal(assertProblem(await (await h.srv.as(who)).patch(url, { moment: 'eindmeting' }, { 'If-Match': '"3"' }), 404).code, 'family_not_found');
  assertProblem(await (await h.srv.as('admin_a')).patch(url, { moment: 'eindmeting' }, { 'If-Match': '"3"' }), 403);
  assert.equal((await stored()).moment, 'tussenmeting');

  const log = (await (await h.srv.as('lead_a')).get(`/families/${f.id}/access-log?limit=200`)).body.items;
  assert.ok(log.some((r) => r.action === 'measurement.update' && r.outcome === 'success'));
  assert.ok(log.some((r) => r.action === 'measurement.update' && r.outcome !== 'success'));
});

test('settings: nazorg measurements follow the same months as aftercare (the default schedule when the programme names none)', async () => {
  const p = await programme();
  const f = await family(p);
  const coach = await h.srv.as('coach_a1');
  assertStatus(await coach.post(`/families/${f.id}/phase`, { to: 'intake', date: isoDate(-400) }), 200);
  assertStatus(await coach.post(`/families/${f.id}/phase`, { to: 'afsluiting', closing_reason: 'niet_bereikbaar', date: isoDate(-200) }), 200);
  assertStatus(await coach.post(`/families/${f.id}/measurements`, zrm(f.parent, 'eindmeting', isoDate(-200), 3)), 201);
  const dueOf = async () => (await coach.get('/measurements/due?within_days=365&limit=200')).body.items.find((d) => d.member_id === f.parent);
  let due = await dueOf();
  assert.equal(due?.moment, 'nazorg', 'the programme names no months: the default schedule (3, 6, 12) applies');
  assert.equal(due.due_on.slice(0, 7), monthsFrom(isoDate(-200), 3));
  assert.equal(due.overdue, true);
  const admin = await h.srv.as('admin_a');
  const prog = (await admin.get('/programmes')).body.items.find((x) => x.id === p);
  assertStatus(await admin.patch(`/programmes/${p}`, { follow_up_months: [9] }, { 'If-Match': `"${prog.version}"` }), 200);
  due = await dueOf();
  assert.equal(due?.moment, 'nazorg');
  assert.equal(due.due_on.slice(0, 7), monthsFrom(isoDate(-200), 9), "the programme's own months");
  assert.equal(due.overdue, false);
});
