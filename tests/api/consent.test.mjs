// Consent per purpose (issue 4, ported onto the access pipeline in issue 9): record, withdraw,
// list; bad input is a 422 with a reason code per field and leaves nothing behind; the policy
// (404 outside the caller's reach, 403 for a role that may never) and the access log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, familyInput, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate,
} from './lib/harness.mjs';

const h = useServer();

/** A family of Org A with coach_a1 as its coach. */
async function family() {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/families', familyInput({ coach_id: await h.srv.userId('coach_a1') }));
  assertStatus(r, 201);
  return r.body;
}

const base = { given_by: 'Sanne de Vries', given_on: isoDate(0), method: 'verbal' };

test('consent: bad input gives a code per field and saves nothing', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  const post = (body) => coach.post(`/families/${f.id}/consents`, body);
  const cases = [
    [{ ...base, purpose: 'sharing' }, 'partner_organisation', 'consent_partner_required'],
    [{ ...base, purpose: 'coaching', partner_organisation: 'School' }, 'partner_organisation', 'consent_partner_only_for_sharing'],
    [{ ...base, purpose: 'marketing' }, 'purpose', 'choose_one_of'],
    [{ ...base, purpose: 'coaching', given_on: isoDate(1) }, 'given_on', 'date_in_future'],
    [{ ...base, purpose: 'coaching', given_on: '2026-02-30' }, 'given_on', 'bad_date'],
    [{ ...base, purpose: 'coaching', given_on: '1899-12-31' }, 'given_on', 'consent_date_too_early'],
    [{ ...base, purpose: 'coaching', method: 'telepathie' }, 'method', 'choose_one_of'],
    [{ ...base, purpose: 'coaching', given_by: '' }, 'given_by', 'consent_given_by_required'],
    [{ ...base, purpose: 'coaching', given_by: '   ' }, 'given_by', 'consent_given_by_required'],
    [{ purpose: 'coaching', given_on: isoDate(0), method: 'paper' }, 'given_by', 'consent_given_by_required'],
    [{ ...base, purpose: 'coaching', colour: 'blue' }, 'colour', 'unknown_field'],
    [{ ...base, purpose: 'coaching', given_by: 'x'.repeat(201) }, 'given_by', 'too_long'],
  ];
  for (const [body, field, code] of cases) {
    const b = assertValidation(await post(body), field, JSON.stringify(body));
    assert.deepEqual(fieldCodes(b, field), [code], `${JSON.stringify(body)}: ${JSON.stringify(b.errors)}`);
  }
  const sharing = assertValidation(await post({ ...base, purpose: 'sharing' }), 'partner_organisation');
  assert.equal(sharing.code, 'validation');
  assert.match(sharing.errors.partner_organisation[0].detail, /organisatie/);
  assertProblem(await post('{"purpose":'), 400);
  assertProblem(await post([]), [400, 422]);
  const list = await coach.get(`/families/${f.id}/consents`);
  assertStatus(list, 200);
  assert.equal(list.body.items.length, 0, 'nothing saved');
});

test('consent: record, list, withdraw (with its codes), and both lines on the timeline', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  // Sharing names a partner from the team lead's list (issue 14); by its name still works.
  assertStatus(await (await h.srv.as('lead_a')).post('/partner-organisations', { name: 'Voedselbank', kind: 'voedselbank' }), 201);
  const share = await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'sharing', partner_organisation: 'Voedselbank' });
  assertStatus(share, 201);
  assert.equal(share.body.partner_organisation, 'Voedselbank');
  assert.equal(share.body.recorded_by_name, 'Coach A1');
  assert.equal(share.headers.get('etag'), `"${share.body.version}"`);

  const c = await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'coaching', given_on: isoDate(-3), method: 'paper' });
  assertStatus(c, 201);
  const withdraw = (id, body) => coach.post(`/families/${f.id}/consents/${id}/withdraw`, body);
  let b = assertValidation(await withdraw(c.body.id, { withdrawn_on: isoDate(1) }), 'withdrawn_on');
  assert.deepEqual(fieldCodes(b, 'withdrawn_on'), ['date_in_future']);
  b = assertValidation(await withdraw(c.body.id, { withdrawn_on: isoDate(-4) }), 'withdrawn_on');
  assert.deepEqual(b.errors.withdrawn_on.map((e) => [e.code, e.params]), [['consent_withdrawal_before_given', { given_on: isoDate(-3) }]]);
  b = assertValidation(await withdraw(c.body.id, {}), 'withdrawn_on');
  assert.deepEqual(fieldCodes(b, 'withdrawn_on'), ['required']);
  b = assertValidation(await withdraw(c.body.id, { withdrawn_on: 'gisteren' }), 'withdrawn_on');
  assert.deepEqual(fieldCodes(b, 'withdrawn_on'), ['bad_date']);
  assert.equal((await coach.get(`/families/${f.id}/consents`)).body.items.find((x) => x.id === c.body.id).withdrawn_on, null,
    'a refused withdrawal changes nothing');

  const w = await withdraw(c.body.id, { withdrawn_on: isoDate(0), note: 'Wil even pauzeren.' });
  assertStatus(w, 200);
  assert.equal(w.body.withdrawn_on, isoDate(0));
  assert.equal(w.body.withdrawal_note, 'Wil even pauzeren.');
  assert.equal(w.body.version, c.body.version + 1);
  const again = assertProblem(await withdraw(c.body.id, { withdrawn_on: isoDate(0) }), 409);
  assert.equal(again.code, 'consent_already_withdrawn');
  assert.deepEqual(again.params, { withdrawn_on: isoDate(0) });
  const en = assertProblem(await coach.post(`/families/${f.id}/consents/${c.body.id}/withdraw`, { withdrawn_on: isoDate(0) },
    { 'Accept-Language': 'en' }), 409);
  assert.match(en.detail, /already withdrawn/);
  const missing = assertProblem(await withdraw('0123456789abcdef012345', { withdrawn_on: isoDate(0) }), 404);
  assert.equal(missing.code, 'consent_not_found');
  assertProblem(await withdraw('nope', { withdrawn_on: isoDate(0) }), 404);
  // A consent of another family is not found through this one.
  const other = await family();
  const theirs = await coach.post(`/families/${other.id}/consents`, { ...base, purpose: 'coaching' });
  assertStatus(theirs, 201);
  assert.equal(assertProblem(await withdraw(theirs.body.id, { withdrawn_on: isoDate(0) }), 404).code, 'consent_not_found');

  const list = await coach.get(`/families/${f.id}/consents`);
  assertStatus(list, 200);
  assert.deepEqual(list.body.items.map((x) => x.id), [share.body.id, c.body.id], 'oldest first');
  assert.equal(list.body.next_cursor, null);
  const tl = await coach.get(`/families/${f.id}/timeline`);
  assertStatus(tl, 200);
  {
    const kinds = tl.body.items.map((x) => x.kind);
    assert.equal(kinds.filter((k) => k === 'consent').length, 2);
    assert.equal(kinds.filter((k) => k === 'consent_withdrawn').length, 1);
  }
});

test('consent policy: another coach and another organisation 404, admin 403, all audited on the own family', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  const c = await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'coaching' });
  assertStatus(c, 201);
  const routes = [
    ['GET', `/families/${f.id}/consents`],
    ['POST', `/families/${f.id}/consents`, { ...base, purpose: 'coaching' }],
    ['POST', `/families/${f.id}/consents/${c.body.id}/withdraw`, { withdrawn_on: isoDate(0) }],
  ];
  for (const [method, path, body] of routes) {
    for (const who of ['coach_a2', 'lead_b', 'coach_b1']) {
      const p = assertProblem(await (await h.srv.as(who)).request(method, path, body), 404, 'not-found', `${who} ${method} ${path}`);
      assert.equal(p.code, 'family_not_found');
    }
    const p = assertProblem(await (await h.srv.as('admin_a')).request(method, path, body), 403, 'forbidden', `admin ${method} ${path}`);
    assert.equal(p.code, 'forbidden');
  }
  // The lead of the organisation may work with every family of it.
  const lead = await h.srv.as('lead_a');
  assertStatus(await lead.get(`/families/${f.id}/consents`), 200);
  // Nothing changed, and every attempt is on the family's access log.
  const g = await coach.get(`/families/${f.id}/consents`);
  assert.equal(g.body.items.length, 1);
  assert.equal(g.body.items[0].withdrawn_on, null);
  const log = await lead.get(`/families/${f.id}/access-log?limit=200`);
  assertStatus(log, 200);
  const rows = log.body.items;
  const created = rows.find((r) => r.action === 'consent.create' && r.outcome === 'success');
  assert.ok(created, 'consent.create success');
  for (const action of ['consent.list', 'consent.create', 'consent.withdraw'])
    assert.ok(rows.some((r) => r.action === action && r.outcome !== 'success'), `${action} refusals on the log`);
});
