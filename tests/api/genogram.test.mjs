// Genogram API (issue 5): persons, relations (partner, parent_child, emotional, twins) and
// events with If-Match, quick-action links, from-household, bad input that must leave the
// genogram untouched, the SVG drawing and the pattern finder, authorisation and audit, and the
// organisation's theme list. Import/export of GEDCOM is in genogram-import.test.mjs.
import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { useServer, memberInput, assertProblem, assertStatus, assertValidation, rand } from './lib/harness.mjs';
import {
  G, im, newFamily, addPerson, addRelation, addEvent, genogram, state, unchanged, assertRefused, auditRows, checkXml,
} from './lib/genogram.mjs';

const h = useServer();
const coach = () => h.srv.as('coach_a1');
const pathOf = (loc) => new URL(loc, h.srv.url).pathname;
const etag = (r) => r.headers.get('etag');
const PERSON_KEYS = [
  'id', 'given_names', 'surname', 'role_label', 'sex', 'birth', 'birth_text', 'death', 'death_text', 'deceased',
  'index_person', 'in_household', 'details', 'member_id', 'themes', 'display_name', 'generation', 'version',
];
function assertPerson(p) {
  for (const k of PERSON_KEYS) assert.ok(k in p, `person lacks ${k}: ${JSON.stringify(p)}`);
  assert.ok(['male', 'female', 'other', 'unknown'].includes(p.sex), `sex ${p.sex}`);
  assert.ok(['minimal', 'full'].includes(p.details), `details ${p.details}`);
  assert.ok(Array.isArray(p.themes));
  assert.equal(typeof p.version, 'number');
  assert.equal(typeof p.generation, 'number');
}
const sameSet = (a, b, msg) => assert.deepEqual([...a].sort(), [...b].sort(), msg);

// ---------------------------------------------------------------------------------
// Persons

describe('persons', () => {
  test('POST: 201 with a Location that can be followed; defaults; ISO dates stored in GEDCOM form', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: p, relations, res } = await addPerson(c, f.id, {
      given_names: 'Jan', surname: 'de Vries', sex: 'male', birth: '1972-03-12', in_household: true, index_person: true,
      themes: ['schulden'], note: 'Werkt in de bouw.',
    });
    assertPerson(p);
    assert.deepEqual(relations, [], 'no link → no relations');
    const loc = res.headers.get('location');
    assert.ok(loc, 'Location header');
    assert.match(loc, new RegExp(`/api/v1/families/${f.id}/genogram/persons/${p.id}$`));
    assert.equal(p.given_names, 'Jan');
    assert.equal(p.surname, 'de Vries');
    assert.equal(p.sex, 'male');
    assert.equal(p.birth, '12 MAR 1972', 'ISO input is stored in GEDCOM form');
    assert.equal(typeof p.birth_text, 'string');
    assert.ok(p.birth_text.includes('1972') && p.birth_text !== p.birth, `Dutch birth_text: ${p.birth_text}`);
    assert.equal(p.death, '');
    assert.equal(p.death_text, '');
    assert.equal(p.deceased, false);
    assert.equal(p.index_person, true);
    assert.equal(p.in_household, true);
    assert.equal(p.details, 'full', 'in_household → details full by default');
    assert.equal(p.member_id, null);
    assert.deepEqual(p.themes, ['schulden']);
    assert.equal(p.note, 'Werkt in de bouw.');
    assert.equal(p.display_name, 'Jan de Vries');
    assert.equal(p.generation, 1);

    const g = await c.get(pathOf(loc));
    assertStatus(g, 200, 'following the Location');
    assert.deepEqual(g.body, p);
    assert.equal(etag(g), `"${p.version}"`);

    // A relative known only by a role: sex unknown, outside the household, details minimal.
    const { person: oma } = await addPerson(c, f.id, { role_label: 'oma moederskant', birth: '1950' });
    assertPerson(oma);
    assert.equal(oma.sex, 'unknown');
    assert.equal(oma.in_household, false);
    assert.equal(oma.details, 'minimal');
    assert.equal(oma.birth, '1950');
    assert.equal(oma.display_name, 'oma moederskant');
    const { person: abt } = await addPerson(c, f.id, { given_names: 'Opa', birth: 'abt 1948', sex: 'male' });
    assert.equal(abt.birth, 'ABT 1948', 'GEDCOM dates are normalised');
    assert.match(abt.birth_text, /1948/);

    const gen = await genogram(c, f.id);
    assert.equal(gen.family_id, f.id);
    assert.deepEqual(gen.persons.map((x) => x.id), [p.id, oma.id, abt.id], 'persons in creation order');
    assert.equal(gen.max_persons, 5000);
    assert.equal(gen.notes_visible, true);
    assert.ok(gen.themes.some((t) => t.id === 'schulden' && typeof t.label === 'string' && t.strength === false), `themes: ${JSON.stringify(gen.themes)}`);
    assert.deepEqual(gen.relations, []);
    assert.deepEqual(gen.events, []);
  });

  test('POST without given_names and role_label → 422, nothing stored', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    for (const body of [{}, { sex: 'female' }, { given_names: '', role_label: '' }, { given_names: '   ' }]) {
      const r = await unchanged(c, f.id, () => c.post(`${G(f.id)}/persons`, body), JSON.stringify(body));
      assertRefused(r, null, JSON.stringify(body));
    }
  });

  test('PATCH needs If-Match: 428 without, 412 when stale, 200 with the version (which then goes up)', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: p } = await addPerson(c, f.id, { given_names: 'Hendrik', surname: 'Bakker', birth: '1948', in_household: true });
    const url = `${G(f.id)}/persons/${p.id}`;
    assertProblem(await unchanged(c, f.id, () => c.patch(url, { given_names: 'Zonder' })), 428, 'precondition-required');
    assertProblem(await unchanged(c, f.id, () => c.patch(url, { given_names: 'Oud' }, im(p.version + 5))), 412, 'precondition-failed');
    const r = await c.patch(url, { given_names: 'Henk', death: '2020-06-01', deceased: true }, im(p.version));
    assertStatus(r, 200);
    assert.equal(r.body.given_names, 'Henk');
    assert.equal(r.body.death, '1 JUN 2020');
    assert.match(r.body.death_text, /2020/);
    assert.equal(r.body.deceased, true);
    assert.equal(r.body.surname, 'Bakker', 'fields not sent stay as they were');
    assert.equal(r.body.version, p.version + 1);
    if (etag(r)) assert.equal(etag(r), `"${p.version + 1}"`);
    assertProblem(await unchanged(c, f.id, () => c.patch(url, { given_names: 'Weer oud' }, im(p.version))), 412, 'precondition-failed');
    const g = await c.get(url);
    assert.equal(g.body.given_names, 'Henk');
    assert.equal(g.body.display_name, 'Henk Bakker');
    assert.equal(etag(g), `"${p.version + 1}"`);
  });

  test('DELETE removes the person with their relations and events; 428 without If-Match, 412 stale', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: p } = await addPerson(c, f.id, { given_names: 'Piet', sex: 'male', birth: '1970' });
    const { person: q } = await addPerson(c, f.id, { given_names: 'Marie', sex: 'female', birth: '1972', link: { type: 'partner', person_id: p.id } });
    const { person: kid, relations: kidRels } = await addPerson(c, f.id, { given_names: 'Kim', birth: '2000', link: { type: 'child', person_id: p.id, other_parent_id: q.id } });
    assert.equal(kidRels.length, 2);
    const { person: other } = await addPerson(c, f.id, { given_names: 'Buurman' });
    await addRelation(c, f.id, { type: 'emotional', a: other.id, b: p.id, kind: 'conflict' });
    const keepRel = await addRelation(c, f.id, { type: 'emotional', a: other.id, b: q.id, kind: 'close' });
    await addEvent(c, f.id, { person_id: p.id, kind: 'move', date: '1995', place: 'Emmen', place_from: 'Assen' });
    const withP = await addEvent(c, f.id, { person_id: q.id, kind: 'broken_contact', date: '2001', other_person_id: p.id });
    const keepEv = await addEvent(c, f.id, { person_id: q.id, kind: 'new_job', date: '2003' });

    const url = `${G(f.id)}/persons/${p.id}`;
    assertProblem(await unchanged(c, f.id, () => c.delete(url)), 428, 'precondition-required');
    assertProblem(await unchanged(c, f.id, () => c.delete(url, undefined, im(p.version + 1))), 412, 'precondition-failed');
    const d = await c.delete(url, undefined, im(p.version));
    assertStatus(d, 204);
    assertProblem(await c.get(url), 404, 'not-found');

    const g = await genogram(c, f.id);
    assert.deepEqual(g.persons.map((x) => x.id), [q.id, kid.id, other.id]);
    for (const r of g.relations) assert.ok(r.a !== p.id && r.b !== p.id, `relation still refers to the deleted person: ${JSON.stringify(r)}`);
    for (const e of g.events) {
      assert.notEqual(e.person_id, p.id, 'event of the deleted person remains');
      assert.notEqual(e.other_person_id, p.id, `event still names the deleted person: ${JSON.stringify(e)}`);
    }
    // What does not involve the deleted person is kept.
    assert.ok(g.relations.some((r) => r.type === 'parent_child' && r.a === q.id && r.b === kid.id), 'Marie is still the parent of Kim');
    assert.ok(g.relations.some((r) => r.id === keepRel.id), 'unrelated emotional relation kept');
    assert.equal(g.relations.length, 2, `relations left: ${JSON.stringify(g.relations)}`);
    assert.ok(g.events.some((e) => e.id === keepEv.id), 'unrelated event kept');
    assert.ok(withP.id, 'event with the deleted person as other_person was created');
  });
});

// ---------------------------------------------------------------------------------
// Relations

describe('relations', () => {
  test('all four types: 201 + Location, GET with ETag, PATCH with If-Match, DELETE', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const add = async (b) => (await addPerson(c, f.id, b)).person;
    const a = await add({ given_names: 'Hendrik', sex: 'male', birth: '1950', details: 'full' });
    const b = await add({ given_names: 'Maria', sex: 'female', birth: '1952', details: 'full' });
    const t1 = await add({ given_names: 'Anna', sex: 'female', birth: '2 FEB 1975', details: 'full' });
    const t2 = await add({ given_names: 'Els', sex: 'female', birth: '1975-02-02', details: 'full' });
    const e = await add({ given_names: 'Kees', sex: 'male' });

    const inputs = {
      partner: { type: 'partner', a: a.id, b: b.id, kind: 'married', state: 'divorced', start: '1972', end: '1990-05-01', note: 'Scheiding was zwaar.' },
      parent_child: { type: 'parent_child', a: a.id, b: t1.id, kind: 'adoptive' },
      emotional: { type: 'emotional', a: a.id, b: e.id, kind: 'abuse', note: 'Volgens Maria.' },
      twins: { type: 'twins', a: t1.id, b: t2.id, kind: 'identical' },
    };
    const patches = { partner: { kind: 'cohabiting', state: 'separated' }, parent_child: { kind: 'foster' }, emotional: { kind: 'hostile' }, twins: { kind: 'fraternal' } };
    const created = {};
    for (const [type, input] of Object.entries(inputs)) {
      const r = await c.post(`${G(f.id)}/relations`, input);
      assertStatus(r, 201, type);
      const rel = r.body;
      created[type] = rel;
      for (const k of ['id', 'type', 'a', 'b', 'kind', 'version']) assert.ok(k in rel, `${type} lacks ${k}: ${r.text}`);
      assert.equal(rel.type, type);
      assert.equal(rel.a, input.a);
      assert.equal(rel.b, input.b);
      assert.equal(rel.kind, input.kind);
      if (type === 'partner') {
        assert.equal(rel.state, 'divorced');
        assert.equal(rel.start, '1972');
        assert.equal(rel.end, '1 MAY 1990');
        assert.match(rel.start_text, /1972/);
        assert.match(rel.end_text, /1990/);
        assert.equal(rel.note, 'Scheiding was zwaar.');
      } else {
        for (const k of ['state', 'start', 'end']) assert.ok(!(k in rel), `${type} must not carry ${k}: ${r.text}`);
      }
      if (type === 'emotional') assert.equal(rel.note, 'Volgens Maria.');
      const loc = r.headers.get('location');
      assert.match(loc || '', new RegExp(`/api/v1/families/${f.id}/genogram/relations/${rel.id}$`), `${type} Location`);
      const g = await c.get(pathOf(loc));
      assertStatus(g, 200, `${type} follow Location`);
      assert.deepEqual(g.body, rel);
      assert.equal(etag(g), `"${rel.version}"`);
    }
    const gen = await genogram(c, f.id);
    sameSet(gen.relations.map((r) => r.id), Object.values(created).map((r) => r.id), 'all four relations in GET /genogram');

    for (const [type, rel] of Object.entries(created)) {
      const url = `${G(f.id)}/relations/${rel.id}`;
      assertProblem(await unchanged(c, f.id, () => c.patch(url, patches[type])), 428, 'precondition-required', type);
      assertProblem(await unchanged(c, f.id, () => c.patch(url, patches[type], im(rel.version + 3))), 412, 'precondition-failed', type);
      // The ends and the type of a relation are fixed: only kind/state/start/end/note change.
      assertValidation(await unchanged(c, f.id, () => c.patch(url, { a: e.id }, im(rel.version))), 'a', `${type} PATCH a`);
      assertValidation(await unchanged(c, f.id, () => c.patch(url, { type: 'partner' }, im(rel.version))), 'type', `${type} PATCH type`);
      const p = await c.patch(url, patches[type], im(rel.version));
      assertStatus(p, 200, `${type} PATCH`);
      for (const [k, v] of Object.entries(patches[type])) assert.equal(p.body[k], v, `${type}.${k}`);
      assert.equal(p.body.version, rel.version + 1);
      assert.equal((await c.get(url)).body.kind, patches[type].kind);
    }

    for (const [type, rel] of Object.entries(created)) {
      const url = `${G(f.id)}/relations/${rel.id}`;
      assertProblem(await unchanged(c, f.id, () => c.delete(url)), 428, 'precondition-required', type);
      assertProblem(await unchanged(c, f.id, () => c.delete(url, undefined, im(rel.version))), 412, 'precondition-failed', `${type} stale`);
      assertStatus(await c.delete(url, undefined, im(rel.version + 1)), 204, `${type} DELETE`);
      assertProblem(await c.get(url), 404, 'not-found', `${type} after DELETE`);
    }
    const after = await genogram(c, f.id);
    assert.deepEqual(after.relations, []);
    assert.equal(after.persons.length, 5, 'deleting relations keeps the persons');
  });
});

// ---------------------------------------------------------------------------------
// Events

describe('events', () => {
  test('201 + Location, GET, PATCH with If-Match (428/412), DELETE', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: p } = await addPerson(c, f.id, { given_names: 'Hendrik', birth: '1950', in_household: true });
    const { person: q } = await addPerson(c, f.id, { given_names: 'Broer' });
    const r = await c.post(`${G(f.id)}/events`, { person_id: p.id, kind: 'move', date: '1985', description: 'Verhuisd voor werk', place: 'Emmen', place_from: 'Assen' });
    assertStatus(r, 201);
    const ev = r.body;
    for (const k of ['id', 'person_id', 'kind', 'label', 'date', 'date_text', 'year', 'description', 'place', 'place_from', 'other_person_id', 'version']) {
      assert.ok(k in ev, `event lacks ${k}: ${r.text}`);
    }
    assert.equal(ev.person_id, p.id);
    assert.equal(ev.kind, 'move');
    assert.equal(typeof ev.label, 'string');
    assert.ok(ev.label.length > 0 && ev.label !== 'move', `Dutch label: ${ev.label}`);
    assert.equal(ev.date, '1985');
    assert.match(ev.date_text, /1985/);
    assert.equal(ev.year, 1985);
    assert.equal(ev.place, 'Emmen');
    assert.equal(ev.place_from, 'Assen');
    assert.equal(ev.other_person_id, null);
    const loc = r.headers.get('location');
    assert.match(loc || '', new RegExp(`/api/v1/families/${f.id}/genogram/events/${ev.id}$`));
    const g = await c.get(pathOf(loc));
    assertStatus(g, 200);
    assert.deepEqual(g.body, ev);
    assert.equal(etag(g), `"${ev.version}"`);

    const bc = await addEvent(c, f.id, { person_id: p.id, kind: 'broken_contact', date: 'ABT 1999', other_person_id: q.id });
    assert.equal(bc.other_person_id, q.id);
    assert.equal(bc.year, 1999);
    const undated = await addEvent(c, f.id, { person_id: p.id, kind: 'illness', description: 'Lang ziek geweest' });
    assert.equal(undated.date, '');
    assert.equal(undated.year, null);

    const url = `${G(f.id)}/events/${ev.id}`;
    assertProblem(await unchanged(c, f.id, () => c.patch(url, { description: 'x' })), 428, 'precondition-required');
    assertProblem(await unchanged(c, f.id, () => c.patch(url, { description: 'x' }, im(ev.version + 1))), 412, 'precondition-failed');
    const pr = await c.patch(url, { description: 'Verhuisd naar de stad', date: 'MAR 1986' }, im(ev.version));
    assertStatus(pr, 200);
    assert.equal(pr.body.description, 'Verhuisd naar de stad');
    assert.equal(pr.body.date, 'MAR 1986');
    assert.equal(pr.body.year, 1986);
    assert.equal(pr.body.place, 'Emmen', 'fields not sent stay');
    assert.equal(pr.body.version, ev.version + 1);

    assertProblem(await unchanged(c, f.id, () => c.delete(url)), 428, 'precondition-required');
    assertStatus(await c.delete(url, undefined, im(ev.version + 1)), 204);
    assertProblem(await c.get(url), 404, 'not-found');
    const gen = await genogram(c, f.id);
    sameSet(gen.events.map((e) => e.id), [bc.id, undated.id]);
  });
});

// ---------------------------------------------------------------------------------
// Quick actions and from-household

describe('quick-action links', () => {
  test('parent, partner, child with other_parent_id, sibling with the same parents and kinds', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: kim } = await addPerson(c, f.id, { given_names: 'Kim', birth: '2010', in_household: true });

    const pa = await addPerson(c, f.id, { given_names: 'Piet', sex: 'male', birth: '1980', link: { type: 'parent', person_id: kim.id } });
    assert.equal(pa.relations.length, 1, JSON.stringify(pa.relations));
    assert.deepEqual(
      { type: pa.relations[0].type, a: pa.relations[0].a, b: pa.relations[0].b, kind: pa.relations[0].kind },
      { type: 'parent_child', a: pa.person.id, b: kim.id, kind: 'biological' },
    );
    const piet = pa.person;

    const pm = await addPerson(c, f.id, { given_names: 'Marie', sex: 'female', birth: '1982', link: { type: 'partner', person_id: piet.id } });
    assert.equal(pm.relations.length, 1);
    const pr = pm.relations[0];
    assert.equal(pr.type, 'partner');
    assert.equal(pr.kind, 'relationship');
    assert.equal(pr.state, 'together');
    sameSet([pr.a, pr.b], [piet.id, pm.person.id]);
    const marie = pm.person;

    const ch = await addPerson(c, f.id, { given_names: 'Lars', birth: '2012', link: { type: 'child', person_id: piet.id, other_parent_id: marie.id } });
    assert.equal(ch.relations.length, 2, JSON.stringify(ch.relations));
    for (const r of ch.relations) {
      assert.equal(r.type, 'parent_child');
      assert.equal(r.kind, 'biological');
      assert.equal(r.b, ch.person.id);
    }
    sameSet(ch.relations.map((r) => r.a), [piet.id, marie.id]);
    const only = await addPerson(c, f.id, { given_names: 'Nina', birth: '2014', link: { type: 'child', person_id: piet.id } });
    assert.equal(only.relations.length, 1, 'child without other_parent_id: one parent');
    assert.equal(only.relations[0].a, piet.id);

    // Kim gets Marie as adoptive parent; a sibling of Kim gets Piet (biological) and Marie (adoptive).
    await addRelation(c, f.id, { type: 'parent_child', a: marie.id, b: kim.id, kind: 'adoptive' });
    const sib = await addPerson(c, f.id, { given_names: 'Sam', birth: '2011', link: { type: 'sibling', person_id: kim.id } });
    assert.equal(sib.relations.length, 2, JSON.stringify(sib.relations));
    const kinds = Object.fromEntries(sib.relations.map((r) => [r.a, r.kind]));
    assert.deepEqual(kinds, { [piet.id]: 'biological', [marie.id]: 'adoptive' });
    assert.ok(sib.relations.every((r) => r.type === 'parent_child' && r.b === sib.person.id));

    const g = await genogram(c, f.id);
    assert.equal(g.persons.length, 6);
    assert.equal(g.relations.length, 1 + 1 + 2 + 1 + 1 + 2);
    const byId = Object.fromEntries(g.persons.map((p) => [p.id, p]));
    assert.equal(byId[piet.id].generation, byId[marie.id].generation, 'partners share a row');
    assert.equal(byId[kim.id].generation, byId[piet.id].generation + 1, 'a child sits one row below');
  });

  test('refused links create no person: sibling without parents, unknown person, third biological parent, bad type', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: x } = await addPerson(c, f.id, { given_names: 'Alleen' });
    const sib = await unchanged(c, f.id, () => c.post(`${G(f.id)}/persons`, { given_names: 'Zus', link: { type: 'sibling', person_id: x.id } }));
    assertRefused(sib, 'genogram_sibling_needs_parent', 'sibling without parents');

    assertRefused(await unchanged(c, f.id, () => c.post(`${G(f.id)}/persons`, { given_names: 'Y', link: { type: 'parent', person_id: `nope-${rand()}` } })), null, 'link to unknown person');

    const { person: p1 } = await addPerson(c, f.id, { given_names: 'Vader' });
    const { person: kid } = await addPerson(c, f.id, { given_names: 'Kind', link: { type: 'child', person_id: p1.id } });
    await addPerson(c, f.id, { given_names: 'Moeder', link: { type: 'parent', person_id: kid.id } });
    const third = await unchanged(c, f.id, () => c.post(`${G(f.id)}/persons`, { given_names: 'Derde', link: { type: 'parent', person_id: kid.id } }));
    assertRefused(third, 'genogram_too_many_biological_parents', 'third biological parent via link');

    // A child linked to a parent born later: refused as a whole (no person without the link).
    const { person: young } = await addPerson(c, f.id, { given_names: 'Jong', birth: '2000' });
    assertRefused(await unchanged(c, f.id, () => c.post(`${G(f.id)}/persons`, { given_names: 'Oud kind', birth: '1990', link: { type: 'child', person_id: young.id } })), 'genogram_child_born_before_parent', 'child born before parent via link');

    assertValidation(await unchanged(c, f.id, () => c.post(`${G(f.id)}/persons`, { given_names: 'Neef', link: { type: 'cousin', person_id: x.id } })), 'type', 'link type cousin');
    assertValidation(await unchanged(c, f.id, () => c.post(`${G(f.id)}/persons`, { given_names: 'Neef', link: { type: 'parent' } })), 'person_id', 'link without person_id');
  });
});

describe('from-household', () => {
  test('creates persons for the members with partner and parent relations; a second call creates nothing', async () => {
    const c = await coach();
    const members = [
      memberInput({ given_name: 'Sanne', family_name: 'de Vries', birth_date: '1986-04-12', sex: 'female', household_role: 'parent' }),
      memberInput({ given_name: 'Piet', family_name: 'Bakker', birth_date: '1984-01-02', sex: 'male', household_role: 'parent' }),
      memberInput({ given_name: 'Daan', family_name: 'Bakker', birth_date: '2014-09-30', sex: 'male', household_role: 'child' }),
      memberInput({ given_name: 'Lotte', family_name: 'Bakker', birth_date: '2016-05-05', sex: 'female', household_role: 'child' }),
    ];
    const f = await newFamily(h.srv, { members });
    const byName = Object.fromEntries(f.members.map((m) => [m.given_name, m]));
    const r = await c.request('POST', `${G(f.id)}/from-household`);
    assertStatus(r, 200);
    const { persons, relations } = r.body;
    assert.equal(persons.length, 4, r.text.slice(0, 500));
    const pByMember = {};
    for (const p of persons) {
      assertPerson(p);
      assert.equal(p.in_household, true);
      assert.equal(p.details, 'full');
      assert.ok(p.member_id, 'member_id set');
      pByMember[p.member_id] = p;
    }
    sameSet(Object.keys(pByMember), f.members.map((m) => m.id), 'one person per member');
    const expectBirth = { Sanne: '12 APR 1986', Piet: '2 JAN 1984', Daan: '30 SEP 2014', Lotte: '5 MAY 2016' };
    for (const [name, m] of Object.entries(byName)) {
      const p = pByMember[m.id];
      assert.equal(p.given_names, name);
      assert.equal(p.surname, m.family_name);
      assert.equal(p.sex, m.sex);
      assert.equal(p.birth, expectBirth[name], `${name} birth`);
    }
    const pid = (n) => pByMember[byName[n].id].id;
    const partners = relations.filter((x) => x.type === 'partner');
    assert.equal(partners.length, 1, JSON.stringify(relations));
    sameSet([partners[0].a, partners[0].b], [pid('Sanne'), pid('Piet')]);
    assert.equal(partners[0].kind, 'relationship');
    assert.equal(partners[0].state, 'together');
    const pc = relations.filter((x) => x.type === 'parent_child');
    assert.equal(pc.length, 4);
    assert.ok(pc.every((x) => x.kind === 'biological'));
    sameSet(pc.map((x) => `${x.a}>${x.b}`), ['Sanne', 'Piet'].flatMap((p) => ['Daan', 'Lotte'].map((k) => `${pid(p)}>${pid(k)}`)));
    assert.equal(relations.length, 5);

    const g = await genogram(c, f.id);
    sameSet(g.persons.map((p) => p.id), persons.map((p) => p.id));
    sameSet(g.relations.map((x) => x.id), relations.map((x) => x.id));

    const again = await unchanged(c, f.id, () => c.request('POST', `${G(f.id)}/from-household`), 'second from-household');
    assertStatus(again, 200);
    assert.deepEqual(again.body.persons, []);
    assert.deepEqual(again.body.relations, []);

    // A member added later is added on the next call, and only that member.
    const m = await c.post(`/families/${f.id}/members`, memberInput({ given_name: 'Noor', family_name: 'Bakker', birth_date: '2019-03-03', household_role: 'child' }));
    assertStatus(m, 201);
    const third = await c.request('POST', `${G(f.id)}/from-household`);
    assertStatus(third, 200);
    assert.equal(third.body.persons.length, 1);
    assert.equal(third.body.persons[0].member_id, m.body.id);
    assert.equal((await genogram(c, f.id)).persons.length, 5);
  });
});

// ---------------------------------------------------------------------------------
// Bad input: a clear 4xx and an untouched genogram

describe('bad input', () => {
  let c;
  let f;
  let P = {}; // persons by name
  let R = {}; // relations by name
  const post = (what, body) => () => c.post(`${G(f.id)}/${what}`, body);
  const refused = async (fn, re, msg) => assertRefused(await unchanged(c, f.id, fn, msg), re, msg);
  const invalid = async (fn, field, msg) => assertValidation(await unchanged(c, f.id, fn, msg), field, msg);
  const person = async (name) => (await c.get(`${G(f.id)}/persons/${P[name].id}`)).body;

  before(async () => {
    await h.ready;
    c = await coach();
    f = await newFamily(h.srv);
    const add = async (name, body) => (P[name] = (await addPerson(c, f.id, { given_names: name, ...body })).person);
    await add('Opa', { sex: 'male', birth: '1950' });
    await add('Vader', { sex: 'male', birth: '1975', link: { type: 'child', person_id: P.Opa.id } });
    await add('Kind', { birth: '2000', in_household: true, link: { type: 'child', person_id: P.Vader.id } });
    await add('Moeder', { sex: 'female', birth: '1977' });
    R.partner = await addRelation(c, f.id, { type: 'partner', a: P.Vader.id, b: P.Moeder.id, kind: 'married', start: '1998', end: '2010' });
    await add('X', {});
    await add('Y', { link: { type: 'child', person_id: P.X.id } });
    await add('Z', { link: { type: 'child', person_id: P.Y.id } });
    R.event = await addEvent(c, f.id, { person_id: P.Vader.id, kind: 'move', date: '2005', place: 'Emmen' });
  });

  test('someone their own ancestor (via a chain, directly, or adoptive) → 422', async () => {
    await refused(post('relations', { type: 'parent_child', a: P.Z.id, b: P.X.id, kind: 'biological' }), 'genogram_cycle', 'Z parent of X (X→Y→Z)');
    await refused(post('relations', { type: 'parent_child', a: P.Kind.id, b: P.Opa.id, kind: 'adoptive' }), 'genogram_cycle', 'adoptive cycle over three generations');
    await refused(post('relations', { type: 'parent_child', a: P.Y.id, b: P.X.id, kind: 'step' }), 'genogram_cycle', 'two-person cycle');
    await refused(post('relations', { type: 'parent_child', a: P.X.id, b: P.X.id, kind: 'biological' }), null, 'own parent');
    await refused(post('persons', { given_names: 'Lus', link: { type: 'child', person_id: P.Z.id, other_parent_id: P.Z.id } }), null, 'child with the same person as both parents');
  });

  test('child born before parent → 422, also when a PATCH of a birth date would cause it', async () => {
    await refused(post('relations', { type: 'parent_child', a: P.Kind.id, b: P.Opa.id, kind: 'biological' }), ['genogram_child_born_before_parent', 'genogram_cycle'], 'reverse');
    const { person: late } = await addPerson(c, f.id, { given_names: 'Laat', birth: '1990' });
    const { person: early } = await addPerson(c, f.id, { given_names: 'Vroeg', birth: '1980' });
    await refused(post('relations', { type: 'parent_child', a: late.id, b: early.id, kind: 'biological' }), 'genogram_child_born_before_parent', 'child 1980, parent 1990');
    const vader = await person('Vader');
    await refused(() => c.patch(`${G(f.id)}/persons/${vader.id}`, { birth: '1940' }, im(vader.version)), 'genogram_child_born_before_parent', 'PATCH father before grandfather');
    const kind = await person('Kind');
    await refused(() => c.patch(`${G(f.id)}/persons/${kind.id}`, { birth: '12 MAR 1960' }, im(kind.version)), 'genogram_child_born_before_parent', 'PATCH child before father');
  });

  test('death before birth, events before birth → 422', async () => {
    await refused(post('persons', { given_names: 'Spook', birth: '1950', death: '1940' }), 'genogram_death_before_birth', 'new person');
    await refused(post('persons', { given_names: 'Spook', birth: '1950-06-01', death: '1950-05-31', details: 'full' }), 'genogram_death_before_birth', 'one day before');
    const opa = await person('Opa');
    await refused(() => c.patch(`${G(f.id)}/persons/${opa.id}`, { death: '1949' }, im(opa.version)), 'genogram_death_before_birth', 'PATCH death');
    await refused(post('events', { person_id: P.Vader.id, kind: 'move', date: '1960' }), 'genogram_event_before_birth', 'move before birth');
    const ev = (await c.get(`${G(f.id)}/events/${R.event.id}`)).body;
    await refused(() => c.patch(`${G(f.id)}/events/${ev.id}`, { date: '1901' }, im(ev.version)), 'genogram_event_before_birth', 'PATCH event before birth');
  });

  test('partner end before start → 422 (create and PATCH)', async () => {
    await refused(post('relations', { type: 'partner', a: P.Opa.id, b: P.X.id, kind: 'married', start: '1980', end: '1970' }), 'genogram_end_before_start', 'create');
    const rel = (await c.get(`${G(f.id)}/relations/${R.partner.id}`)).body;
    await refused(() => c.patch(`${G(f.id)}/relations/${rel.id}`, { end: '1990' }, im(rel.version)), 'genogram_end_before_start', 'PATCH end');
    await refused(() => c.patch(`${G(f.id)}/relations/${rel.id}`, { start: '2020-01-01' }, im(rel.version)), 'genogram_end_before_start', 'PATCH start');
  });

  test('a relation, event or link to a person of another family (same org, other org) → 422', async () => {
    const other = await newFamily(h.srv);
    const { person: foreign } = await addPerson(c, other.id, { given_names: 'Vreemde' });
    const leadB = await h.srv.as('lead_b');
    const fb = await leadB.post('/families', { name: `Org B gezin ${rand()}`, coach_id: await h.srv.userId('coach_b1') });
    assertStatus(fb, 201);
    const { person: outsider } = await addPerson(leadB, fb.body.id, { given_names: 'Buitenstaander' });
    const otherState = await state(c, other.id);
    for (const [label, id] of [['same org', foreign.id], ['other org', outsider.id], ['made up', `p-${rand()}`]]) {
      await refused(post('relations', { type: 'partner', a: P.Opa.id, b: id, kind: 'married' }), null, `partner ${label}`);
      await refused(post('relations', { type: 'parent_child', a: id, b: P.X.id, kind: 'biological' }), null, `parent_child ${label}`);
      await refused(post('relations', { type: 'emotional', a: P.Opa.id, b: id, kind: 'close' }), null, `emotional ${label}`);
      await refused(post('relations', { type: 'twins', a: P.Kind.id, b: id, kind: 'fraternal' }), null, `twins ${label}`);
      await refused(post('events', { person_id: id, kind: 'move', date: '2000' }), null, `event ${label}`);
      await refused(post('events', { person_id: P.Opa.id, kind: 'broken_contact', other_person_id: id }), null, `event other_person ${label}`);
      await refused(post('persons', { given_names: 'Link', link: { type: 'partner', person_id: id } }), null, `link ${label}`);
      await refused(post('persons', { given_names: 'Link', link: { type: 'child', person_id: P.Opa.id, other_parent_id: id } }), null, `other_parent ${label}`);
      const ev = (await c.get(`${G(f.id)}/events/${R.event.id}`)).body;
      await refused(() => c.patch(`${G(f.id)}/events/${ev.id}`, { other_person_id: id }, im(ev.version)), null, `PATCH event other_person ${label}`);
    }
    assert.deepEqual(await state(c, other.id), otherState, 'the other family is untouched');
    assert.equal((await genogram(leadB, fb.body.id)).relations.length, 0, 'the family of org B is untouched');
  });

  test('duplicate relations and a third biological parent → 422', async () => {
    await refused(post('relations', { type: 'parent_child', a: P.Opa.id, b: P.Vader.id, kind: 'biological' }), 'genogram_parent_child_duplicate', 'same parent_child twice');
    await refused(post('relations', { type: 'parent_child', a: P.Opa.id, b: P.Vader.id, kind: 'adoptive' }), null, 'same pair, other kind');
    await refused(post('relations', { type: 'partner', a: P.Moeder.id, b: P.Vader.id, kind: 'cohabiting' }), 'genogram_partners_duplicate', 'partner pair reversed');
    const e1 = await addRelation(c, f.id, { type: 'emotional', a: P.Opa.id, b: P.Moeder.id, kind: 'distant' });
    await refused(post('relations', { type: 'emotional', a: P.Moeder.id, b: P.Opa.id, kind: 'distant' }), 'genogram_emotional_duplicate', 'emotional duplicate');
    assert.ok(e1.id);
    // Kind has Vader (biological); add Moeder biological → two; a third is refused.
    await addRelation(c, f.id, { type: 'parent_child', a: P.Moeder.id, b: P.Kind.id, kind: 'biological' });
    const { person: third } = await addPerson(c, f.id, { given_names: 'Donor', birth: '1970' });
    await refused(post('relations', { type: 'parent_child', a: third.id, b: P.Kind.id, kind: 'biological' }), 'genogram_too_many_biological_parents', 'third biological parent');
    // A step parent is fine.
    await addRelation(c, f.id, { type: 'parent_child', a: third.id, b: P.Kind.id, kind: 'step' });
  });

  test('unknown theme, sex, type, kind, state, details → 422 naming the field', async () => {
    await invalid(post('persons', { given_names: 'T', themes: ['bestaat_niet'] }), 'themes', 'unknown theme');
    await invalid(post('persons', { given_names: 'T', themes: ['schulden', 'Schulden'] }), 'themes', 'theme ids are case-sensitive codes');
    const opa = await person('Opa');
    await invalid(() => c.patch(`${G(f.id)}/persons/${opa.id}`, { themes: ['nope'] }, im(opa.version)), 'themes', 'PATCH unknown theme');
    await invalid(post('persons', { given_names: 'T', sex: 'x' }), 'sex');
    await invalid(post('persons', { given_names: 'T', sex: 'MALE' }), 'sex');
    await invalid(post('persons', { given_names: 'T', details: 'some' }), 'details');
    await invalid(post('relations', { type: 'cousin', a: P.Opa.id, b: P.X.id, kind: 'close' }), 'type');
    await invalid(post('relations', { a: P.Opa.id, b: P.X.id, kind: 'close' }), 'type', 'type missing');
    await invalid(post('relations', { type: 'parent_child', a: P.Opa.id, b: P.X.id, kind: 'married' }), 'kind', 'partner kind on parent_child');
    await invalid(post('relations', { type: 'partner', a: P.Opa.id, b: P.X.id, kind: 'biological' }), 'kind');
    await invalid(post('relations', { type: 'partner', a: P.Opa.id, b: P.X.id, kind: 'married', state: 'complicated' }), 'state');
    await invalid(post('relations', { type: 'emotional', a: P.Opa.id, b: P.X.id, kind: 'love' }), 'kind');
    await invalid(post('relations', { type: 'twins', a: P.Opa.id, b: P.X.id, kind: 'triplet' }), 'kind');
    await invalid(post('events', { person_id: P.Opa.id, kind: 'party' }), 'kind');
    const rel = (await c.get(`${G(f.id)}/relations/${R.partner.id}`)).body;
    await invalid(() => c.patch(`${G(f.id)}/relations/${rel.id}`, { kind: 'adoptive' }, im(rel.version)), 'kind', 'PATCH partner kind adoptive');
  });

  test('malformed JSON → 400; unknown fields and wrong types → 422 naming the field', async () => {
    const raw = (method, p, body, headers = {}) => () => c.request(method, p, body, { 'Content-Type': 'application/json', ...headers });
    const opa = await person('Opa');
    for (const [method, p, extra] of [
      ['POST', `${G(f.id)}/persons`, {}],
      ['POST', `${G(f.id)}/relations`, {}],
      ['POST', `${G(f.id)}/events`, {}],
      ['PATCH', `${G(f.id)}/persons/${opa.id}`, im(opa.version)],
    ]) {
      for (const body of ['{"given_names": ', '{given_names: "x"}', '{"given_names":"x",}', 'null x', '[]', '"x"']) {
        const r = await unchanged(c, f.id, raw(method, p, body, extra), `${method} ${p} ${body}`);
        assertProblem(r, 400, 'invalid-json', `${method} ${p} ${body}`);
        assert.ok(r.body.detail, 'detail text');
      }
    }
    await invalid(post('persons', { given_names: 'T', shoe_size: 42 }), 'shoe_size');
    await invalid(post('persons', { given_names: 'T', id: 'mijn-id' }), 'id');
    await invalid(post('persons', { given_names: 'T', version: 3 }), 'version');
    await invalid(post('persons', { given_names: 'T', link: { type: 'parent', person_id: P.X.id, extra: 1 } }), 'extra');
    await invalid(post('relations', { type: 'emotional', a: P.Opa.id, b: P.X.id, kind: 'close', colour: 'blue' }), 'colour');
    await invalid(post('events', { person_id: P.Opa.id, kind: 'other', mood: 'blij' }), 'mood');
    await invalid(() => c.patch(`${G(f.id)}/persons/${opa.id}`, { nickname: 'Opa Henk' }, im(opa.version)), 'nickname');
    const ev = (await c.get(`${G(f.id)}/events/${R.event.id}`)).body;
    await invalid(() => c.patch(`${G(f.id)}/events/${ev.id}`, { colour: 1 }, im(ev.version)), 'colour');

    for (const [body, field] of [
      [{ given_names: 5 }, 'given_names'],
      [{ given_names: ['Jan'] }, 'given_names'],
      [{ given_names: 'T', in_household: 'yes' }, 'in_household'],
      [{ given_names: 'T', deceased: 0 }, 'deceased'],
      [{ given_names: 'T', themes: 'schulden' }, 'themes'],
      [{ given_names: 'T', themes: [5] }, 'themes'],
      [{ given_names: 'T', birth: 1950 }, 'birth'],
      [{ given_names: 'T', link: 'parent' }, 'link'],
      [{ given_names: 'T', link: { type: 'parent', person_id: 5 } }, 'person_id'],
    ]) await invalid(post('persons', body), field, JSON.stringify(body));
    await invalid(post('relations', { type: 'emotional', a: 5, b: P.X.id, kind: 'close' }), 'a');
    await invalid(post('relations', { type: 'emotional', a: P.Opa.id, b: [P.X.id], kind: 'close' }), 'b');
    await invalid(post('events', { person_id: null, kind: 'other' }), 'person_id');
    await invalid(post('events', { person_id: P.Opa.id, kind: 'other', date: { year: 1990 } }), 'date');
    await invalid(() => c.patch(`${G(f.id)}/persons/${opa.id}`, { index_person: 'ja' }, im(opa.version)), 'index_person');
  });

  test('over-long strings → 422 naming the field', async () => {
    const long = 'a'.repeat(1000);
    for (const field of ['given_names', 'surname', 'role_label']) {
      await invalid(post('persons', { given_names: 'T', details: 'full', [field]: long }), field, field);
    }
    await invalid(post('persons', { given_names: 'T', note: 'n'.repeat(200_000) }), 'note');
    await invalid(post('persons', { given_names: 'T', details: 'full', birth: `(${'x'.repeat(1000)})` }), 'birth');
    await invalid(post('events', { person_id: P.Opa.id, kind: 'other', description: 'd'.repeat(200_000) }), 'description');
    await invalid(post('events', { person_id: P.Opa.id, kind: 'move', place: long }), 'place');
    await invalid(post('events', { person_id: P.Opa.id, kind: 'move', place_from: long }), 'place_from');
    await invalid(post('relations', { type: 'emotional', a: P.Opa.id, b: P.X.id, kind: 'close', note: 'n'.repeat(200_000) }), 'note');
    const opa = await person('Opa');
    await invalid(() => c.patch(`${G(f.id)}/persons/${opa.id}`, { given_names: long }, im(opa.version)), 'given_names', 'PATCH');
  });

  test('a relative outside the household with details "minimal": surname or a full date → 422', async () => {
    await invalid(post('persons', { given_names: 'Oma', surname: 'Jansen' }), 'surname', 'default minimal with surname');
    await invalid(post('persons', { given_names: 'Oma', details: 'minimal', surname: 'Jansen', in_household: false }), 'surname');
    for (const birth of ['12 MAR 1950', '1950-03-12', 'MAR 1950', '(voor de oorlog)']) {
      await invalid(post('persons', { given_names: 'Oma', birth }), 'birth', `minimal with birth ${birth}`);
    }
    await invalid(post('persons', { role_label: 'opa', death: '1990-05-01' }), 'death', 'minimal with full death date');
    // Year-level dates are fine, and a relative who consented may have everything.
    const ok1 = await addPerson(c, f.id, { role_label: 'oma vaderskant', birth: '1950', death: 'ABT 2010' });
    assert.equal(ok1.person.details, 'minimal');
    const ok2 = await addPerson(c, f.id, { given_names: 'Tante', surname: 'Jansen', birth: '12 MAR 1950', details: 'full' });
    assert.equal(ok2.person.surname, 'Jansen');
    assert.equal(ok2.person.in_household, false);
    // A minimal person cannot get a surname or a full date by PATCH either.
    const p = ok1.person;
    await invalid(() => c.patch(`${G(f.id)}/persons/${p.id}`, { surname: 'Jansen' }, im(p.version)), 'surname', 'PATCH surname');
    await invalid(() => c.patch(`${G(f.id)}/persons/${p.id}`, { birth: '3 JAN 1950' }, im(p.version)), 'birth', 'PATCH full date');
  });

  test('the bad-input family is still consistent and readable', async () => {
    const g = await genogram(c, f.id);
    assert.ok(g.persons.length >= 8);
    assertStatus(await c.get(`/families/${f.id}/genogram.svg`), 200);
  });
});

// ---------------------------------------------------------------------------------
// Concurrent changes: the whole-genogram check must hold when requests race

describe('concurrent changes', () => {
  test('two PATCHes with the same version: exactly one wins', async () => {
    const c = await coach();
    const c2 = await h.srv.login('coach_a1');
    const f = await newFamily(h.srv);
    const { person: p } = await addPerson(c, f.id, { given_names: 'Race' });
    const rs = await Promise.all([0, 1, 2, 3].map((i) => (i % 2 ? c2 : c).patch(`${G(f.id)}/persons/${p.id}`, { given_names: `Race ${i}` }, im(p.version))));
    const st = rs.map((r) => r.status).sort();
    assert.deepEqual(st, [200, 412, 412, 412], `statuses ${st}`);
    assert.equal((await c.get(`${G(f.id)}/persons/${p.id}`)).body.version, p.version + 1);
  });

  test('racing relations cannot together make a cycle or a third biological parent', async () => {
    const c = await coach();
    const c2 = await h.srv.login('coach_a1');
    const c3 = await h.srv.login('coach_a1');
    const f = await newFamily(h.srv);
    for (let round = 0; round < 4; round++) {
      const { person: a } = await addPerson(c, f.id, { given_names: `A${round}` });
      const { person: b } = await addPerson(c, f.id, { given_names: `B${round}` });
      const rs = await Promise.all([
        c.post(`${G(f.id)}/relations`, { type: 'parent_child', a: a.id, b: b.id, kind: 'adoptive' }),
        c2.post(`${G(f.id)}/relations`, { type: 'parent_child', a: b.id, b: a.id, kind: 'adoptive' }),
      ]);
      const st = rs.map((r) => r.status).sort();
      assert.deepEqual(st, [201, 422], `round ${round}: A→B and B→A at once gave ${st}`);
      const { person: kid } = await addPerson(c, f.id, { given_names: `Kind${round}` });
      const parents = [];
      for (let i = 0; i < 3; i++) parents.push((await addPerson(c, f.id, { given_names: `Ouder${round}.${i}` })).person);
      const bio = await Promise.all(parents.map((p, i) => [c, c2, c3][i].post(`${G(f.id)}/relations`, { type: 'parent_child', a: p.id, b: kid.id, kind: 'biological' })));
      const bst = bio.map((r) => r.status).sort();
      assert.deepEqual(bst, [201, 201, 422], `round ${round}: three biological parents at once gave ${bst}`);
    }
    const g = await genogram(c, f.id);
    const bioCount = {};
    for (const r of g.relations) if (r.type === 'parent_child' && r.kind === 'biological') bioCount[r.b] = (bioCount[r.b] || 0) + 1;
    assert.ok(Object.values(bioCount).every((n) => n <= 2), `biological parents per child: ${JSON.stringify(bioCount)}`);
  });
});

// ---------------------------------------------------------------------------------
// Drawing and patterns

describe('drawing and patterns', () => {
  test('genogram.svg: image/svg+xml, well-formed, a data-person-id per person, names escaped, no script', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: a } = await addPerson(c, f.id, { given_names: '<script>alert("x")</script> & Co', surname: 'Tom & Jerry', details: 'full', sex: 'male', birth: '1950' });
    const { person: b } = await addPerson(c, f.id, { given_names: 'Maria', sex: 'female', birth: '1952', link: { type: 'partner', person_id: a.id } });
    const { person: k } = await addPerson(c, f.id, { given_names: 'Kind "quote\' <b>', birth: '1980', in_household: true, index_person: true, link: { type: 'child', person_id: a.id, other_parent_id: b.id } });
    await addRelation(c, f.id, { type: 'emotional', a: a.id, b: k.id, kind: 'conflict' });
    const r = await c.get(`/families/${f.id}/genogram.svg`);
    assertStatus(r, 200);
    assert.match(r.headers.get('content-type') || '', /^image\/svg\+xml/);
    const svg = r.text;
    assert.ok(/^(\uFEFF)?(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)?<svg[\s>]/.test(svg), `starts with <svg: ${svg.slice(0, 100)}`);
    assert.match(svg.trim(), /<\/svg>$/);
    assert.match(svg, /xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    checkXml(svg);
    for (const p of [a, b, k]) {
      assert.ok(svg.includes(`data-person-id="${p.id}"`), `data-person-id for ${p.id}`);
      assert.match(svg, new RegExp(`<g[^>]*class="[^"]*\\bperson\\b[^"]*"[^>]*data-person-id="${p.id}"|<g[^>]*data-person-id="${p.id}"[^>]*class="[^"]*\\bperson\\b`), `<g class="person"> for ${p.id}`);
    }
    assert.doesNotMatch(svg, /<script/i, 'no raw <script');
    assert.doesNotMatch(svg, /\son[a-z]+\s*=/i, 'no event handler attributes');
    assert.ok(svg.includes('&lt;script&gt;'), 'the name is shown escaped');
    assert.ok(svg.includes('Tom &amp; Jerry'), '& escaped');
    assert.ok(!svg.includes('<b>'), 'no markup from names');
    assert.match(svg, /<title[\s>]/, 'persons carry a <title>');
    assert.match(svg, /<desc[\s>]/, 'persons carry a <desc>');

    // highlight: the drawing changes, and differs per highlighted person.
    const hl = await c.get(`/families/${f.id}/genogram.svg?highlight=${a.id}`);
    assertStatus(hl, 200);
    checkXml(hl.text);
    assert.notEqual(hl.text, svg, 'highlight changes the drawing');
    const hl2 = await c.get(`/families/${f.id}/genogram.svg?highlight=${a.id},${k.id}`);
    assertStatus(hl2, 200);
    assert.notEqual(hl2.text, hl.text, 'highlighting two persons differs from one');
    const hlB = await c.get(`/families/${f.id}/genogram.svg?highlight=${b.id}`);
    assert.notEqual(hlB.text, hl.text, 'highlight marks the person asked for');
    const noLegend = await c.get(`/families/${f.id}/genogram.svg?legend=false`);
    assertStatus(noLegend, 200);
    checkXml(noLegend.text);
    assert.ok(noLegend.text.length < svg.length, 'legend=false leaves the legend out');
    // Same input, same drawing.
    assert.equal((await c.get(`/families/${f.id}/genogram.svg`)).text, svg, 'deterministic');
    // An empty genogram still draws.
    const empty = await newFamily(h.srv);
    const e = await c.get(`/families/${empty.id}/genogram.svg`);
    assertStatus(e, 200);
    checkXml(e.text);
    assert.doesNotMatch(e.text, /data-person-id/);
  });

  test('genogram.svg: ages for the living only, an "onbekend" placeholder where a parent is missing (issue 13)', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    // An imported ancestor born long ago with no death date: no age of 120 in the symbol.
    const { person: old } = await addPerson(c, f.id, { given_names: 'Hendrik', sex: 'male', birth: '1900' });
    const { person: mum } = await addPerson(c, f.id, { given_names: 'Ans', sex: 'female', birth: '1985', in_household: true });
    // A child of Ans alone: the other parent is not recorded.
    const { person: kid } = await addPerson(c, f.id, { given_names: 'Bo', birth: '2015', in_household: true, link: { type: 'child', person_id: mum.id } });
    const svg = (await c.get(`/families/${f.id}/genogram.svg`)).text;
    checkXml(svg);
    const groupOf = (id) => {
      const at = svg.indexOf(`data-person-id="${id}"`);
      return svg.slice(at, svg.indexOf('</g>', at));
    };
    assert.doesNotMatch(groupOf(old.id), /class="age"/, 'no age for someone born in 1900 without a death date');
    assert.match(groupOf(mum.id), /class="age"/, 'the living have their age');
    assert.match(groupOf(kid.id), /class="age"/);
    assert.match(svg, /meer dan 110 jaar geleden geboren/, 'the legend says why an age is missing');
    assert.match(svg, /<g class="unknown-parent">[\s\S]*?>onbekend<\/text>/, 'a placeholder for the other parent');
    assert.match(svg, /Andere ouder niet bekend/, 'the legend explains the placeholder');
    assert.doesNotMatch(svg, /data-person-id="[^"]*"[^>]*>[^<]*<title>onbekend/, 'the placeholder is not a person');
    const g = await genogram(c, f.id);
    assert.equal(g.persons.length, 3, 'the placeholder is only drawn, never stored');
  });

  test('genogram.svg follows the notes rule of the export: no note about a relative outside the household (issue 12.12)', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: mum } = await addPerson(c, f.id, { given_names: 'Moeder', in_household: true, note: 'Notitie over moeder' });
    const { person: kid } = await addPerson(c, f.id, { given_names: 'Kind', in_household: true });
    const { person: gran } = await addPerson(c, f.id, { role_label: 'oma moederskant', note: 'Oma heeft schulden, niet delen' });
    const outsideNote = 'Ruzie over geld, alleen voor de coach';
    const homeNote = 'Hecht sinds de verhuizing';
    await addRelation(c, f.id, { type: 'emotional', a: gran.id, b: mum.id, kind: 'conflict', note: outsideNote });
    await addRelation(c, f.id, { type: 'emotional', a: mum.id, b: kid.id, kind: 'close', note: homeNote });
    // The coach sees every note on the screen ...
    const g = await genogram(c, f.id);
    assert.equal(g.notes_visible, true);
    assert.ok(g.relations.some((r) => r.note === outsideNote));
    // ... but what leaves the screen — the GEDCOM file and the drawing — holds the same notes.
    const ged = (await c.get(`/families/${f.id}/genogram.ged`)).text;
    const r = await c.get(`/families/${f.id}/genogram.svg`);
    assertStatus(r, 200);
    checkXml(r.text);
    for (const [name, text] of [['ged', ged], ['svg', r.text]]) {
      assert.ok(!text.includes('Ruzie over geld'), `${name}: the note on a relation with a relative outside the household is left out`);
      assert.ok(!text.includes('Oma heeft schulden'), `${name}: the note about a relative outside the household is left out`);
    }
    assert.ok(r.text.includes(homeNote), 'svg: the note between two household members is kept, as in the export');
    assert.ok(ged.includes(homeNote), 'ged: the note between two household members is kept');
  });

  test('patterns: a theme and an event down grandparent → parent → child, generations [1,2,3], strengths first', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const themes = ['schulden', 'zorgzaam'];
    const { person: g1 } = await addPerson(c, f.id, { given_names: 'Opa', birth: '1940', themes });
    const { person: g2 } = await addPerson(c, f.id, { given_names: 'Vader', birth: '1965', themes, link: { type: 'child', person_id: g1.id } });
    const { person: g3 } = await addPerson(c, f.id, { given_names: 'Kind', birth: '1990', themes, in_household: true, link: { type: 'child', person_id: g2.id } });
    const { person: lone } = await addPerson(c, f.id, { given_names: 'Buur', themes: ['sportief'] });
    for (const [p, y] of [[g1, '1970'], [g2, '1995'], [g3, '2015']]) await addEvent(c, f.id, { person_id: p.id, kind: 'debts_started', date: y });
    const gen = await genogram(c, f.id);
    const byId = Object.fromEntries(gen.persons.map((p) => [p.id, p]));
    assert.deepEqual([g1, g2, g3].map((p) => byId[p.id].generation), [1, 2, 3]);

    const r = await c.get(`${G(f.id)}/patterns`);
    assertStatus(r, 200);
    const items = r.body.items;
    assert.ok(Array.isArray(items), r.text);
    for (const it of items) for (const k of ['kind', 'key', 'label', 'strength', 'person_ids', 'generations']) assert.ok(k in it, `pattern lacks ${k}: ${JSON.stringify(it)}`);
    const find = (kind, key) => items.find((i) => i.kind === kind && i.key === key);
    const debt = find('theme', 'schulden');
    const care = find('theme', 'zorgzaam');
    const ev = find('event', 'debts_started');
    assert.ok(debt && care && ev, `patterns: ${r.text}`);
    for (const it of [debt, care, ev]) {
      assert.deepEqual(it.generations, [1, 2, 3], `${it.key} generations`);
      sameSet(it.person_ids, [g1.id, g2.id, g3.id], `${it.key} persons`);
      assert.equal(typeof it.label, 'string');
      assert.ok(it.label.length > 0);
    }
    assert.equal(debt.strength, false);
    assert.equal(care.strength, true);
    assert.ok(!find('theme', 'sportief'), 'a theme of one person outside a line of descent is no pattern');
    assert.ok(!items.some((i) => i.person_ids.includes(lone.id)));
    const firstProblem = items.findIndex((i) => !i.strength);
    const lastStrength = items.map((i) => i.strength).lastIndexOf(true);
    assert.ok(lastStrength < firstProblem || firstProblem === -1, `strengths first: ${JSON.stringify(items.map((i) => [i.key, i.strength]))}`);
  });
});

// ---------------------------------------------------------------------------------
// Authorisation, privacy, audit

const TINY_GED = '0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Import /Test/\n0 TRLR\n';

describe('authorisation and audit', () => {
  let f; // family of coach_a1 with a person, relation and event
  let ids; // { p, p2, rel, ev }
  const secret = `Geheimnaam${rand(3)}`;

  before(async () => {
    await h.ready;
    const c = await coach();
    f = await newFamily(h.srv, { members: [memberInput({ given_name: secret })] });
    const { person: p } = await addPerson(c, f.id, { given_names: secret, in_household: true });
    const { person: p2 } = await addPerson(c, f.id, { given_names: 'Tweede' });
    const rel = await addRelation(c, f.id, { type: 'emotional', a: p.id, b: p2.id, kind: 'close' });
    const ev = await addEvent(c, f.id, { person_id: p.id, kind: 'other', description: 'Iets' });
    ids = { p, p2, rel, ev };
  });

  /** Every genogram route of family `fid` with the item ids of `x`. */
  function routes(fid, x) {
    const g = G(fid);
    return {
      'GET genogram': (c) => c.get(g),
      'POST person': (c) => c.post(`${g}/persons`, { given_names: 'Indringer' }),
      'GET person': (c) => c.get(`${g}/persons/${x.p.id}`),
      'PATCH person': (c) => c.patch(`${g}/persons/${x.p.id}`, { given_names: 'Gewijzigd' }, im(x.p.version)),
      'DELETE person': (c) => c.delete(`${g}/persons/${x.p.id}`, undefined, im(x.p.version)),
      'POST relation': (c) => c.post(`${g}/relations`, { type: 'emotional', a: x.p.id, b: x.p2.id, kind: 'conflict' }),
      'GET relation': (c) => c.get(`${g}/relations/${x.rel.id}`),
      'PATCH relation': (c) => c.patch(`${g}/relations/${x.rel.id}`, { kind: 'distant' }, im(x.rel.version)),
      'DELETE relation': (c) => c.delete(`${g}/relations/${x.rel.id}`, undefined, im(x.rel.version)),
      'POST event': (c) => c.post(`${g}/events`, { person_id: x.p.id, kind: 'other' }),
      'GET event': (c) => c.get(`${g}/events/${x.ev.id}`),
      'PATCH event': (c) => c.patch(`${g}/events/${x.ev.id}`, { description: 'Gewijzigd' }, im(x.ev.version)),
      'DELETE event': (c) => c.delete(`${g}/events/${x.ev.id}`, undefined, im(x.ev.version)),
      'POST from-household': (c) => c.request('POST', `${g}/from-household`),
      'GET svg': (c) => c.get(`/families/${fid}/genogram.svg`),
      'GET patterns': (c) => c.get(`${g}/patterns`),
      'POST import dry run': (c) => c.request('POST', `${g}/import?dry_run=true`, TINY_GED, { 'Content-Type': 'text/plain' }),
      'POST import': (c) => c.request('POST', `${g}/import`, TINY_GED, { 'Content-Type': 'text/plain' }),
      'GET ged': (c) => c.get(`/families/${fid}/genogram.ged`),
    };
  }

  for (const [user, status] of [['coach_a2', 404], ['lead_b', 404], ['admin_a', 403]]) {
    test(`${user} → ${status} on every genogram route, nothing changes, every attempt audited`, async () => {
      const c = await coach();
      const u = await h.srv.as(user);
      const uid = await h.srv.userId(user);
      const before = await state(c, f.id);
      for (const [name, run] of Object.entries(routes(f.id, ids))) {
        const r = await run(u);
        assertProblem(r, status, status === 404 ? 'not-found' : 'forbidden', `${user} ${name}`);
        assert.ok(!r.text.includes(secret), `${user} ${name}: the answer leaks a name`);
        const rows = await auditRows(h.srv, r);
        assert.ok(rows.length > 0, `${user} ${name}: refused attempt not audited`);
        assert.equal(rows[0].user_id, uid, `${user} ${name}: audit user`);
        assert.notEqual(rows[0].outcome, 'success', `${user} ${name}: audit outcome`);
      }
      assert.deepEqual(await state(c, f.id), before, `${user}: genogram changed`);
    });
  }

  test('the team lead of the organisation reads the genogram; lead_b cannot see it under any URL', async () => {
    const lead = await h.srv.as('lead_a');
    const g = await genogram(lead, f.id);
    assert.ok(g.persons.some((p) => p.id === ids.p.id));
    assertStatus(await lead.get(`/families/${f.id}/genogram.svg`), 200);
    assertStatus(await lead.get(`${G(f.id)}/persons/${ids.p.id}`), 200);
  });

  test('an item id of family X under the URL of family Y → 404, and X is untouched', async () => {
    const c = await coach();
    const y = await newFamily(h.srv);
    await addPerson(c, y.id, { given_names: 'Y-persoon' });
    const beforeX = await state(c, f.id);
    const beforeY = await state(c, y.id);
    const all = routes(y.id, ids);
    for (const name of ['GET person', 'PATCH person', 'DELETE person', 'GET relation', 'PATCH relation', 'DELETE relation', 'GET event', 'PATCH event', 'DELETE event']) {
      const r = await all[name](c);
      assertProblem(r, 404, 'not-found', `${name} with an id of another family`);
      assert.ok(!r.text.includes(secret), `${name}: leaks a name`);
    }
    // Highlighting a person of another family shows nothing of that person.
    const svg = await c.get(`/families/${y.id}/genogram.svg?highlight=${ids.p.id}`);
    assert.ok(svg.status === 200 || svg.status === 422 || svg.status === 404, `highlight with a foreign id → ${svg.status}`);
    assert.ok(!svg.text.includes(ids.p.id) && !svg.text.includes(secret), 'the foreign person is not drawn or named');
    assert.deepEqual(await state(c, f.id), beforeX, 'family X unchanged');
    assert.deepEqual(await state(c, y.id), beforeY, 'family Y unchanged');
  });

  test('every read and write is audited for the family, and shows on its access log', async () => {
    const c = await coach();
    const uid = await h.srv.userId('coach_a1');
    const fam = await newFamily(h.srv, { members: [memberInput()] });
    const g = G(fam.id);
    const reqs = {};
    reqs['GET genogram'] = await c.get(g);
    reqs['POST person'] = await c.post(`${g}/persons`, { given_names: 'Audit' });
    const p = reqs['POST person'].body.person;
    reqs['GET person'] = await c.get(`${g}/persons/${p.id}`);
    reqs['PATCH person'] = await c.patch(`${g}/persons/${p.id}`, { given_names: 'Audit2' }, im(p.version));
    reqs['POST from-household'] = await c.request('POST', `${g}/from-household`);
    const other = reqs['POST from-household'].body.persons[0];
    reqs['POST relation'] = await c.post(`${g}/relations`, { type: 'emotional', a: p.id, b: other.id, kind: 'close' });
    const rel = reqs['POST relation'].body;
    reqs['GET relation'] = await c.get(`${g}/relations/${rel.id}`);
    reqs['PATCH relation'] = await c.patch(`${g}/relations/${rel.id}`, { kind: 'fused' }, im(rel.version));
    reqs['POST event'] = await c.post(`${g}/events`, { person_id: p.id, kind: 'diploma', date: '2010' });
    const ev = reqs['POST event'].body;
    reqs['GET event'] = await c.get(`${g}/events/${ev.id}`);
    reqs['PATCH event'] = await c.patch(`${g}/events/${ev.id}`, { description: 'mbo' }, im(ev.version));
    reqs['DELETE event'] = await c.delete(`${g}/events/${ev.id}`, undefined, im(ev.version + 1));
    reqs['DELETE relation'] = await c.delete(`${g}/relations/${rel.id}`, undefined, im(rel.version + 1));
    reqs['GET svg'] = await c.get(`/families/${fam.id}/genogram.svg`);
    reqs['GET patterns'] = await c.get(`${g}/patterns`);
    reqs['GET ged'] = await c.get(`/families/${fam.id}/genogram.ged`);
    reqs['POST import dry run'] = await c.request('POST', `${g}/import?dry_run=true`, TINY_GED, { 'Content-Type': 'text/plain' });
    reqs['POST import'] = await c.request('POST', `${g}/import`, TINY_GED, { 'Content-Type': 'text/plain' });
    reqs['DELETE person'] = await c.delete(`${g}/persons/${p.id}`, undefined, im(p.version + 1));
    for (const [name, r] of Object.entries(reqs)) {
      assert.ok(r.status >= 200 && r.status < 300, `${name} → ${r.status} ${r.text.slice(0, 300)}`);
      const rows = await auditRows(h.srv, r);
      assert.ok(rows.length > 0, `${name}: no audit row`);
      assert.ok(rows.some((x) => x.user_id === uid && x.family_id === fam.id && x.outcome === 'success'), `${name}: audit rows ${JSON.stringify(rows)}`);
    }
    const log = await (await h.srv.as('lead_a')).get(`/families/${fam.id}/access-log?limit=200`);
    assertStatus(log, 200);
    const rids = new Set(log.body.items.map((e) => e.request_id));
    for (const name of ['GET genogram', 'POST person', 'GET svg', 'GET ged', 'POST import']) {
      assert.ok(rids.has(reqs[name].headers.get('x-request-id')), `${name} on the access log`);
    }
    const v = await h.srv.auditVerify();
    assert.equal(v.code, 0, `audit verify: ${v.stdout} ${v.stderr}`);
  });
});

// ---------------------------------------------------------------------------------
// Themes (organisation list). Runs last in this file: it changes Org A's list.

describe('themes', () => {
  test('GET for a coach; PUT only for the admin (403 for coach and team lead); a used theme cannot be removed', async () => {
    const c = await coach();
    const admin = await h.srv.as('admin_a');
    const r = await c.get('/genogram/themes');
    assertStatus(r, 200);
    const items = r.body.items;
    assert.ok(Array.isArray(items) && items.length > 0, r.text);
    for (const t of items) {
      assert.equal(typeof t.id, 'string');
      assert.equal(typeof t.label, 'string');
      assert.equal(typeof t.strength, 'boolean');
    }
    assert.ok(items.some((t) => t.id === 'schulden' && t.strength === false));
    assert.ok(items.some((t) => t.id === 'zorgzaam' && t.strength === true));
    const base = items.map(({ id, label, strength }) => ({ id, label, strength }));
    const newId = `muzikaal_${rand(2)}`;
    const next = [...base, { id: newId, label: 'Muzikaal', strength: true }];

    for (const who of ['coach_a1', 'lead_a']) {
      const u = await h.srv.as(who);
      assertProblem(await u.put('/genogram/themes', { items: next }), 403, 'forbidden', who);
    }
    assert.deepEqual((await c.get('/genogram/themes')).body.items, items, 'refused PUT changed nothing');

    const put = await admin.put('/genogram/themes', { items: next });
    assertStatus(put, 200);
    assert.ok(put.body.items.some((t) => t.id === newId));
    const after = await c.get('/genogram/themes');
    assert.ok(after.body.items.some((t) => t.id === newId && t.label === 'Muzikaal' && t.strength === true));
    // Org B's list is its own.
    const other = await (await h.srv.as('coach_b1')).get('/genogram/themes');
    assertStatus(other, 200);
    assert.ok(!other.body.items.some((t) => t.id === newId), "another organisation's list is not changed");

    // A person uses the new theme; removing it is refused with a message naming it.
    const f = await newFamily(h.srv);
    const { person } = await addPerson(c, f.id, { given_names: 'Zanger', themes: [newId] });
    assert.deepEqual(person.themes, [newId]);
    assert.ok((await genogram(c, f.id)).themes.some((t) => t.id === newId));
    const rm = await admin.put('/genogram/themes', { items: base });
    const body = assertProblem(rm, [409, 422], undefined, 'removing a used theme');
    assert.equal(rm.status, 409, 'a used theme is a conflict');
    assert.equal(body.code, 'theme_in_use');
    assert.equal(body.params.theme, newId, 'params.theme says which theme is still used');
    assert.match(body.detail, /Muzikaal/, 'the message names the theme');
    assert.ok((await c.get('/genogram/themes')).body.items.some((t) => t.id === newId), 'the theme is still there');
    assert.deepEqual((await c.get(`${G(f.id)}/persons/${person.id}`)).body.themes, [newId]);

    // Bad lists.
    for (const [bad, why] of [
      [{ items: [...next, { id: 'schulden', label: 'Nog eens', strength: false }] }, 'duplicate id'],
      [{ items: [...next, { id: '', label: 'Leeg', strength: false }] }, 'empty id'],
      [{ items: [...next, { id: 'x1', label: '', strength: false }] }, 'empty label'],
      [{ items: [...next, { id: 'x2', label: 'X', strength: 'ja' }] }, 'strength not boolean'],
      [{ items: 'schulden' }, 'items not a list'],
      [{ items: next, extra: 1 }, 'unknown field'],
    ]) {
      const res = await admin.put('/genogram/themes', bad);
      assertProblem(res, 422, 'validation', why);
    }
    const final = await c.get('/genogram/themes');
    assert.deepEqual(final.body.items.map((t) => t.id), next.map((t) => t.id), 'refused lists changed nothing');
  });
});
