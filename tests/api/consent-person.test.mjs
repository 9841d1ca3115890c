// Issue 14, consent per person: who gave it is a household member (a parent for a child under
// 16, a young person of 16 or older for themselves); sharing names a partner organisation from
// the team lead's list; a withdrawn coaching consent in actief holds case writes and shows as an
// open task. Bad input is a 4xx with a code and writes nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  useServer, memberInput, assertProblem, assertStatus, assertValidation, fieldCodes, isoDate, rand,
} from './lib/harness.mjs';

const h = useServer();

function bornYearsAgo(years, days = 30) {
  const d = new Date(Date.now() - days * 86400_000);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

/** A family of a parent, a child of 10 and a young person of 17. */
async function family() {
  const lead = await h.srv.as('lead_a');
  const r = await lead.post('/families', {
    name: `Familie Toestemming ${rand(3)}`,
    coach_id: await h.srv.userId('coach_a1'),
    members: [
      memberInput({ given_name: 'Sanne', birth_date: '1986-04-12', household_role: 'parent' }),
      memberInput({ given_name: 'Daan', birth_date: bornYearsAgo(10), sex: 'male', household_role: 'child' }),
      memberInput({ given_name: 'Mila', birth_date: bornYearsAgo(17), household_role: 'child' }),
    ],
  });
  assertStatus(r, 201);
  const by = Object.fromEntries(r.body.members.map((m) => [m.given_name, m.id]));
  return { ...r.body, by };
}

const base = { given_on: isoDate(0), method: 'paper' };

test('partner organisations: the team lead keeps the list, coaches read it, other organisations do not see it', async () => {
  const lead = await h.srv.as('lead_a');
  const coach = await h.srv.as('coach_a1');
  const r = await lead.post('/partner-organisations', { name: `Voedselbank ${rand(2)}`, kind: 'voedselbank', contact: 'info@example.org' });
  assertStatus(r, 201);
  assert.equal(r.body.active, true);
  assert.ok((await coach.get('/partner-organisations')).body.items.some((p) => p.id === r.body.id));
  assert.ok(!(await (await h.srv.as('lead_b')).get('/partner-organisations')).body.items.some((p) => p.id === r.body.id));
  assertProblem(await coach.post('/partner-organisations', { name: 'X', kind: 'school' }), 403);
  const bad = assertValidation(await lead.post('/partner-organisations', { name: ' ', kind: 'bakker' }), 'kind');
  assert.deepEqual(fieldCodes(bad, 'kind'), ['choose_one_of']);
  assert.deepEqual(fieldCodes(bad, 'name'), ['required']); // blank is missing to the reader
  const off = await lead.patch(`/partner-organisations/${r.body.id}`, { active: false }, { 'If-Match': `"${r.body.version}"` });
  assertStatus(off, 200);
  assert.equal(off.body.active, false);
  assertProblem(await lead.patch(`/partner-organisations/${r.body.id}`, { active: true }, { 'If-Match': `"${r.body.version}"` }), 412);
  assertProblem(await (await h.srv.as('lead_b')).patch(`/partner-organisations/${r.body.id}`, { active: true }, { 'If-Match': `"${off.body.version}"` }), 404);
});

test('consent per person: who may consent, sharing with a listed partner, and bad input writes nothing', async () => {
  const f = await family();
  const other = await family();
  const coach = await h.srv.as('coach_a1');
  const post = (body) => coach.post(`/families/${f.id}/consents`, { ...base, ...body });
  const count = async () => (await coach.get(`/families/${f.id}/consents`)).body.items.length;

  const bad = [
    [{ purpose: 'research', given_by_member_id: other.by.Sanne }, 'given_by_member_id', 'consent_giver_not_in_household'],
    [{ purpose: 'research', subject_member_id: f.by.Daan, given_by_member_id: f.by.Daan }, 'given_by_member_id', 'consent_child_under_16_self'],
    [{ purpose: 'research', subject_member_id: f.by.Daan, given_by_member_id: f.by.Mila }, 'given_by_member_id', 'consent_giver_not_parent'],
    [{ purpose: 'research', subject_member_id: f.by.Mila, given_by_member_id: f.by.Sanne }, 'given_by_member_id', 'consent_subject_gives_own'],
    [{ purpose: 'research', subject_member_id: other.by.Daan, given_by_member_id: f.by.Sanne }, 'subject_member_id', 'consent_subject_not_in_household'],
    [{ purpose: 'coaching', given_by: 'Iemand Anders' }, 'given_by', 'consent_giver_not_in_household'],
    [{ purpose: 'coaching', given_by_member_id: f.by.Daan }, 'given_by_member_id', 'consent_family_giver_adult'],
  ];
  for (const [body, field, code] of bad) {
    const b = assertValidation(await post(body), field, JSON.stringify(body));
    assert.deepEqual(fieldCodes(b, field), [code], `${JSON.stringify(body)}: ${JSON.stringify(b.errors)}`);
  }
  // Sharing with another organisation's partner, or one not on the list: a code, not a guess.
  const theirs = await (await h.srv.as('lead_b')).post('/partner-organisations', { name: `Kledingbank B ${rand(2)}`, kind: 'kledingbank' });
  assertStatus(theirs, 201);
  const foreign = assertValidation(await post({ purpose: 'sharing', partner_organisation_id: theirs.body.id, given_by_member_id: f.by.Sanne }),
    'partner_organisation_id');
  assert.deepEqual(fieldCodes(foreign, 'partner_organisation_id'), ['consent_partner_unknown']);
  const typo = assertValidation(await post({ purpose: 'sharing', partner_organisation: 'Voedselbnak', given_by_member_id: f.by.Sanne }),
    'partner_organisation');
  assert.deepEqual(fieldCodes(typo, 'partner_organisation'), ['consent_partner_unknown']);
  assert.equal(await count(), 0, 'nothing written');

  // The good cases: a parent for the child under 16, the young person of 17 for herself, the
  // parent for the family (by id or by her name), sharing with a listed partner.
  const daan = await post({ purpose: 'research', subject_member_id: f.by.Daan, given_by_member_id: f.by.Sanne });
  assertStatus(daan, 201);
  assert.equal(daan.body.given_by, 'Sanne de Vries');
  assert.equal(daan.body.subject_member_id, f.by.Daan);
  assertStatus(await post({ purpose: 'research', subject_member_id: f.by.Mila, given_by_member_id: f.by.Mila }), 201);
  assertStatus(await post({ purpose: 'coaching', given_by: 'sanne de vries' }), 201);
  const partner = await (await h.srv.as('lead_a')).post('/partner-organisations', { name: `Bibliotheek ${rand(2)}`, kind: 'bibliotheek' });
  const share = await post({ purpose: 'sharing', partner_organisation_id: partner.body.id, given_by_member_id: f.by.Sanne });
  assertStatus(share, 201);
  assert.equal(share.body.partner_organisation, partner.body.name);
  assert.equal(share.body.partner_organisation_id, partner.body.id);
  assert.equal(await count(), 4);
});

const phase = (c, id, body) => c.post(`/families/${id}/phase`, { date: isoDate(0), ...body });

test('consent hold: withdrawing coaching consent in actief holds case writes and is a task for coach and team lead', async () => {
  const f = await family();
  const coach = await h.srv.as('coach_a1');
  const lead = await h.srv.as('lead_a');
  const given = await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'coaching', given_by_member_id: f.by.Sanne });
  assertStatus(given, 201);
  assertStatus(await coach.post(`/families/${f.id}/eligibility`, {
    household_type: 'alleenstaande_ouder', incomes: [{ source: 'uitkering', amount_cents: 120000 }],
  }), 201);
  for (const to of ['intake', 'actief']) assertStatus(await phase(coach, f.id, { to }), 200, to);
  assertStatus(await coach.post(`/families/${f.id}/consents/${given.body.id}/withdraw`, { withdrawn_on: isoDate(0) }), 200);

  // Case writes are held: a 409 with a code, and nothing changes.
  const fam = (await coach.get(`/families/${f.id}`)).body;
  const held = assertProblem(await coach.patch(`/families/${f.id}`, { name: 'Nieuwe naam' }, { 'If-Match': `"${fam.version}"` }), 409);
  assert.equal(held.code, 'case_on_hold_no_consent');
  assert.equal(held.params.since, isoDate(0));
  const member = assertProblem(await coach.post(`/families/${f.id}/members`, memberInput({ given_name: 'Nieuw' })), 409);
  assert.equal(member.code, 'case_on_hold_no_consent');
  assert.equal((await coach.get(`/families/${f.id}`)).body.name, fam.name);
  // The task is on the coach's and the team lead's lists, not on another coach's.
  for (const who of [coach, lead]) assert.ok((await who.get('/tasks/consent')).body.items.some((t) => t.family_id === f.id));
  assert.ok(!(await (await h.srv.as('coach_a2')).get('/tasks/consent')).body.items.some((t) => t.family_id === f.id));
  assertProblem(await (await h.srv.as('admin_a')).get('/tasks/consent'), 403);

  // Consent given again lifts the hold and the task.
  assertStatus(await coach.post(`/families/${f.id}/consents`, { ...base, purpose: 'coaching', given_by_member_id: f.by.Sanne }), 201);
  assertStatus(await coach.patch(`/families/${f.id}`, { name: fam.name + ' B' }, { 'If-Match': `"${fam.version}"` }), 200);
  assert.ok(!(await coach.get('/tasks/consent')).body.items.some((t) => t.family_id === f.id));
});
