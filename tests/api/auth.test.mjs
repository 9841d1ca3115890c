// Authentication: login, cookie, /me, lockout, logout, CSRF, disabled users, password
// change, TOTP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  useServer, password, assertProblem, assertStatus, assertValidation, familyInput, totp, totpStep, rand,
} from './lib/harness.mjs';

const h = useServer();

function sessionCookie(r) {
  const c = r.setCookies.find((s) => /^kansrijk_session=/.test(s));
  assert.ok(c, `no kansrijk_session Set-Cookie in ${JSON.stringify(r.setCookies)}`);
  return c;
}

test('login succeeds: user, csrf_token and a strict session cookie', async () => {
  const c = h.srv.client();
  const r = await c.tryLogin('coach_a1', password('coach_a1'));
  assertStatus(r, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  const { user, csrf_token } = r.body;
  assert.equal(typeof csrf_token, 'string');
  assert.ok(csrf_token.length >= 16, 'csrf token should be long and random');
  assert.equal(user.username, 'coach_a1');
  assert.equal(user.role, 'coach');
  assert.equal(user.display_name, 'Coach A1');
  assert.equal(user.organisation_name, 'Org A');
  assert.equal(typeof user.id, 'string');
  assert.equal(typeof user.organisation_id, 'string');
  assert.equal(user.totp_enabled, false);
  assert.equal(user.disabled, false);
  assert.ok(!('password_hash' in user) && !('password' in user), 'user must not expose password material');

  const cookie = sessionCookie(r);
  const attrs = cookie.split(';').map((s) => s.trim().toLowerCase());
  assert.ok(attrs.includes('httponly'), `HttpOnly missing: ${cookie}`);
  assert.ok(attrs.includes('samesite=strict'), `SameSite=Strict missing: ${cookie}`);
  assert.ok(attrs.includes('path=/'), `Path=/ missing: ${cookie}`);
  const value = /^kansrijk_session=([^;]*)/.exec(cookie)[1];
  assert.ok(value.length >= 20, 'session id should be long');
  assert.ok(!value.includes(csrf_token), 'the csrf token is not the session id');
});

test('two logins give different sessions and csrf tokens', async () => {
  const a = await h.srv.login('coach_a1');
  const b = await h.srv.login('coach_a1');
  assert.notEqual(a.cookie, b.cookie);
  assert.notEqual(a.csrf, b.csrf);
});

test('/me returns the user and the csrf token of the session', async () => {
  const c = await h.srv.login('lead_a');
  const r = await c.get('/me');
  assertStatus(r, 200);
  assert.equal(r.body.user.username, 'lead_a');
  assert.equal(r.body.user.role, 'team_lead');
  assert.equal(r.body.user.id, c.user.id);
  assert.equal(r.body.csrf_token, c.csrf);
});

test('/me without a session → 401 unauthenticated', async () => {
  assertProblem(await h.srv.client().get('/me'), 401, 'unauthenticated');
});

test('unknown user and wrong password get the same 401', async () => {
  const c = h.srv.client();
  const unknown = await c.tryLogin(`nobody_${rand()}`, 'whatever-password-123');
  const wrong = await c.tryLogin('coach_a2', 'wrong-password-1234');
  const p1 = assertProblem(unknown, 401, 'unauthenticated');
  const p2 = assertProblem(wrong, 401, 'unauthenticated');
  assert.equal(p1.detail, p2.detail, 'must not reveal whether the username exists');
  assert.equal(p1.title, p2.title);
  assert.equal(unknown.setCookies.length, 0, 'no cookie on a failed login');
  assert.equal(wrong.setCookies.length, 0, 'no cookie on a failed login');
});

test('login body validation: missing fields / wrong types are 4xx, not 500', async () => {
  const c = h.srv.client();
  for (const body of [{}, { username: 'coach_a1' }, { username: 5, password: 'x' }, { username: 'coach_a1', password: null }]) {
    const r = await c.request('POST', '/auth/login', body, {}, { csrf: false });
    assert.ok([400, 401, 422].includes(r.status), `login ${JSON.stringify(body)} → ${r.status} ${r.text}`);
    assertProblem(r, r.status);
  }
  const bad = await c.request('POST', '/auth/login', '{"username":', {}, { csrf: false });
  assertProblem(bad, 400, 'invalid-json');
});

test('5 failed logins lock the username: 429 + Retry-After, even with the right password', async () => {
  const name = `lock_${rand(3)}`;
  const pw = await h.srv.addUser(name, 'coach');
  const c = h.srv.client();
  for (let i = 1; i <= 4; i++) assertProblem(await c.tryLogin(name, `wrong-password-${i}xx`), 401, 'unauthenticated', `failure ${i}`);
  const fifth = await c.tryLogin(name, 'wrong-password-5xx');
  assert.ok([401, 429].includes(fifth.status), `5th failure → ${fifth.status}`);
  const r = await c.tryLogin(name, pw);
  assertProblem(r, 429, 'too-many-requests', 'right password after 5 failures');
  const ra = r.headers.get('retry-after');
  assert.match(ra || '', /^\d+$/, `Retry-After must be seconds, got ${ra}`);
  assert.ok(Number(ra) > 0 && Number(ra) <= 15 * 60, `Retry-After ${ra} should be within the 15 min lock`);
  assert.equal(r.setCookies.length, 0, 'no session while locked');
  // Still locked on the next try.
  assertProblem(await c.tryLogin(name, pw), 429, 'too-many-requests');
  // Other users are not affected.
  assertStatus(await h.srv.client().tryLogin('coach_a2', password('coach_a2')), 200);
});

test('logout: 204, cookie cleared, the session is gone', async () => {
  const c = await h.srv.login('coach_a2');
  const oldCookie = c.cookie;
  const r = await c.post('/auth/logout');
  assertStatus(r, 204);
  assert.equal(r.text, '');
  const sc = sessionCookie(r);
  assert.ok(/^kansrijk_session=;|max-age=0|expires=thu, 01 jan 1970/i.test(sc), `logout must clear the cookie: ${sc}`);
  // The old cookie must no longer work, even if a client keeps sending it.
  assertProblem(await c.get('/me', {}, { cookie: `kansrijk_session=${oldCookie}` }), 401, 'unauthenticated');
  assertProblem(await c.post('/families', familyInput(), {}, { cookie: `kansrijk_session=${oldCookie}` }), 401, 'unauthenticated');
});

test('logout without CSRF → 403 and the session stays valid', async () => {
  const c = await h.srv.login('coach_a2');
  assertProblem(await c.post('/auth/logout', {}, {}, { csrf: false }), 403, 'csrf');
  assertStatus(await c.get('/me'), 200);
});

test('writes need the CSRF token: missing or wrong → 403 csrf, nothing written', async () => {
  const c = await h.srv.login('coach_a1');
  const name = `CSRF ${rand()}`;
  assertProblem(await c.post('/families', familyInput({ name }), {}, { csrf: false }), 403, 'csrf', 'missing token');
  assertProblem(await c.post('/families', familyInput({ name }), {}, { csrf: 'wrong-' + rand(16) }), 403, 'csrf', 'wrong token');
  assertProblem(await c.post('/families', familyInput({ name }), {}, { csrf: '' }), 403, 'csrf', 'empty token');
  // A token of another session of the same user is not valid for this one.
  const other = await h.srv.login('coach_a1');
  assertProblem(await c.post('/families', familyInput({ name }), {}, { csrf: other.csrf }), 403, 'csrf', 'token of another session');
  const list = await c.get(`/families?q=${encodeURIComponent(name)}`);
  assertStatus(list, 200);
  assert.equal(list.body.items.length, 0, 'no family may be created without a valid CSRF token');
  // With the token it works.
  assertStatus(await c.post('/families', familyInput({ name })), 201);
  // PATCH and password change are protected too.
  const fam = (await c.get(`/families?q=${encodeURIComponent(name)}`)).body.items[0];
  assertProblem(await c.patch(`/families/${fam.id}`, { name: name + 'x' }, { 'If-Match': `"${fam.version}"` }, { csrf: false }), 403, 'csrf');
  assertProblem(await c.post('/me/password', { current_password: password('coach_a1'), new_password: 'another-long-password' }, {}, { csrf: false }), 403, 'csrf');
});

test('no session is checked before CSRF: 401, not 403', async () => {
  const c = h.srv.client();
  assertProblem(await c.post('/families', familyInput(), {}, { csrf: false }), 401, 'unauthenticated');
  assertProblem(await c.post('/auth/logout', {}, {}, { csrf: false }), 401, 'unauthenticated');
});

test('a disabled user cannot log in and their open session stops working', async () => {
  const name = `dis_${rand(3)}`;
  const pw = await h.srv.addUser(name, 'coach');
  const c = await h.srv.login(name, pw);
  assertStatus(await c.get('/me'), 200);
  const r = await h.srv.cli(['user', 'disable', '--username', name]);
  assert.equal(r.code, 0, `user disable: ${r.stderr}`);
  assertProblem(await c.get('/me'), 401, 'unauthenticated', 'existing session of a disabled user');
  assertProblem(await c.get('/families'), 401, 'unauthenticated');
  const again = await h.srv.client().tryLogin(name, pw);
  assertProblem(again, 401, undefined, 'login of a disabled user');
  assert.equal(again.setCookies.length, 0);
  // Disabling an unknown user is a CLI error.
  const bad = await h.srv.cli(['user', 'disable', '--username', `ghost_${rand(3)}`]);
  assert.notEqual(bad.code, 0);
});

test('password change: wrong current password refused, then the new one works and the old does not', async () => {
  const name = `pw_${rand(3)}`;
  const pw = await h.srv.addUser(name, 'coach');
  const c = await h.srv.login(name, pw);
  const newPw = 'Nieuw-wachtwoord-2026';
  const wrong = await c.post('/me/password', { current_password: 'not-the-password', new_password: newPw });
  assert.ok([400, 401, 403, 422].includes(wrong.status), `wrong current password → ${wrong.status}`);
  assertProblem(wrong, wrong.status);
  assertValidation(await c.post('/me/password', { current_password: pw, new_password: 'short' }), 'new_password', 'new password < 12 chars');
  assertValidation(await c.post('/me/password', { current_password: pw, new_password: newPw, extra: 1 }), 'extra', 'unknown field');
  assertStatus(await c.post('/me/password', { current_password: pw, new_password: newPw }), 204);
  assertProblem(await h.srv.client().tryLogin(name, pw), 401, 'unauthenticated', 'old password');
  assertStatus(await h.srv.client().tryLogin(name, newPw), 200, 'new password');
});

test('user passwd (CLI) changes the password', async () => {
  const name = `cpw_${rand(3)}`;
  const pw = await h.srv.addUser(name, 'coach');
  const newPw = 'Cli-gezet-wachtwoord-1';
  const r = await h.srv.cli(['user', 'passwd', '--username', name], newPw + '\n');
  assert.equal(r.code, 0, r.stderr);
  assertStatus(await h.srv.client().tryLogin(name, newPw), 200);
  assertProblem(await h.srv.client().tryLogin(name, pw), 401);
  const short = await h.srv.cli(['user', 'passwd', '--username', name], 'short\n');
  assert.notEqual(short.code, 0, 'a password under 12 characters is refused');
  assert.match(short.stderr, /12|wachtwoord|password/i);
});

test('TOTP: setup, enable with a computed code, then login needs the code', async () => {
  const name = `totp_${rand(3)}`;
  const pw = await h.srv.addUser(name, 'team_lead');
  const c = await h.srv.login(name, pw);

  // Enabling without a setup first is refused.
  const early = await c.post('/me/totp/enable', { code: '000000' });
  assert.ok(early.status >= 400 && early.status < 500, `enable before setup → ${early.status}`);

  const setup = await c.post('/me/totp/setup');
  assertStatus(setup, 200);
  const { secret, otpauth_uri } = setup.body;
  assert.match(secret, /^[A-Z2-7]+=*$/, 'secret is base32');
  assert.ok(base32Bits(secret) >= 128, 'secret should have at least 128 bits');
  assert.match(otpauth_uri, /^otpauth:\/\/totp\//);
  const params = new URL(otpauth_uri).searchParams;
  assert.equal(params.get('secret'), secret);
  const digits = Number(params.get('digits') || 6);
  const period = Number(params.get('period') || 30);
  const algorithm = (params.get('algorithm') || 'SHA1').toLowerCase();
  assert.equal(period, 30);

  // Not yet enabled: login still works without a code.
  assertStatus(await h.srv.client().tryLogin(name, pw), 200);

  const step = totpStep(Date.now(), period);
  const good = totp(secret, { step, digits, algorithm });
  const wrongCode = String((Number(good) + 500_000) % 10 ** digits).padStart(digits, '0');
  const bad = await c.post('/me/totp/enable', { code: wrongCode });
  assert.ok(bad.status >= 400 && bad.status < 500, `enable with a wrong code → ${bad.status}`);
  assertStatus(await c.post('/me/totp/enable', { code: good }), 204);
  const me = await c.get('/me');
  assert.equal(me.body.user.totp_enabled, true);

  // Without a code: 401 totp-required.
  const noCode = await h.srv.client().tryLogin(name, pw);
  const p = assertProblem(noCode, 401, 'totp-required');
  assert.equal(p.totp_required, true);
  assert.equal(noCode.setCookies.length, 0);
  const wrong = await h.srv.client().tryLogin(name, pw, wrongCode);
  assertProblem(wrong, 401, 'totp-required');
  // A wrong password with a right code is a plain 401 and must not say totp-required.
  const wrongPw = await h.srv.client().tryLogin(name, 'definitely-wrong-pass', totp(secret, { digits, algorithm }));
  assertProblem(wrongPw, 401, 'unauthenticated');

  // The code used for enabling may be single-use (replay protection): wait for a new step.
  while (totpStep(Date.now(), period) === step) await sleep(250);
  const withCode = await h.srv.client().tryLogin(name, pw, totp(secret, { digits, algorithm }));
  assertStatus(withCode, 200, 'login with a valid TOTP code');
  assert.equal(withCode.body.user.totp_enabled, true);

  // Disable needs the password.
  const d1 = await c.post('/me/totp/disable', { password: 'wrong-password-123' });
  assert.ok(d1.status >= 400 && d1.status < 500, `disable with wrong password → ${d1.status}`);
  assertStatus(await c.post('/me/totp/disable', { password: pw }), 204);
  assertStatus(await h.srv.client().tryLogin(name, pw), 200, 'login without code after disabling TOTP');
});

function base32Bits(s) {
  return s.replace(/=+$/, '').length * 5;
}
