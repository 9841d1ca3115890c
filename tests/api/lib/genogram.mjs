// Helpers shared by the genogram API tests (genogram.test.mjs, genogram-import.test.mjs).
import assert from 'node:assert/strict';
import { assertProblem, assertStatus, familyInput, rand } from './harness.mjs';

export const G = (fid) => `/families/${fid}/genogram`;
export const im = (v) => ({ 'If-Match': `"${v}"` });

/** A family of coach_a1 (created by lead_a); `members` as for POST /families (default none). */
export async function newFamily(srv, { coach = 'coach_a1', lead = 'lead_a', members = [], name } = {}) {
  const l = await srv.as(lead);
  const r = await l.post('/families', familyInput({ name: name || `Genogram ${rand(4)}`, coach_id: await srv.userId(coach), members }));
  assert.equal(r.status, 201, `setup family: ${r.text}`);
  return r.body;
}

/** POST a person (asserting 201); returns { person, relations, res }. */
export async function addPerson(c, fid, body) {
  const r = await c.post(`${G(fid)}/persons`, body);
  assertStatus(r, 201, `POST person ${JSON.stringify(body).slice(0, 200)}`);
  assert.ok(r.body?.person?.id, `201 without person: ${r.text.slice(0, 300)}`);
  return { person: r.body.person, relations: r.body.relations, res: r };
}

export async function addRelation(c, fid, body) {
  const r = await c.post(`${G(fid)}/relations`, body);
  assertStatus(r, 201, `POST relation ${JSON.stringify(body)}`);
  return r.body;
}

export async function addEvent(c, fid, body) {
  const r = await c.post(`${G(fid)}/events`, body);
  assertStatus(r, 201, `POST event ${JSON.stringify(body)}`);
  return r.body;
}

/** GET /genogram (asserting 200); returns the body. */
export async function genogram(c, fid) {
  const r = await c.get(G(fid));
  assertStatus(r, 200, `GET ${G(fid)}`);
  return r.body;
}

/** The stored state of a genogram (persons, relations, events) for before/after comparisons. */
export async function state(c, fid) {
  const g = await genogram(c, fid);
  return { persons: g.persons, relations: g.relations, events: g.events };
}

/** Runs `fn`, then asserts that the genogram of `fid` is exactly as before. Returns fn's result. */
export async function unchanged(c, fid, fn, msg = '') {
  const before = await state(c, fid);
  const r = await fn();
  if (r && typeof r.status === 'number') assert.ok(r.status < 500, `${msg}: server error ${r.status} ${r.text?.slice(0, 300)}`);
  const after = await state(c, fid);
  assert.deepEqual(after, before, `genogram changed by a refused request ${msg}`);
  return r;
}

/** Every field error code of a problem, over all fields. */
export function errorCodes(body) {
  return Object.values(body.errors || {}).flatMap((list) => (Array.isArray(list) ? list.map((e) => e && e.code) : []));
}

/**
 * A 422 problem with a detail text and at least one named field error, each {code, params, detail}.
 * `codes`: null, a reason code, or a list of acceptable codes; one field error must carry one of them.
 */
export function assertRefused(r, codes, msg = '') {
  const body = assertProblem(r, 422, 'validation', msg);
  assert.equal(typeof body.detail, 'string', `${msg}: detail missing: ${r.text}`);
  assert.ok(body.detail.trim().length > 5, `${msg}: detail empty: ${r.text}`);
  assert.ok(body.errors && typeof body.errors === 'object', `${msg}: errors missing: ${r.text}`);
  const keys = Object.keys(body.errors);
  assert.ok(keys.length > 0, `${msg}: errors names no field: ${r.text}`);
  for (const k of keys) {
    const list = body.errors[k];
    assert.ok(
      Array.isArray(list) && list.length &&
        list.every((e) => e && /^[a-z][a-z0-9_]*$/.test(e.code || '') && typeof e.params === 'object' && typeof e.detail === 'string' && e.detail.length),
      `${msg}: errors.${k} must be a list of {code, params, detail}: ${r.text}`,
    );
  }
  if (codes) {
    const want = Array.isArray(codes) ? codes : [codes];
    const got = errorCodes(body);
    assert.ok(got.some((c) => want.includes(c)), `${msg}: expected a field error coded ${want.join(' or ')}, got ${got.join(', ')}`);
  }
  return body;
}

/** Request id of a response, checked to be safe to put into SQL. */
export function requestId(r) {
  const id = r.headers.get('x-request-id');
  assert.ok(id && /^[A-Za-z0-9_.:-]{4,100}$/.test(id), `X-Request-Id: ${id}`);
  return id;
}

/** The audit rows of one request: [{ user_id, outcome, family_id, action, resource }]. */
export async function auditRows(srv, r) {
  const rid = requestId(r);
  const out = (await srv.sql(`SELECT user_id, outcome, family_id, action, resource FROM audit_log WHERE request_id = '${rid}' ORDER BY seq`)).trim();
  return out
    ? out.split('\n').map((l) => {
        const [user_id, outcome, family_id, action, resource] = l.split('|');
        return { user_id, outcome, family_id, action, resource };
      })
    : [];
}

/** A GEDCOM file with `n` persons (names only) and, if `families`, parent/child links in pairs. */
export function generatedGedcom(n, { prefix = 'P' } = {}) {
  const lines = ['0 HEAD', '1 CHAR UTF-8', '1 GEDC', '2 VERS 5.5.1', '2 FORM LINEAGE-LINKED'];
  for (let i = 1; i <= n; i++) lines.push(`0 @I${i}@ INDI`, `1 NAME ${prefix}${i} /Achternaam/`, '1 BIRT', `2 DATE ${1900 + (i % 100)}`);
  lines.push('0 TRLR', '');
  return lines.join('\n');
}

/**
 * A rough XML well-formedness check for the SVG: balanced tags, quoted attributes, no raw '<'
 * in attribute values, every '&' an entity. Returns the list of element names seen.
 */
export function checkXml(text) {
  const names = [];
  const stack = [];
  let s = text.replace(/^\uFEFF/, '');
  s = s.replace(/<\?xml[^?]*\?>/, '').replace(/<!DOCTYPE[^>]*>/i, '');
  s = s.replace(/<!--[\s\S]*?-->/g, '');
  s = s.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g;
  let last = 0;
  let m;
  while ((m = re.exec(s))) {
    const between = s.slice(last, m.index);
    assert.ok(!between.includes('<'), `SVG: unparsable markup near ${JSON.stringify(s.slice(last, last + 120))}`);
    assert.ok(!/&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)/.test(between), `SVG: raw & in text near ${JSON.stringify(between.slice(0, 120))}`);
    assert.ok(!/&(?!(?:[a-zA-Z]+|#\d+|#x[0-9a-fA-F]+);)/.test(m[3]), `SVG: raw & in attributes of <${m[2]}>`);
    const [, close, name, , selfClose] = m;
    if (close) {
      assert.equal(stack.pop(), name, `SVG: </${name}> closes the wrong element`);
    } else {
      names.push(name);
      if (!selfClose) stack.push(name);
    }
    last = re.lastIndex;
  }
  const tail = s.slice(last);
  assert.ok(!tail.includes('<'), `SVG: unparsable markup at the end ${JSON.stringify(tail.slice(0, 120))}`);
  assert.deepEqual(stack, [], 'SVG: unclosed elements');
  assert.equal(names[0], 'svg', 'SVG: root element is <svg>');
  return names;
}
