#!/usr/bin/env node
// Keeps docs/openapi.yaml and the server's router in step: every route the binary
// serves must be described in the spec, and every operation in the spec must be
// served. Compares method + OpenAPI path template ("GET /api/v1/families/{id}").
//
// Usage: node scripts/check-openapi.mjs BIN [--spec FILE]
//   BIN     the kansrijk binary; `BIN routes` prints one `METHOD /path/{param}` per line.
//   --spec  the OpenAPI document (default: docs/openapi.yaml next to this script).
// Exit: 0 when both sides match, 1 on any difference or failure, 2 on bad usage.

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const ROUTE_LINE = /^([A-Z]+) (\/\S*)$/;

function usage(message) {
  if (message) console.error(`check-openapi: ${message}`);
  console.error('usage: node scripts/check-openapi.mjs BIN [--spec FILE]');
  process.exit(2);
}

function fail(message) {
  console.error(`check-openapi: ${message}`);
  process.exit(1);
}

function parseArgs(argv) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  let bin;
  let spec = path.join(repoRoot, 'docs', 'openapi.yaml');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--spec') {
      if (i + 1 >= argv.length) usage('--spec needs a file');
      spec = argv[++i];
    } else if (arg === '-h' || arg === '--help') {
      usage();
    } else if (arg.startsWith('-')) {
      usage(`unknown option ${arg}`);
    } else if (bin === undefined) {
      bin = arg;
    } else {
      usage(`unexpected argument ${arg}`);
    }
  }
  if (bin === undefined) usage('missing BIN');
  return { bin, spec };
}

// Returns the server's routes as a Set of "METHOD /path"; fails on output it cannot read.
function serverRoutes(bin) {
  // A bare name would be looked up on PATH; the caller means a file.
  const file = bin.includes('/') ? bin : `./${bin}`;
  if (!existsSync(file)) fail(`${bin} does not exist; build it first (make build-debug)`);
  let out;
  try {
    out = execFileSync(file, ['routes'], {
      encoding: 'utf8',
      timeout: 30_000,
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const why = err.code === 'ETIMEDOUT' ? 'timed out' : err.status != null ? `exited with ${err.status}` : err.message;
    const stderr = (err.stderr || '').toString().trim();
    fail(`\`${bin} routes\` ${why}${stderr ? `:\n${stderr}` : ''}`);
  }

  const routes = new Set();
  const bad = [];
  const lines = out.split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim() !== '');
  for (const [i, line] of lines.entries()) {
    const m = ROUTE_LINE.exec(line);
    if (!m || !HTTP_METHODS.includes(m[1].toLowerCase())) {
      bad.push(`  line ${i + 1}: ${JSON.stringify(line)}`);
      continue;
    }
    const route = `${m[1]} ${m[2]}`;
    if (routes.has(route)) console.error(`check-openapi: warning: \`${bin} routes\` lists ${route} twice`);
    routes.add(route);
  }
  if (bad.length) fail(`\`${bin} routes\` printed lines that are not "METHOD /path":\n${bad.join('\n')}`);
  if (routes.size === 0) fail(`\`${bin} routes\` printed no routes`);
  const sorted = [...lines].sort();
  if (lines.some((l, i) => l !== sorted[i])) {
    console.error(`check-openapi: warning: \`${bin} routes\` output is not in byte order (the contract says sorted)`);
  }
  return routes;
}

// Returns the spec's operations as a Map "METHOD /path" -> operationId (or '').
function specOperations(specFile) {
  let doc;
  try {
    doc = parse(readFileSync(specFile, 'utf8'));
  } catch (err) {
    fail(`cannot read ${specFile}: ${err.message}`);
  }
  if (!doc || typeof doc.paths !== 'object' || doc.paths === null) fail(`${specFile} has no paths`);
  const ops = new Map();
  for (const [p, item] of Object.entries(doc.paths)) {
    if (!item || typeof item !== 'object') continue;
    for (const key of Object.keys(item)) {
      if (!HTTP_METHODS.includes(key)) continue; // parameters, summary, servers, x-...
      ops.set(`${key.toUpperCase()} ${p}`, item[key]?.operationId ?? '');
    }
  }
  return ops;
}

// "GET /a/{x}/b/{y}" -> "GET /a/{}/b/{}": two routes that differ only in parameter names.
const shape = (route) => route.replace(/\{[^}/]*\}/g, '{}');

function main() {
  const { bin, spec } = parseArgs(process.argv.slice(2));
  const specRel = path.relative(process.cwd(), spec) || spec;
  const server = serverRoutes(bin);
  const ops = specOperations(spec);

  const onlyServer = [...server].filter((r) => !ops.has(r)).sort();
  const onlySpec = [...ops.keys()].filter((r) => !server.has(r)).sort();

  if (onlyServer.length === 0 && onlySpec.length === 0) {
    console.log(`openapi: ${ops.size} operations match the server's routes`);
    return;
  }

  const problems = [];
  // Pair up routes that differ only in the names of their path parameters.
  const specByShape = new Map(onlySpec.map((r) => [shape(r), r]));
  const renamed = new Set();
  for (const r of onlyServer) {
    const other = specByShape.get(shape(r));
    if (other) {
      problems.push(`  parameter names differ: server ${r}  vs  ${specRel} ${other}`);
      renamed.add(r).add(other);
    }
  }
  for (const r of onlyServer) {
    if (!renamed.has(r)) problems.push(`  in the server, missing from ${specRel}: ${r}`);
  }
  for (const r of onlySpec) {
    if (renamed.has(r)) continue;
    const id = ops.get(r);
    problems.push(`  in ${specRel}, not served by ${bin}: ${r}${id ? ` (${id})` : ''}`);
  }
  console.error(`openapi: ${specRel} and \`${bin} routes\` differ (${problems.length}):`);
  console.error(problems.join('\n'));
  process.exit(1);
}

main();
