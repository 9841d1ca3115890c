// Test harness for the kansrijk HTTP API and CLI. Node built-ins only.
//
//   const h = useServer();                 // one server per test file (before/after hooks)
//   test('x', async () => { const c = await h.srv.as('coach_a1'); ... });
//
//   const srv = await startServer({ t });  // a server of its own, closed when `t` ends
//
// The database is SQLite in a temp dir, or — when KANSRIJK_TEST_PG holds a base URL such
// as `postgresql:host=/tmp/x port=5433 user=postgres dbname=postgres` — a fresh
// PostgreSQL database per server, dropped afterwards.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes, createHmac } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, before, after } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';

export const BIN = path.resolve(process.env.KANSRIJK_BIN || 'build/debug/kansrijk');
export const PG_BASE = process.env.KANSRIJK_TEST_PG || '';
export const DB_KIND = PG_BASE ? 'postgresql' : 'sqlite';
const KEEP = !!process.env.KANSRIJK_TEST_KEEP; // keep temp dirs / databases for debugging

export const ORG_A = 'Org A';
export const ORG_B = 'Org B';
/** The users every server starts with: name → { org, role, password, display }. */
export const USERS = {
  admin_a: { org: ORG_A, role: 'admin', display: 'Admin A' },
  lead_a: { org: ORG_A, role: 'team_lead', display: 'Lead A' },
  coach_a1: { org: ORG_A, role: 'coach', display: 'Coach A1' },
  coach_a2: { org: ORG_A, role: 'coach', display: 'Coach A2' },
  lead_b: { org: ORG_B, role: 'team_lead', display: 'Lead B' },
  coach_b1: { org: ORG_B, role: 'coach', display: 'Coach B1' },
};
for (const [name, u] of Object.entries(USERS)) u.password = `${name}-Geheim-2026!`;
export const password = (name) => `${name}-Geheim-2026!`;

// ---------------------------------------------------------------------------------
// Diagnostics: print the server's stderr (ASan/UBSan reports end up there) when a test
// fails. Every server of this process is remembered with the part of stderr already shown.
const servers = new Set();
afterEach((t) => {
  if (t.passed === false) for (const s of servers) s.dumpStderr(`after failed test "${t.name}"`);
});
process.on('exit', () => {
  for (const s of servers) s._scanSanitizer();
});

// ---------------------------------------------------------------------------------
// Small utilities

export const rand = (n = 6) => randomBytes(n).toString('hex');

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs a program; resolves { code, signal, stdout, stderr }. Never rejects on exit code. */
export function run(cmd, args, { stdin, env, cwd, timeout = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { env: { ...process.env, ...env }, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    p.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      stderr += `\n[harness] timeout after ${timeout} ms, killing ${cmd}\n`;
      p.kill('SIGKILL');
    }, timeout);
    p.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    p.stdin.on('error', () => {}); // the program may exit before reading stdin
    if (stdin !== undefined) p.stdin.end(stdin);
    else p.stdin.end();
  });
}

// ---------------------------------------------------------------------------------
// PostgreSQL connection strings

/** Parses `postgresql:k=v k2='v 2'` (libpq keyword form behind our prefix) into an object. */
function parseKeywords(s) {
  const out = {};
  const re = /\s*([A-Za-z_]+)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|(\S+))/g;
  let m;
  while ((m = re.exec(s))) out[m[1]] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  return out;
}
const quoteKw = (v) => (/^[^\s'\\]+$/.test(v) ? v : `'${String(v).replace(/(['\\])/g, '\\$1')}'`);

/** Returns { libpq: string for psql, url: string for kansrijk } for database `dbname`. */
export function pgConn(base, dbname) {
  if (/^postgres(ql)?:\/\//.test(base)) {
    const u = new URL(base);
    u.pathname = '/' + dbname;
    return { libpq: u.toString(), url: u.toString() };
  }
  const kw = parseKeywords(base.replace(/^postgres(ql)?:/, ''));
  kw.dbname = dbname;
  const s = Object.entries(kw)
    .map(([k, v]) => `${k}=${quoteKw(v)}`)
    .join(' ');
  return { libpq: s, url: `postgresql:${s}` };
}

/** libpq string for the database named in the base URL itself (default postgres). */
export function pgAdminConn(base) {
  if (/^postgres(ql)?:\/\//.test(base)) return base;
  const kw = parseKeywords(base.replace(/^postgres(ql)?:/, ''));
  return pgConn(base, kw.dbname || 'postgres').libpq;
}

export async function psql(libpq, sql) {
  const r = await run('psql', [libpq, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-c', sql]);
  if (r.code !== 0) throw new Error(`psql failed (${r.code}): ${r.stderr}\nSQL: ${sql}`);
  return r.stdout;
}

export async function sqlite(file, sql) {
  const r = await run('sqlite3', ['-bail', '-batch', '-cmd', '.timeout 5000', file, sql]);
  if (r.code !== 0) throw new Error(`sqlite3 failed (${r.code}): ${r.stderr}\nSQL: ${sql}`);
  return r.stdout;
}

// ---------------------------------------------------------------------------------
// HTTP

/** Parsed response: { status, headers (Headers), text, body (JSON or undefined), setCookies }. */
async function toResult(res) {
  const text = await res.text();
  let body;
  const ct = res.headers.get('content-type') || '';
  if (/json/.test(ct) && text.length) {
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
  }
  return {
    status: res.status,
    headers: res.headers,
    text,
    body,
    setCookies: res.headers.getSetCookie ? res.headers.getSetCookie() : [],
  };
}

/** Resolves an API path: '/families' → '/api/v1/families'; '/api/..', '/healthz', '/metrics' stay. */
export function apiPath(p) {
  if (/^https?:\/\//.test(p)) return p;
  if (p.startsWith('/api/') || p === '/api' || p.startsWith('/healthz') || p.startsWith('/metrics')) return p;
  return '/api/v1' + (p.startsWith('/') ? p : '/' + p);
}

/**
 * An HTTP client bound to a server. Keeps the session cookie and sends X-CSRF-Token on
 * writes. Per request options: { headers, csrf: false | 'string' (override),
 * cookie: false | 'string' (override), raw: true (body sent as is) }.
 */
export class Client {
  constructor(srv, { name } = {}) {
    this.srv = srv;
    this.name = name || 'anonymous';
    this.cookie = null; // value of kansrijk_session
    this.csrf = null;
    this.user = null;
    this.lastLogin = null;
  }

  async request(method, p, body, headers = {}, opts = {}) {
    const h = { ...headers };
    const lower = Object.fromEntries(Object.keys(h).map((k) => [k.toLowerCase(), k]));
    if (opts.cookie !== false) {
      const c = typeof opts.cookie === 'string' ? opts.cookie : this.cookie !== null ? `kansrijk_session=${this.cookie}` : null;
      if (c && !lower.cookie) h.Cookie = c;
    }
    const write = !['GET', 'HEAD', 'OPTIONS'].includes(method);
    if (write && opts.csrf !== false && !lower['x-csrf-token']) {
      const tok = typeof opts.csrf === 'string' ? opts.csrf : this.csrf;
      if (tok) h['X-CSRF-Token'] = tok;
    }
    let payload;
    if (body !== undefined && body !== null) {
      if (typeof body === 'string' || body instanceof Uint8Array) payload = body;
      else payload = JSON.stringify(body);
      if (!lower['content-type']) h['Content-Type'] = 'application/json';
    }
    const url = this.srv.url + apiPath(p);
    let res;
    try {
      res = await fetch(url, { method, headers: h, body: payload, redirect: 'manual' });
    } catch (e) {
      e.message = `${method} ${p}: ${e.message}${e.cause ? ' (' + e.cause.message + ')' : ''}`;
      throw e;
    }
    const r = await toResult(res);
    for (const sc of r.setCookies) {
      const m = /^kansrijk_session=([^;]*)/.exec(sc);
      if (m) this.cookie = m[1] === '' || /max-age=0\b/i.test(sc) ? null : m[1];
    }
    if (r.status >= 500) this.srv.dumpStderr(`${method} ${p} answered ${r.status}`);
    return r;
  }

  get(p, headers, opts) {
    return this.request('GET', p, undefined, headers, opts);
  }
  post(p, body, headers, opts) {
    return this.request('POST', p, body ?? {}, headers, opts);
  }
  patch(p, body, headers, opts) {
    return this.request('PATCH', p, body ?? {}, headers, opts);
  }
  put(p, body, headers, opts) {
    return this.request('PUT', p, body ?? {}, headers, opts);
  }
  delete(p, body, headers, opts) {
    return this.request('DELETE', p, body, headers, opts);
  }

  /** POST /auth/login; on 200 keeps cookie + csrf. Returns the response. */
  async tryLogin(username, pw, totp_code) {
    const body = { username, password: pw };
    if (totp_code !== undefined) body.totp_code = totp_code;
    const r = await this.request('POST', '/auth/login', body, {}, { csrf: false });
    this.lastLogin = r;
    if (r.status === 200) {
      this.csrf = r.body?.csrf_token ?? null;
      this.user = r.body?.user ?? null;
      this.name = username;
    }
    return r;
  }

  /** Follows next_cursor through a list; returns all items (and asserts each page is 200). */
  async listAll(p, { limit = 200 } = {}) {
    const items = [];
    let cursor = null;
    for (let i = 0; i < 1000; i++) {
      const sep = p.includes('?') ? '&' : '?';
      const q = `${p}${sep}limit=${limit}` + (cursor ? `&cursor=${encodeURIComponent(cursor)}` : '');
      const r = await this.get(q);
      if (r.status !== 200) throw new Error(`GET ${q} → ${r.status} ${r.text}`);
      items.push(...r.body.items);
      cursor = r.body.next_cursor;
      if (!cursor) return items;
    }
    throw new Error('listAll: more than 1000 pages');
  }
}

/** Sends raw bytes over TCP; resolves { status, headers (lowercased object), body, raw, closed }. */
export function rawRequest(port, data, { host = '127.0.0.1', timeout = 5000 } = {}) {
  return new Promise((resolve) => {
    const sock = net.connect({ host, port });
    const chunks = [];
    let done = false;
    const finish = (why) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      const raw = Buffer.concat(chunks);
      resolve({ ...parseRawResponse(raw), raw, why });
    };
    const timer = setTimeout(() => finish('timeout'), timeout);
    sock.on('data', (d) => {
      chunks.push(d);
      const p = parseRawResponse(Buffer.concat(chunks));
      if (p.complete) finish('complete');
    });
    sock.on('end', () => finish('closed'));
    sock.on('close', () => finish('closed'));
    sock.on('error', (e) => finish('error: ' + e.code));
    sock.on('connect', () => {
      sock.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data, () => {});
    });
  });
}

function parseRawResponse(buf) {
  const sep = buf.indexOf('\r\n\r\n');
  if (sep < 0) return { status: null, headers: {}, body: '', complete: false };
  const head = buf.subarray(0, sep).toString('latin1').split('\r\n');
  const m = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head[0]);
  const headers = {};
  for (const line of head.slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const bodyBuf = buf.subarray(sep + 4);
  let complete = false;
  if (headers['content-length'] !== undefined) complete = bodyBuf.length >= Number(headers['content-length']);
  else if (/chunked/i.test(headers['transfer-encoding'] || '')) complete = bodyBuf.includes('\r\n0\r\n\r\n') || bodyBuf.subarray(0, 5).toString() === '0\r\n\r\n';
  return { status: m ? Number(m[1]) : null, headers, body: bodyBuf.toString('utf8'), complete };
}

// ---------------------------------------------------------------------------------
// Test-data builders

let seq = 0;
export function memberInput(overrides = {}) {
  seq++;
  return {
    given_name: 'Sanne',
    family_name: 'de Vries',
    birth_date: '1986-04-12',
    sex: 'female',
    household_role: 'parent',
    ...overrides,
  };
}
/**
 * A household member's budget approval, given on the coach's device: the member is chosen and
 * signs by typing their own name (by default their given name).
 */
export function familyApproval(member, signature = member.given_name) {
  return { as: 'family', member_id: member.id, signature };
}
export function familyInput(overrides = {}) {
  seq++;
  return {
    name: `Familie ${seq}-${rand(3)}`,
    members: [
      memberInput(),
      memberInput({ given_name: 'Daan', birth_date: '2014-09-30', sex: 'male', household_role: 'child' }),
    ],
    ...overrides,
  };
}

// ---------------------------------------------------------------------------------
// TOTP (RFC 6238, HMAC-SHA1, 6 digits, 30 s) from a base32 secret

export function base32Decode(s) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const clean = s.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const ch of clean) {
    const v = alphabet.indexOf(ch);
    if (v < 0) throw new Error(`bad base32 character ${ch}`);
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}
export const totpStep = (timeMs = Date.now(), period = 30) => Math.floor(timeMs / 1000 / period);
export function totp(secret, { step = totpStep(), digits = 6, algorithm = 'sha1' } = {}) {
  const key = base32Decode(secret);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const h = createHmac(algorithm, key).update(msg).digest();
  const off = h[h.length - 1] & 0x0f;
  const bin = ((h[off] & 0x7f) << 24) | (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
  return String(bin % 10 ** digits).padStart(digits, '0');
}

// ---------------------------------------------------------------------------------
// The server

const SANITIZER_RE = /(AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|ThreadSanitizer)/;

class Server {
  constructor(opts) {
    this.opts = opts;
    this.bin = opts.bin || BIN;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kansrijk-api-'));
    this.keyFile = path.join(this.dir, 'audit.key');
    this.proc = null;
    this.port = null;
    this.url = null;
    this.stderrFiles = [];
    this.shown = new Map(); // stderr file → bytes already printed
    this.exits = [];
    this.clients = new Map();
    this.closed = false;
    servers.add(this);
  }

  get env() {
    return {
      KANSRIJK_AUDIT_KEY_FILE: this.keyFile,
      ASAN_OPTIONS: process.env.ASAN_OPTIONS || 'detect_leaks=1:abort_on_error=0',
      UBSAN_OPTIONS: process.env.UBSAN_OPTIONS || 'print_stacktrace=1',
    };
  }

  async setupDb() {
    if (PG_BASE) {
      this.pgName = `t_${Date.now().toString(36)}_${rand(4)}`;
      this.pgAdmin = pgAdminConn(PG_BASE);
      const base = pgConn(PG_BASE, this.pgName);
      await psql(this.pgAdmin, `CREATE DATABASE ${this.pgName}`);
      this.pgLibpq = base.libpq;
      this.dbUrl = base.url;
    } else {
      this.sqliteFile = path.join(this.dir, 'k.db');
      this.dbUrl = `sqlite:${this.sqliteFile}`;
    }
  }

  /** Runs SQL directly against the server's database (sqlite3 / psql); returns stdout. */
  sql(query) {
    return PG_BASE ? psql(this.pgLibpq, query) : sqlite(this.sqliteFile, query);
  }

  /** Runs the binary. `--db` is appended for subcommands that take it (unless given). */
  async cli(args, stdin, { timeout = 60_000, db = true, env = {} } = {}) {
    const takesDb = ['serve', 'migrate', 'org', 'user', 'demo', 'audit', 'backup'];
    const a = [...args];
    if (db && takesDb.includes(a[0]) && !a.includes('--db') && !(a.includes('--help') || a.includes('-h'))) a.push('--db', this.dbUrl);
    const r = await run(this.bin, a, { stdin, cwd: this.dir, timeout, env: { ...this.env, ...env } });
    r.args = a;
    if (SANITIZER_RE.test(r.stderr)) process.stderr.write(`\n[harness] sanitizer report from \`kansrijk ${a.join(' ')}\`:\n${r.stderr}\n`);
    return r;
  }

  async mustCli(args, stdin) {
    const r = await this.cli(args, stdin);
    if (r.code !== 0) throw new Error(`kansrijk ${r.args.join(' ')} exited ${r.code} (${r.signal || ''})\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
    return r;
  }

  async seed() {
    await this.mustCli(['migrate']);
    for (const org of [ORG_A, ORG_B]) await this.mustCli(['org', 'add', '--name', org]);
    for (const [name, u] of Object.entries(USERS)) {
      await this.addUser(name, u.role, u.org, { display: u.display });
    }
  }

  /** Adds a user through the CLI (password on stdin). Returns the password. */
  async addUser(username, role, org = ORG_A, { display, pw } = {}) {
    pw = pw || password(username);
    await this.mustCli(
      ['user', 'add', '--org', org, '--username', username, '--role', role, '--display-name', display || username],
      pw + '\n',
    );
    return pw;
  }

  /**
   * Creates a user the way an admin does (POST /users: no password) and activates it with the
   * one-time link as the new user would (POST /auth/activate). Returns { user, password, activation }.
   */
  async createUserViaApi(admin, { username, display_name, role = 'coach' }, pw) {
    pw = pw || password(username);
    const r = await admin.post('/users', { username, display_name: display_name || username, role });
    if (r.status !== 201) throw new Error(`POST /users ${username} → ${r.status} ${r.text}`);
    await this.activate(r.body.activation.token, pw);
    return { user: r.body, password: pw, activation: r.body.activation };
  }

  /** POST /auth/activate without a session (asserting 200). */
  async activate(token, pw) {
    const a = await this.client().request('POST', '/auth/activate', { token, password: pw }, {}, { csrf: false });
    if (a.status !== 200) throw new Error(`POST /auth/activate → ${a.status} ${a.text}`);
    return a;
  }

  /** Spawns `serve` on a fresh port and waits for /healthz. */
  async spawn({ extraArgs = [], timeout = 20_000 } = {}) {
    this.port = await freePort();
    this.url = `http://127.0.0.1:${this.port}`;
    const n = this.stderrFiles.length;
    const errFile = path.join(this.dir, `serve-${n}.stderr`);
    const outFile = path.join(this.dir, `serve-${n}.stdout`);
    this.stderrFiles.push(errFile);
    const errFd = fs.openSync(errFile, 'w');
    const outFd = fs.openSync(outFile, 'w');
    const args = ['serve', '--db', this.dbUrl, '--listen', `127.0.0.1:${this.port}`, '--audit-key-file', this.keyFile, ...extraArgs];
    const p = spawn(this.bin, args, { cwd: this.dir, env: { ...process.env, ...this.env }, stdio: ['ignore', outFd, errFd] });
    fs.closeSync(errFd);
    fs.closeSync(outFd);
    this.proc = p;
    p.exitInfo = null;
    p.exited = new Promise((resolve) =>
      p.on('exit', (code, signal) => {
        p.exitInfo = { code, signal };
        this.exits.push(p.exitInfo);
        resolve(p.exitInfo);
      }),
    );
    p.on('error', (e) => {
      p.exitInfo = { code: -1, signal: null, error: e };
    });
    const deadline = Date.now() + timeout;
    while (Date.now() < deadline) {
      if (p.exitInfo) {
        throw new Error(`kansrijk serve exited early (${JSON.stringify(p.exitInfo)}):\n${this.readFile(errFile)}\n${this.readFile(outFile)}`);
      }
      try {
        const r = await fetch(this.url + '/healthz', { signal: AbortSignal.timeout(2000) });
        await r.arrayBuffer();
        if (r.status === 200) {
          this.stdoutFile = outFile;
          return this;
        }
      } catch {
        /* not up yet */
      }
      await sleep(100);
    }
    p.kill('SIGKILL');
    throw new Error(`kansrijk serve did not answer /healthz within ${timeout} ms:\n${this.readFile(errFile)}`);
  }

  readFile(f) {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  }

  /** The stderr of every serve run so far. */
  stderr() {
    return this.stderrFiles.map((f) => this.readFile(f)).join('\n');
  }
  stdout() {
    return this.stdoutFile ? this.readFile(this.stdoutFile) : '';
  }

  dumpStderr(why) {
    for (const f of this.stderrFiles) {
      const text = this.readFile(f);
      const from = this.shown.get(f) || 0;
      if (text.length > from) {
        // The request log is long: show the tail, but a sanitizer report in full.
        let part = text.slice(from);
        const san = part.search(SANITIZER_RE);
        if (san >= 0) part = part.slice(Math.max(0, part.lastIndexOf('\n', Math.max(0, san - 2000))));
        else {
          const lines = part.split('\n');
          if (lines.length > 40) part = `[... ${lines.length - 40} earlier lines]\n` + lines.slice(-40).join('\n');
        }
        process.stderr.write(`\n----- kansrijk serve stderr (${path.basename(f)}, ${why}) -----\n${part}\n----- end -----\n`);
        this.shown.set(f, text.length);
      }
    }
  }

  _scanSanitizer() {
    const text = this.stderrText || this.stderr();
    if (SANITIZER_RE.test(text)) process.stderr.write(`\n[harness] sanitizer report in kansrijk serve stderr:\n${text}\n`);
  }

  get alive() {
    return !!this.proc && !this.proc.exitInfo;
  }

  /** SIGTERM, wait; SIGKILL after 5 s. Resolves the exit info. */
  async stop() {
    const p = this.proc;
    if (!p) return null;
    if (!p.exitInfo) {
      p.kill('SIGTERM');
      const t = setTimeout(() => {
        process.stderr.write('[harness] server ignored SIGTERM for 5 s; SIGKILL\n');
        p.kill('SIGKILL');
      }, 5000);
      await p.exited;
      clearTimeout(t);
    }
    this.proc = null;
    this.clients.clear();
    if (p.exitInfo.code !== 0) this.dumpStderr(`serve exited with ${JSON.stringify(p.exitInfo)} on SIGTERM`);
    return p.exitInfo;
  }

  async kill9() {
    const p = this.proc;
    if (!p) return null;
    if (!p.exitInfo) {
      p.kill('SIGKILL');
      await p.exited;
    }
    this.proc = null;
    this.clients.clear();
    return p.exitInfo;
  }

  async restart(opts) {
    await this.stop();
    return this.spawn(opts);
  }

  client(name) {
    return new Client(this, { name });
  }

  /** Logs in (asserting 200) and returns a fresh client. */
  async login(username, pw = password(username), totp_code) {
    const c = new Client(this);
    const r = await c.tryLogin(username, pw, totp_code);
    if (r.status !== 200) throw new Error(`login ${username} → ${r.status} ${r.text}`);
    return c;
  }

  /** A cached logged-in client per seeded user. */
  async as(username) {
    if (!this.clients.has(username)) this.clients.set(username, await this.login(username));
    return this.clients.get(username);
  }

  /** The user id of a seeded user (via /me). */
  async userId(username) {
    const c = await this.as(username);
    return c.user.id;
  }

  raw(data, opts) {
    return rawRequest(this.port, data, opts);
  }

  async auditVerify() {
    return this.cli(['audit', 'verify']);
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.stop();
    } catch (e) {
      process.stderr.write(`[harness] stop failed: ${e.message}\n`);
    }
    this.stderrText = this.stderr();
    if (KEEP) {
      process.stderr.write(`[harness] keeping ${this.dir}${this.pgName ? ' and database ' + this.pgName : ''}\n`);
      return;
    }
    if (this.pgName) {
      try {
        await psql(this.pgAdmin, `DROP DATABASE IF EXISTS ${this.pgName} WITH (FORCE)`);
      } catch (e) {
        process.stderr.write(`[harness] could not drop ${this.pgName}: ${e.message}\n`);
      }
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Creates a database, seeds orgs A/B and the USERS, starts `serve`. Options:
 *   t        — a test context: the server is closed when it ends
 *   seed     — false to skip org/user creation (migrate still runs unless migrate:false)
 *   serve    — false to only prepare the database
 *   extraArgs — more `serve` arguments (e.g. ['--static', dir])
 */
export async function startServer(opts = {}) {
  if (!fs.existsSync(opts.bin || BIN)) throw new Error(`kansrijk binary not found at ${opts.bin || BIN} (set KANSRIJK_BIN)`);
  const srv = new Server(opts);
  if (opts.t) opts.t.after(() => srv.close());
  try {
    await srv.setupDb();
    if (opts.seed !== false) await srv.seed();
    else if (opts.migrate !== false) await srv.mustCli(['migrate']);
    if (opts.serve !== false) await srv.spawn({ extraArgs: opts.extraArgs || [] });
  } catch (e) {
    if (!opts.t) await srv.close();
    throw e;
  }
  return srv;
}

/** One server for the whole test file: `const h = useServer(); … h.srv`. */
export function useServer(opts = {}) {
  let resolveReady;
  let rejectReady;
  // `ready` resolves with the server: other before() hooks must await it, as Node 20 may
  // start root-level hooks of describe() suites without waiting for this one.
  const holder = { srv: null, ready: new Promise((res, rej) => ((resolveReady = res), (rejectReady = rej))) };
  holder.ready.catch(() => {});
  before(async () => {
    try {
      holder.srv = await startServer(opts);
      resolveReady(holder.srv);
    } catch (e) {
      rejectReady(e);
      throw e;
    }
  }, { timeout: 180_000 });
  after(async () => {
    if (holder.srv) await holder.srv.close();
  });
  return holder;
}

// ---------------------------------------------------------------------------------
// Assertion helpers

export const PROBLEM_BASE = 'https://kansrijk.nl/problems/';

/** Asserts a problem+json response with the given status (and slug, if given). */
export function assertProblem(r, status, slug, msg = '') {
  const where = `${msg ? msg + ': ' : ''}got ${r.status} ${r.text.slice(0, 400)}`;
  if (Array.isArray(status)) assert.ok(status.includes(r.status), `expected status in ${status}; ${where}`);
  else assert.equal(r.status, status, `expected ${status}; ${where}`);
  const ct = r.headers.get ? r.headers.get('content-type') : r.headers['content-type'];
  assert.match(ct || '', /^application\/problem\+json\b/, `Content-Type of a ${r.status}: ${where}`);
  const body = r.body ?? JSON.parse(r.text);
  assert.equal(body.status, r.status, `problem.status; ${where}`);
  assert.equal(typeof body.title, 'string', `problem.title; ${where}`);
  assert.equal(typeof body.type, 'string', `problem.type; ${where}`);
  if (slug) assert.equal(body.type, PROBLEM_BASE + slug, `problem.type; ${where}`);
  // Every problem carries a stable reason code with its parameters beside the sentence.
  assert.match(body.code ?? '', /^[a-z][a-z0-9_]*$/, `problem.code; ${where}`);
  assert.equal(typeof body.params, 'object', `problem.params; ${where}`);
  assert.equal(typeof body.detail, 'string', `problem.detail; ${where}`);
  return body;
}

/** The codes of the field errors of `field` in a problem body (e.g. ['too_long']). */
export function fieldCodes(body, field) {
  return (body.errors?.[field] ?? []).map((e) => e.code);
}

/** Asserts a 422 validation problem that names `field` in `errors`. */
export function assertValidation(r, field, msg = '') {
  const body = assertProblem(r, 422, 'validation', msg);
  assert.ok(body.errors && typeof body.errors === 'object', `422 without errors object: ${r.text}`);
  if (field) {
    const keys = Object.keys(body.errors);
    const hit = keys.find((k) => k === field || k.endsWith('.' + field) || k.endsWith(field) || k.startsWith(field));
    assert.ok(hit, `expected errors.${field}, got ${JSON.stringify(body.errors)} ${msg}`);
    const list = body.errors[hit];
    // Each field error carries a stable code, its parameters and the text in the asked language.
    assert.ok(
      Array.isArray(list) && list.length > 0 &&
        list.every((e) => e && typeof e.code === 'string' && /^[a-z][a-z0-9_]*$/.test(e.code) && typeof e.detail === 'string' && e.detail.length && typeof e.params === 'object'),
      `errors.${hit} must be a non-empty list of {code, params, detail}: ${r.text}`,
    );
  }
  return body;
}

export function assertStatus(r, status, msg = '') {
  const where = `${msg ? msg + ': ' : ''}got ${r.status} ${r.text.slice(0, 500)}`;
  if (Array.isArray(status)) assert.ok(status.includes(r.status), `expected one of ${status}; ${where}`);
  else assert.equal(r.status, status, `expected ${status}; ${where}`);
  return r;
}

export const ISO_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/** Today's date (UTC) plus `days`, as YYYY-MM-DD. */
export function isoDate(days = 0) {
  return new Date(Date.now() + days * 86400_000).toISOString().slice(0, 10);
}

/** Snapshot of all families visible to `client` (ids + versions), for before/after checks. */
export async function familySnapshot(client) {
  const items = await client.listAll('/families');
  return items.map((f) => `${f.id}@${f.version}:${f.member_count}:${f.name}`).sort();
}
