// Genogram GEDCOM import and export (issue 5): the dry-run report and a commit that creates
// exactly what it reported, details "minimal" unless asked otherwise, character sets, garbage,
// truncated files, the person cap, the 50 MiB limit, and export → re-import.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { useServer, assertProblem, assertStatus } from './lib/harness.mjs';
import { G, im, newFamily, addPerson, genogram, state, unchanged, generatedGedcom } from './lib/genogram.mjs';

const h = useServer();
const coach = () => h.srv.as('coach_a1');
const fixture = (name) => fs.readFileSync(new URL(`../gedcom/${name}`, import.meta.url));
const linesOf = (buf) => buf.toString('utf8').replace(/^\uFEFF/, '').split(/\r\n|\r|\n/).filter((l, i, a) => !(i === a.length - 1 && l === ''));

/** POST the bytes to /import; `query` e.g. '?dry_run=true&details=full'. */
function importGed(c, fid, bytes, query = '', contentType = 'application/octet-stream') {
  const body = typeof bytes === 'string' ? bytes : new Uint8Array(bytes);
  return c.request('POST', `${G(fid)}/import${query}`, body, { 'Content-Type': contentType });
}

const REPORT_KEYS = ['dry_run', 'charset', 'lines', 'records', 'persons', 'relations', 'events', 'people', 'details', 'reduced', 'unused', 'unused_not_listed'];
function assertReport(r, { dryRun }) {
  assertStatus(r, dryRun ? 200 : 201, dryRun ? 'dry run' : 'commit');
  const b = r.body;
  assert.ok(b, `JSON body: ${r.text.slice(0, 300)}`);
  for (const k of REPORT_KEYS) assert.ok(k in b, `report lacks ${k}: ${r.text.slice(0, 500)}`);
  assert.equal(b.dry_run, dryRun);
  for (const k of ['lines', 'records', 'persons', 'relations', 'events', 'reduced', 'unused_not_listed']) assert.ok(Number.isInteger(b[k]) && b[k] >= 0, `${k}: ${b[k]}`);
  assert.ok(Array.isArray(b.people) && Array.isArray(b.unused));
  assert.ok(b.people.length === Math.min(b.persons, 500), `people lists the first 500 persons: ${b.people.length} of ${b.persons}`);
  for (const p of b.people) assert.ok(typeof p.name === 'string' && typeof p.years === 'string', JSON.stringify(p));
  for (const u of b.unused) {
    assert.ok(Number.isInteger(u.line) && u.line >= 1, JSON.stringify(u));
    assert.equal(typeof u.text, 'string');
    // Why a line was not used: a reason code with its parameters, and the words in the asked language.
    assert.match(u.code || '', /^[a-z][a-z0-9_]*$/, `unused line without a reason code: ${JSON.stringify(u)}`);
    assert.equal(typeof u.params, 'object', `unused line without params: ${JSON.stringify(u)}`);
    assert.ok(typeof u.reason === 'string' && u.reason.length > 0, `unused line without a reason: ${JSON.stringify(u)}`);
  }
  return b;
}
const counts = (b) => ({ persons: b.persons, relations: b.relations, events: b.events });
const datedEvents = (g) => g.events.filter((e) => e.date !== '').length;
const MONTH_OR_TEXT = /\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)\b|\(/;

describe('dry run and commit', () => {
  test('dry run of full.ged writes nothing and reports counts and every unused line', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const bytes = fixture('full.ged');
    const lines = linesOf(bytes);
    const r = await unchanged(c, f.id, () => importGed(c, f.id, bytes, '?dry_run=true', 'text/plain'));
    const b = assertReport(r, { dryRun: true });
    assert.equal(b.charset, 'UTF-8');
    assert.equal(b.lines, lines.length);
    assert.ok(b.records >= 8 && b.records <= lines.filter((l) => l.startsWith('0 ')).length, `records ${b.records}`);
    assert.equal(b.persons, 8, 'eight INDI records');
    assert.ok(b.relations >= 8, `relations ${b.relations}`);
    assert.ok(b.events >= 3, `events ${b.events}`);
    assert.equal(b.details, 'minimal');
    assert.ok(b.reduced > 0, 'surnames and exact dates are left out by default');
    assert.ok(b.people.some((p) => p.name.includes('Johannes')), JSON.stringify(b.people));
    // Each unused line is named with its number and text, as in the file.
    for (const u of b.unused) {
      const fileLine = lines[u.line - 1];
      assert.ok(fileLine !== undefined, `line ${u.line} beyond the file`);
      assert.ok(fileLine.trim().startsWith(u.text.trim().slice(0, 40)), `line ${u.line}: report says ${JSON.stringify(u.text)}, file has ${JSON.stringify(fileLine)}`);
    }
    const unusedText = b.unused.map((u) => u.text).join('\n');
    for (const want of ['1 _UID 1234567890', '1 WEIRD something unknown', '1 FAMC @F99@', '1 CHIL @I9@']) {
      assert.ok(unusedText.includes(want), `unused lists ${JSON.stringify(want)}: ${JSON.stringify(b.unused)}`);
    }
    assert.ok(b.unused.some((u) => /_CUSTOM|_SUB/.test(u.text)), 'a vendor record is listed as unused');
    assert.equal(b.unused_not_listed, 0);
    assert.deepEqual((await genogram(c, f.id)).persons, [], 'dry run wrote nothing');
  });

  test('commit creates exactly what the dry run reported, added to the genogram, details minimal', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const { person: own } = await addPerson(c, f.id, { given_names: 'Eigen', surname: 'Persoon', in_household: true });
    const bytes = fixture('full.ged');
    const dry = assertReport(await importGed(c, f.id, bytes, '?dry_run=true'), { dryRun: true });
    const r = await importGed(c, f.id, bytes);
    const b = assertReport(r, { dryRun: false });
    assert.deepEqual(counts(b), counts(dry), 'the commit reports what the dry run reported');
    assert.equal(b.reduced, dry.reduced);
    const g = await genogram(c, f.id);
    assert.equal(g.persons.length, 1 + dry.persons, 'imported persons are added, the own person stays');
    assert.equal(g.persons[0].id, own.id);
    assert.equal(g.relations.length, dry.relations);
    assert.equal(g.events.length, dry.events);
    const imported = g.persons.slice(1);
    for (const p of imported) {
      assert.equal(p.in_household, false, `${p.display_name} outside the household`);
      assert.equal(p.details, 'minimal');
      assert.equal(p.surname, '', `${p.given_names}: no surname in minimal`);
      assert.doesNotMatch(p.birth, MONTH_OR_TEXT, `${p.given_names}: birth at most a year: ${p.birth}`);
      assert.doesNotMatch(p.death, MONTH_OR_TEXT, `${p.given_names}: death at most a year: ${p.death}`);
      assert.equal(p.member_id, null);
    }
    const hendrik = imported.find((p) => p.given_names === 'Hendrik');
    assert.ok(hendrik, 'Hendrik imported');
    assert.equal(hendrik.birth, '1948', '12 MAR 1948 reduced to the year');
    assert.equal(hendrik.sex, 'male');

    // A second import is added again (not merged), now with details=full.
    const dryFull = assertReport(await importGed(c, f.id, bytes, '?dry_run=true&details=full'), { dryRun: true });
    assert.equal(dryFull.details, 'full');
    assert.equal(dryFull.reduced, 0);
    assert.deepEqual(counts(dryFull), counts(dry));
    const full = assertReport(await importGed(c, f.id, bytes, '?details=full'), { dryRun: false });
    assert.deepEqual(counts(full), counts(dry));
    const g2 = await genogram(c, f.id);
    assert.equal(g2.persons.length, 1 + 2 * dry.persons);
    const second = g2.persons.slice(1 + dry.persons);
    for (const p of second) assert.equal(p.details, 'full');
    const h2 = second.find((p) => p.given_names === 'Hendrik');
    assert.equal(h2.surname, 'de Vries');
    assert.equal(h2.birth, '12 MAR 1948');
    assert.ok(second.some((p) => p.given_names === 'Grietje' && p.deceased === true), 'DEAT Y → deceased');
    assert.ok(g2.relations.some((x) => x.type === 'twins' && x.kind === 'identical'), 'ASSO RELA Identical twin');
    assert.ok(g2.relations.some((x) => x.type === 'parent_child' && x.kind === 'adoptive'), 'PEDI adopted');
    assert.ok(g2.relations.some((x) => x.type === 'parent_child' && x.kind === 'foster'), 'PEDI foster');
    assert.ok(g2.relations.some((x) => x.type === 'partner' && x.kind === 'married' && x.state === 'divorced'), 'MARR + DIV');
    assert.ok(g2.relations.some((x) => x.type === 'emotional' && x.kind === 'distant'), '_EMOT distant');
  });

  test('data the model refuses is left out and listed; what is imported is consistent', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const bytes = fixture('bad_data.ged');
    const lines = linesOf(bytes);
    const dry = assertReport(await unchanged(c, f.id, () => importGed(c, f.id, bytes, '?dry_run=true')), { dryRun: true });
    assert.equal(dry.persons, 3);
    const listed = dry.unused.map((u) => u.line);
    for (const want of ['5 DEEP jump', 'this line is not gedcom']) {
      const n = lines.indexOf(want) + 1;
      assert.ok(listed.includes(n), `line ${n} (${want}) listed: ${JSON.stringify(dry.unused)}`);
    }
    assert.ok(dry.unused.length >= 4, 'the cycle and the death before birth are listed too');
    const b = assertReport(await importGed(c, f.id, bytes, '?details=full'), { dryRun: false });
    const g = await genogram(c, f.id);
    assert.equal(g.persons.length, b.persons);
    assert.equal(g.relations.length, b.relations);
    assert.equal(g.events.length, b.events);
    // Whatever went in, the genogram accepts further edits (it is consistent).
    const p = g.persons[0];
    assertStatus(await c.patch(`${G(f.id)}/persons/${p.id}`, { note: 'na import' }, im(p.version)), 200);
    assertStatus(await c.get(`/families/${f.id}/genogram.svg`), 200);
  });
});

describe('character sets and bad files', () => {
  test('ANSEL, ASCII and UTF-8 with BOM and CRLF are read', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const ansel = assertReport(await importGed(c, f.id, fixture('ansel.ged'), '?dry_run=true'), { dryRun: true });
    assert.equal(ansel.charset, 'ANSEL');
    assert.equal(ansel.persons, 5);
    assertReport(await importGed(c, f.id, fixture('ansel.ged'), '?details=full'), { dryRun: false });
    const names = (await genogram(c, f.id)).persons.map((p) => `${p.given_names} ${p.surname}`.normalize('NFC'));
    for (const n of ['René Müller', 'François Bjørnsen', 'Åsa Straße', 'Noël Öztürk']) assert.ok(names.includes(n), `${n} in ${JSON.stringify(names)}`);

    const f2 = await newFamily(h.srv);
    const ascii = assertReport(await importGed(c, f2.id, fixture('ascii_cohabiting.ged'), '?dry_run=true'), { dryRun: true });
    assert.equal(ascii.charset, 'ASCII');
    assert.equal(ascii.persons, 2);
    assertReport(await importGed(c, f2.id, fixture('ascii_cohabiting.ged')), { dryRun: false });
    const rel = (await genogram(c, f2.id)).relations;
    assert.equal(rel.length, 1);
    assert.equal(rel[0].type, 'partner');
    assert.equal(rel[0].kind, 'cohabiting');

    const f3 = await newFamily(h.srv);
    const bom = assertReport(await importGed(c, f3.id, fixture('bom_crlf.ged'), '?dry_run=true&details=full'), { dryRun: true });
    assert.equal(bom.charset, 'UTF-8');
    assert.equal(bom.lines, 8);
    assertReport(await importGed(c, f3.id, fixture('bom_crlf.ged'), '?details=full'), { dryRun: false });
    const [jose] = (await genogram(c, f3.id)).persons;
    assert.equal(jose.given_names, 'José');
    assert.equal(jose.surname, 'Muñoz');
    assert.equal(jose.birth, '1 JAN 1990');
  });

  test('unsupported character sets → 422 naming the charset; nothing written', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    await addPerson(c, f.id, { given_names: 'Blijft' });
    const utf16be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('0 HEAD\n1 CHAR UNICODE\n0 TRLR\n', 'utf16le').swap16()]);
    const utf16noBom = Buffer.from('0 HEAD\r\n1 CHAR UNICODE\r\n0 TRLR\r\n', 'utf16le');
    const cases = [
      ['ibmpc.ged', fixture('ibmpc.ged'), /IBMPC/],
      ['utf16.ged (UTF-16 LE BOM)', fixture('utf16.ged'), /UTF-16|UNICODE/],
      ['UTF-16 BE BOM', utf16be, /UTF-16|UNICODE/],
      ['UTF-16 without BOM', utf16noBom, /UTF-16|UNICODE/],
      ['CHAR ANSI', Buffer.from('0 HEAD\n1 CHAR ANSI\n0 @I1@ INDI\n1 NAME Jan /Smit/\n0 TRLR\n'), /ANSI/],
      ['CHAR MACINTOSH', Buffer.from('0 HEAD\n1 CHAR MACINTOSH\n0 @I1@ INDI\n1 NAME Jan /Smit/\n0 TRLR\n'), /MACINTOSH/],
    ];
    for (const [label, bytes, re] of cases) {
      for (const q of ['?dry_run=true', '']) {
        const r = await unchanged(c, f.id, () => importGed(c, f.id, bytes, q), `${label} ${q}`);
        const b = assertProblem(r, 422, undefined, `${label} ${q}`);
        assert.equal(b.code, 'gedcom_charset_unsupported', `${label}: ${r.text}`);
        assert.match(b.params.charset || '', re, `${label}: params.charset names the charset`);
        assert.match(b.detail || '', re, `${label}: the message names the charset`);
      }
    }
  });

  test('binary garbage and files without a GEDCOM line → 422; nothing written', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    await addPerson(c, f.id, { given_names: 'Blijft' });
    let seed = 12345;
    const prng = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 0xff;
    const random = Buffer.from(Array.from({ length: 64 * 1024 }, prng));
    const high = Buffer.from(Array.from({ length: 8 * 1024 }, () => 0x80 | prng()));
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), high]);
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), high]);
    const cases = [
      ['random bytes', random],
      ['high bytes', high],
      ['PNG', png],
      ['ZIP', zip],
      ['NUL bytes', Buffer.alloc(4096)],
      ['plain text', Buffer.from('Dit is een brief aan de familie.\nGeen stamboom.\n')],
      ['JSON', Buffer.from('{"persons":[{"name":"Jan"}]}')],
      ['empty', Buffer.alloc(0)],
      // Text with a line that merely looks like GEDCOM, but no header (issue 9.7).
      ['no 0 HEAD', Buffer.from('0 @I1@ INDI\n1 NAME Jan /Smit/\n0 TRLR\n')],
      ['HEAD not first', Buffer.from('0 @I1@ INDI\n0 HEAD\n1 CHAR UTF-8\n0 TRLR\n')],
    ];
    // Random binary files of many sizes: about one in fifteen used to pass as a one-record ANSEL file.
    for (let i = 0; i < 30; i++) cases.push([`random buffer ${i}`, Buffer.from(Array.from({ length: 16 + ((i * 977) % 6000) }, prng))]);
    const FILE_CODES = ['gedcom_no_head', 'gedcom_empty', 'gedcom_charset_unsupported'];
    for (const [label, bytes] of cases) {
      for (const q of ['?dry_run=true', '']) {
        const r = await unchanged(c, f.id, () => importGed(c, f.id, bytes, q), `${label} ${q}`);
        const b = assertProblem(r, 422, undefined, `${label} ${q}`);
        assert.ok(typeof b.detail === 'string' && b.detail.length > 10, `${label}: a clear message: ${r.text}`);
        if (label === 'empty') assert.equal(b.errors?.body?.[0]?.code, 'gedcom_body_missing', r.text);
        else assert.ok(FILE_CODES.includes(b.code), `${label}: refused as not GEDCOM, got ${b.code}`);
        if (label.startsWith('no 0 HEAD') || label.startsWith('HEAD not first')) assert.equal(b.code, 'gedcom_no_head', r.text);
      }
    }
    assert.equal((await genogram(c, f.id)).persons.length, 1, 'only the person that was there');
  });

  test('truncated files: a report or a 422, never a 5xx; a commit matches its report', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const trunc = fixture('truncated.ged');
    const r = await importGed(c, f.id, trunc, '?dry_run=true');
    assert.ok([200, 422].includes(r.status), `truncated.ged → ${r.status} ${r.text.slice(0, 300)}`);
    if (r.status === 200) {
      const dry = assertReport(r, { dryRun: true });
      assert.equal(dry.persons, 1);
      const b = assertReport(await importGed(c, f.id, trunc), { dryRun: false });
      assert.deepEqual(counts(b), counts(dry));
      assert.equal((await genogram(c, f.id)).persons.length, 1);
    }
    // full.ged cut at many points.
    const full = fixture('full.ged');
    const f2 = await newFamily(h.srv);
    for (const at of [1, 5, 17, 40, 101, 333, 500, 777, 901, 1000, 1234, 1500, 1700, full.length - 3]) {
      const x = await unchanged(c, f2.id, () => importGed(c, f2.id, full.subarray(0, at), '?dry_run=true'), `cut at ${at}`);
      assert.ok([200, 422].includes(x.status), `cut at ${at} → ${x.status} ${x.text.slice(0, 300)}`);
      if (x.status === 200) assertReport(x, { dryRun: true });
      else assertProblem(x, 422);
    }
  });
});

describe('limits', () => {
  test('over 5,000 persons → 422 and nothing imported (also counting the persons already there)', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const ged = generatedGedcom(5001);
    for (const q of ['', '?details=full']) {
      const r = await unchanged(c, f.id, () => importGed(c, f.id, ged, q), `5001 persons ${q}`);
      const b = assertProblem(r, 422, undefined, '5001 persons');
      const capError = (b.errors?.genogram || []).find((e) => e.code === 'genogram_too_many_persons');
      assert.ok(capError, `the cap as a coded error: ${r.text.slice(0, 400)}`);
      assert.equal(capError.params.max, '5000', 'params.max names the cap');
      assert.match(capError.detail, /5[.,]?000/, 'the message names the cap');
    }
    assert.equal((await genogram(c, f.id)).persons.length, 0);
    // 4,999 new ones on top of two existing persons is one too many as well.
    await addPerson(c, f.id, { given_names: 'Eerste' });
    await addPerson(c, f.id, { given_names: 'Tweede' });
    const r2 = await unchanged(c, f.id, () => importGed(c, f.id, generatedGedcom(4999)), '2 + 4999');
    assertProblem(r2, 422, undefined, '2 existing + 4999 imported');
    assert.equal((await genogram(c, f.id)).persons.length, 2);
  });

  test('a GEDCOM body over 1 MiB is accepted (the import limit is 50 MiB, not the JSON limit)', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const lines = ['0 HEAD', '1 CHAR UTF-8'];
    for (let i = 1; i <= 200; i++) {
      lines.push(`0 @I${i}@ INDI`, `1 NAME Persoon${i} /Lang/`, `1 NOTE ${'Een lange notitie. '.repeat(20)}`);
      for (let k = 0; k < 30; k++) lines.push(`2 CONT ${'Nog een regel tekst in de notitie. '.repeat(10)}`);
    }
    lines.push('0 TRLR', '');
    const ged = lines.join('\n');
    assert.ok(Buffer.byteLength(ged) > 2 * 1024 * 1024, `size ${Buffer.byteLength(ged)}`);
    const b = assertReport(await unchanged(c, f.id, () => importGed(c, f.id, ged, '?dry_run=true', 'text/plain; charset=utf-8')), { dryRun: true });
    assert.equal(b.persons, 200);
  });

  test('a body over 50 MiB → 413; the server stays up and keeps importing', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    await addPerson(c, f.id, { given_names: 'Blijft' });
    const head = Buffer.from('0 HEAD\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Groot /Bestand/\n1 NOTE begin\n');
    const line = Buffer.from(`2 CONT ${'x'.repeat(120)}\n`);
    const target = 51 * 1024 * 1024;
    const big = Buffer.alloc(target);
    head.copy(big, 0);
    for (let off = head.length; off < target; off += line.length) line.copy(big, off, 0, Math.min(line.length, target - off));
    let r;
    try {
      r = await unchanged(c, f.id, () => importGed(c, f.id, big, '?dry_run=true'));
    } catch (e) {
      assert.fail(`a 51 MiB body must be answered with 413, but the request failed: ${e.message}`);
    }
    assertProblem(r, 413, 'payload-too-large');
    assert.ok(r.body.detail, 'detail text');
    const health = await fetch(h.srv.url + '/healthz');
    assert.equal(health.status, 200, 'healthz after the big body');
    assert.ok(h.srv.alive, 'server still running');
    const r2 = await unchanged(c, f.id, () => importGed(c, f.id, big), 'commit 51 MiB');
    assertProblem(r2, 413, 'payload-too-large');
    // Only the Content-Length announces it.
    const raw = await h.srv.raw(
      `POST /api/v1/families/${f.id}/genogram/import HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: kansrijk_session=${c.cookie}\r\n` +
        `X-CSRF-Token: ${c.csrf}\r\nContent-Type: application/octet-stream\r\nContent-Length: ${60 * 1024 * 1024}\r\nConnection: close\r\n\r\n0 HEAD\n`,
      { timeout: 8000 },
    );
    assert.equal(raw.status, 413, `announced 60 MiB → ${raw.status} (${raw.why})`);
    assertStatus(await h.srv.client().get('/healthz'), 200);
    assertReport(await importGed(c, f.id, fixture('bom_crlf.ged')), { dryRun: false });
    assert.equal((await genogram(c, f.id)).persons.length, 2);
  });
});

describe('report limits, parameters and atomicity', () => {
  test('more than 1,000 unused lines: 1,000 listed, the rest counted', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const lines = ['0 HEAD', '1 CHAR UTF-8', '0 @I1@ INDI', '1 NAME Veel /Rommel/'];
    for (let i = 0; i < 1500; i++) lines.push(`1 _VENDOR${i} waarde ${i}`);
    lines.push('0 TRLR', '');
    const b = assertReport(await unchanged(c, f.id, () => importGed(c, f.id, lines.join('\n'), '?dry_run=true')), { dryRun: true });
    assert.equal(b.persons, 1);
    assert.equal(b.unused.length, 1000);
    assert.equal(b.unused_not_listed, 500);
    assert.equal(b.unused[0].line, 5);
    assert.equal(b.unused[0].text, '1 _VENDOR0 waarde 0');
  });

  test('dry_run and details only take their known values; an unclear value never commits or reveals more', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const bytes = fixture('full.ged');
    for (const q of ['?dry_run=yes', '?dry_run=1', '?dry_run=', '?dry_run=TRUE']) {
      const r = await unchanged(c, f.id, () => importGed(c, f.id, bytes, q), q);
      if (r.status === 200) assert.equal(r.body.dry_run, true, `${q} was taken as a dry run`);
      else assertProblem(r, 422, undefined, `${q}: a dry run or a 422, never a commit`);
    }
    for (const q of ['?dry_run=true&details=alles', '?dry_run=true&details=FULL2']) {
      const r = await importGed(c, f.id, bytes, q);
      if (r.status === 200) assert.equal(r.body.details, 'minimal', `${q}: an unknown details value must not give full details`);
      else assertProblem(r, 422, undefined, q);
    }
    const r = await unchanged(c, f.id, () => importGed(c, f.id, bytes, '?dry_run=true&details=alles'), 'details=alles');
    assert.ok(r.status === 200 || r.status === 422, `${r.status}`);
  });

  test('a commit is one transaction: readers see none or all of it; the first 500 people are listed', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const n = 2500;
    const ged = generatedGedcom(n, { prefix: 'Atoom' });
    const dry = assertReport(await importGed(c, f.id, ged, '?dry_run=true'), { dryRun: true });
    assert.equal(dry.persons, n);
    assert.equal(dry.people.length, 500);
    const reader = await h.srv.login('coach_a1');
    let done = false;
    const seen = new Set();
    const poll = (async () => {
      while (!done) {
        const r = await reader.get(G(f.id));
        assertStatus(r, 200);
        seen.add(r.body.persons.length);
      }
    })();
    const commit = importGed(c, f.id, ged);
    const r = await commit;
    done = true;
    await poll;
    seen.add((await genogram(c, f.id)).persons.length);
    assertReport(r, { dryRun: false });
    for (const k of seen) assert.ok(k === 0 || k === n, `a reader saw ${k} of ${n} imported persons: ${[...seen]}`);
    assert.ok(seen.has(n));
  });

  test('two imports at once cannot pass the 5,000-person cap together', async () => {
    const c = await coach();
    const c2 = await h.srv.login('coach_a1');
    const f = await newFamily(h.srv);
    const ged = generatedGedcom(2600, { prefix: 'Race' });
    const rs = await Promise.all([importGed(c, f.id, ged), importGed(c2, f.id, ged)]);
    const statuses = rs.map((r) => r.status).sort();
    assert.deepEqual(statuses, [201, 422], `statuses ${statuses}: ${rs.map((r) => r.text.slice(0, 200)).join(' | ')}`);
    assert.equal((await genogram(c, f.id)).persons.length, 2600);
  });
});

describe('export', () => {
  test('genogram.ged: a GEDCOM attachment; notes of persons outside the household are left out; re-import gives the same counts', async () => {
    const c = await coach();
    const x = await newFamily(h.srv);
    assertReport(await importGed(c, x.id, fixture('full.ged'), '?details=full'), { dryRun: false });
    const gx0 = await genogram(c, x.id);
    const outside = gx0.persons.find((p) => p.given_names === 'Hendrik');
    const inside = gx0.persons.find((p) => p.given_names === 'Anna');
    const secretNote = 'Schuld bij de buren, niet delen';
    const homeNote = 'Woont bij het gezin sinds 2020';
    assertStatus(await c.patch(`${G(x.id)}/persons/${outside.id}`, { note: secretNote }, im(outside.version)), 200);
    assertStatus(await c.patch(`${G(x.id)}/persons/${inside.id}`, { in_household: true, note: homeNote }, im(inside.version)), 200);
    await addPerson(c, x.id, { given_names: 'Zoë "Z" <Test> & Co', surname: 'Ünal', birth: '(voor de oorlog)', details: 'full', in_household: true });
    const gx = await genogram(c, x.id);

    const r = await c.get(`/families/${x.id}/genogram.ged`);
    assertStatus(r, 200);
    assert.match(r.headers.get('content-type') || '', /^text\/plain;\s*charset=utf-8/i);
    assert.match(r.headers.get('content-disposition') || '', /^attachment\b.*\.ged/i);
    const ged = r.text;
    assert.match(ged, /^0 HEAD\r?\n/);
    assert.match(ged, /\n1 CHAR UTF-8\r?\n/);
    assert.match(ged.trimEnd(), /\n0 TRLR$/);
    assert.ok(!ged.includes('Schuld bij de buren'), 'the note of a person outside the household is left out');
    assert.ok(ged.includes('Woont bij het gezin'), 'the note of a household member is kept');
    assert.ok(ged.includes('Zoë "Z" <Test> & Co'), 'names are written as they are (UTF-8)');

    const y = await newFamily(h.srv);
    const dry = assertReport(await unchanged(c, y.id, () => importGed(c, y.id, ged, '?dry_run=true&details=full', 'text/plain; charset=utf-8')), { dryRun: true });
    assert.equal(dry.charset, 'UTF-8');
    assert.equal(dry.persons, gx.persons.length);
    assert.equal(dry.relations, gx.relations.length);
    assertReport(await importGed(c, y.id, ged, '?details=full'), { dryRun: false });
    const gy = await genogram(c, y.id);
    assert.equal(gy.persons.length, gx.persons.length, 'same number of persons');
    assert.equal(gy.relations.length, gx.relations.length, 'same number of relations');
    assert.equal(datedEvents(gy), datedEvents(gx), 'same number of dated events');
    const kinds = (g) => g.relations.map((x2) => `${x2.type}/${x2.kind}`).sort();
    assert.deepEqual(kinds(gy), kinds(gx), 'same relation types and kinds');
    const names = (g) => g.persons.map((p) => `${p.given_names}|${p.surname}|${p.birth}|${p.death}|${p.sex}`).sort();
    assert.deepEqual(names(gy), names(gx), 'names, dates and sex survive the round trip');
    assert.ok(!gy.persons.some((p) => p.note === secretNote), 'the left-out note did not travel');
    // X itself was not changed by exporting.
    assert.deepEqual(await state(c, x.id), { persons: gx.persons, relations: gx.relations, events: gx.events });
  });

  test('an empty genogram exports a valid file that imports as nothing', async () => {
    const c = await coach();
    const f = await newFamily(h.srv);
    const r = await c.get(`/families/${f.id}/genogram.ged`);
    assertStatus(r, 200);
    assert.match(r.text, /^0 HEAD/);
    assert.match(r.text.trimEnd(), /0 TRLR$/);
    const b = assertReport(await importGed(c, f.id, r.text, '?dry_run=true'), { dryRun: true });
    assert.deepEqual(counts(b), { persons: 0, relations: 0, events: 0 });
  });
});
