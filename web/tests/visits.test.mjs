// Unit tests of the access log's grouping per visit (src/features/families/visits.ts): a pure
// function, compiled here with the project's own TypeScript, no browser or server needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';

const source = readFileSync(new URL('../src/features/families/visits.ts', import.meta.url), 'utf8');
const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
const dir = mkdtempSync(join(tmpdir(), 'visits-'));
writeFileSync(join(dir, 'visits.mjs'), js);
const { groupVisits, outcomeKind, VISIT_GAP_MINUTES } = await import(join(dir, 'visits.mjs'));
rmSync(dir, { recursive: true, force: true });

let seq = 1000;
// Rows newest first, as the API gives them. `min` is minutes after 10:00 UTC.
function row(user, min, action, outcome = 'success') {
  const at = new Date(Date.UTC(2026, 11, 2, 10, 0) + min * 60_000).toISOString();
  return { seq: seq--, at, user_id: user, user_name: user === 'u1' ? 'Esther Wolters' : 'Rachid Bouzid', role: 'coach', action, outcome };
}

test('six rows of one opening of the file are one visit, with what was looked at in order', () => {
  const rows = [
    row('u1', 3, 'timeline.read'),
    row('u1', 2, 'consent.list'),
    row('u1', 1, 'member.list'),
    row('u1', 1, 'member.list'),
    row('u1', 0, 'family.read'),
    row('u1', 0, 'access_log.read'),
  ];
  const visits = groupVisits(rows);
  assert.equal(visits.length, 1);
  assert.equal(visits[0].rows, 6);
  assert.equal(visits[0].kind, 'allowed');
  assert.equal(visits[0].first_at, rows[5].at);
  assert.equal(visits[0].last_at, rows[0].at);
  assert.deepEqual(visits[0].actions, [
    { action: 'access_log.read', count: 1 },
    { action: 'family.read', count: 1 },
    { action: 'member.list', count: 2 },
    { action: 'consent.list', count: 1 },
    { action: 'timeline.read', count: 1 },
  ]);
  assert.equal(visits[0].key, String(rows[0].seq));
});

test('another person, or a pause longer than the gap, starts a new visit', () => {
  const rows = [
    row('u1', 100, 'family.read'),
    row('u1', 100 - VISIT_GAP_MINUTES - 1, 'family.read'), // 31 minutes earlier
    row('u2', 5, 'family.read'),
    row('u1', 4, 'family.read'),
    row('u1', 4 - VISIT_GAP_MINUTES, 'member.list'), // exactly the gap: still the same visit
  ];
  const visits = groupVisits(rows);
  assert.deepEqual(
    visits.map((v) => [v.user_id, v.rows]),
    [['u1', 1], ['u1', 1], ['u2', 1], ['u1', 2]],
  );
});

test('a refusal is its own visit and is never counted as allowed', () => {
  const rows = [row('u2', 2, 'family.read'), row('u2', 1, 'family.read', 'denied'), row('u2', 1, 'member.list', 'denied'), row('u2', 0, 'family.read')];
  const visits = groupVisits(rows);
  assert.deepEqual(visits.map((v) => v.kind), ['allowed', 'refused', 'allowed']);
  assert.equal(visits[1].rows, 2);
  assert.equal(outcomeKind('forbidden'), 'refused');
  assert.equal(outcomeKind('not_found'), 'other');
});

test('a visit split over two pages joins up once the older page is loaded', () => {
  const all = [row('u1', 9, 'timeline.read'), row('u1', 8, 'consent.list'), row('u1', 7, 'member.list'), row('u1', 6, 'family.read')];
  const firstPage = all.slice(0, 2);
  assert.equal(groupVisits(firstPage).length, 1);
  const both = groupVisits(all);
  assert.equal(both.length, 1);
  assert.equal(both[0].rows, 4);
  // The key stays that of the newest row, so the visit keeps its place on screen.
  assert.equal(both[0].key, groupVisits(firstPage)[0].key);
});

test('no rows, no visits', () => {
  assert.deepEqual(groupVisits([]), []);
});
