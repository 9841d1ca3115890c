#!/usr/bin/env node
// Checks that docs/licences.md lists every runtime dependency, with the right licence:
//   - the C++ libraries CMakeLists.txt finds and links (pkg_check_modules, find_package,
//     target_link_libraries), by their CMake name;
//   - every package in the production tree of web/ (package-lock.json entries that are not dev),
//     with the licence of its package.json (node_modules when installed, else the lock file).
// It also fails on rows that are no longer a dependency, so the page stays true.
// Node built-ins only. Run by `make test`; exit 0 when all is listed, 1 otherwise.
//   node scripts/check-licences.mjs [--doc FILE] [--cmake FILE] [--web DIR]
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const root = resolve(new URL('..', import.meta.url).pathname);
const { values: opt } = parseArgs({
  options: {
    doc: { type: 'string', default: join(root, 'docs/licences.md') },
    cmake: { type: 'string', default: join(root, 'CMakeLists.txt') },
    web: { type: 'string', default: join(root, 'web') },
  },
});
const problems = [];

// ---- docs/licences.md: the tables under "## C++" and "## npm"
function tables(markdown) {
  const sections = {};
  let section = null;
  let header = null;
  for (const line of markdown.split('\n')) {
    const h = /^##\s+(.*)/.exec(line);
    if (h) {
      section = /^C\+\+/.test(h[1]) ? 'cpp' : /^npm/.test(h[1]) ? 'npm' : null;
      header = null;
      continue;
    }
    if (!section || !line.trim().startsWith('|')) {
      header = line.trim().startsWith('|') ? header : null;
      continue;
    }
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    if (cells.every((c) => /^:?-+:?$/.test(c))) continue;
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      continue;
    }
    const licence = cells[header.indexOf('licence')];
    const compatible = cells[header.findIndex((c) => c.startsWith('eupl'))] ?? '';
    for (const m of cells[0].matchAll(/`([^`]+)`/g)) {
      (sections[section] ??= new Map()).set(m[1], { licence, compatible, used: 0 });
    }
  }
  return sections;
}
const doc = tables(readFileSync(opt.doc, 'utf8'));
const docName = 'docs/licences.md';
const cppRows = doc.cpp ?? new Map();
const npmRows = doc.npm ?? new Map();
if (!cppRows.size) problems.push(`${docName}: no table under a "## C++" heading`);
if (!npmRows.size) problems.push(`${docName}: no table under a "## npm" heading`);
for (const [section, rows] of Object.entries(doc)) {
  for (const [name, row] of rows) {
    if (!row.licence) problems.push(`${docName}: ${name} has no licence`);
    if (!/^yes\b/i.test(row.compatible)) problems.push(`${docName}: ${name} (${section}) is not marked compatible with EUPL-1.2 ("yes")`);
  }
}

// ---- C++: library names in CMakeLists.txt
const BUILD_TOOLS = new Set(['PkgConfig']); // finds libraries, links nothing
const cmake = readFileSync(opt.cmake, 'utf8').replace(/#.*$/gm, '');
const ownTargets = new Set([...cmake.matchAll(/add_(?:library|executable)\(\s*([\w.+-]+)/g)].map((m) => m[1]));
const cppNames = new Set();
for (const m of cmake.matchAll(/pkg_check_modules\(\s*\w+([^)]*)\)/g)) {
  for (const w of m[1].trim().split(/\s+/)) if (!/^[A-Z_]+$/.test(w)) cppNames.add(w.replace(/[<>=].*$/, ''));
}
for (const m of cmake.matchAll(/find_package\(\s*([\w.+-]+)/g)) cppNames.add(m[1]);
for (const m of cmake.matchAll(/target_link_libraries\(\s*[\w.+-]+([^)]*)\)/g)) {
  for (const w of m[1].trim().split(/\s+/)) {
    if (!w || /^(PUBLIC|PRIVATE|INTERFACE)$/.test(w) || w.includes('::') || w.startsWith('$') || w.startsWith('-')) continue;
    if (!ownTargets.has(w)) cppNames.add(w);
  }
}
for (const name of [...cppNames].sort()) {
  if (BUILD_TOOLS.has(name)) continue;
  const row = cppRows.get(name);
  if (!row) problems.push(`C++ library "${name}" (CMakeLists.txt) is not listed in ${docName}: add a row with its licence`);
  else row.used++;
}
for (const [name, row] of cppRows) {
  if (!row.used) problems.push(`${docName} lists C++ library "${name}", which CMakeLists.txt does not use: remove the row`);
}

// ---- npm: production tree of web/
const lock = JSON.parse(readFileSync(join(opt.web, 'package-lock.json'), 'utf8'));
const webPkg = JSON.parse(readFileSync(join(opt.web, 'package.json'), 'utf8'));
const licenceOf = (meta) =>
  typeof meta.license === 'string' ? meta.license
    : meta.license?.type ?? (Array.isArray(meta.licenses) ? meta.licenses.map((l) => l.type ?? l).join(' OR ') : undefined);
const seen = new Map(); // name -> Set of licences
for (const [path, entry] of Object.entries(lock.packages ?? {})) {
  if (!path || entry.dev || entry.devOptional || entry.link) continue;
  const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  let licence = licenceOf(entry);
  const installed = join(opt.web, path, 'package.json');
  if (existsSync(installed)) {
    const fromPkg = licenceOf(JSON.parse(readFileSync(installed, 'utf8')));
    if (licence && fromPkg !== licence) problems.push(`npm package "${name}": package.json says "${fromPkg}", package-lock.json says "${licence}"`);
    licence = fromPkg;
  }
  if (!seen.has(name)) seen.set(name, new Set());
  seen.get(name).add(licence ?? '(none)');
}
// A dependency named in package.json but absent from the lock is not installed at all.
for (const name of Object.keys(webPkg.dependencies ?? {})) {
  if (!seen.has(name)) problems.push(`npm package "${name}" is in web/package.json but not in web/package-lock.json: run npm install in web/`);
}
for (const [name, licences] of [...seen].sort(([a], [b]) => a.localeCompare(b))) {
  const scope = name.startsWith('@') ? `${name.split('/')[0]}/*` : null;
  const row = npmRows.get(name) ?? (scope && npmRows.get(scope));
  if (!row) {
    problems.push(`npm package "${name}" (${[...licences].join(', ')}) is a production dependency of web/ but is not listed in ${docName}: add a row with its licence`);
    continue;
  }
  row.used++;
  for (const licence of licences) {
    if (licence !== row.licence) problems.push(`npm package "${name}" has licence "${licence}" in its package.json, but ${docName} lists "${row.licence}"`);
  }
}
for (const [name, row] of npmRows) {
  if (!row.used) problems.push(`${docName} lists npm package "${name}", which is not in the production tree of web/: remove the row`);
}

if (problems.length) {
  console.error(`check-licences: ${problems.length} problem(s):`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-licences: ${cppNames.size - [...cppNames].filter((n) => BUILD_TOOLS.has(n)).length} C++ libraries and ${seen.size} npm packages, all listed in ${docName}`);
