// Shared helpers for the browser tests: a Chromium from Debian (never a downloaded one),
// demo logins, login/logout, and an axe check that fails on serious or critical issues.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const BASE = process.env.KANSRIJK_URL;
if (!BASE) throw new Error('KANSRIJK_URL is not set: run the tests with scripts/web-test.sh BIN');
export const LOGINS = JSON.parse(readFileSync(process.env.KANSRIJK_LOGINS_FILE, 'utf8'));

export async function launch() {
  return chromium.launch({
    executablePath: process.env.KANSRIJK_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--headless=new', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh context (own cookies and localStorage) with a tablet-or-laptop viewport. */
export async function newPage(browser, { width = 1280, height = 800, lang = 'nl' } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', baseURL: BASE });
  if (lang) await context.addInitScript((l) => { if (!localStorage.getItem('kansrijk.lang')) localStorage.setItem('kansrijk.lang', l); }, lang);
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  page.consoleErrors = errors;
  return page;
}

export async function login(page, username, { next, start = false } = {}) {
  await page.goto(next ? `/login?terug=${encodeURIComponent(next)}` : '/login');
  // By id, so it works in either language.
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(LOGINS[username].password);
  await page.locator('form button[type="submit"]').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  // Case workers start on "Vandaag" (issue 11); the tests written before it begin from the
  // caseload, so they go there unless they ask for the start page itself (`start: true`).
  if (!next && !start && new URL(page.url()).pathname === '/vandaag') await page.goto('/gezinnen');
}

/** Runs axe on the current page; fails on any serious or critical violation. */
export async function checkA11y(page, label) {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('\n    ')}`).join('\n  ');
  assert.equal(bad.length, 0, `axe on ${label}:\n  ${report}`);
  return results;
}

export function unique(prefix) {
  return `${prefix} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

/** Waits until the page's main heading is there (the lazy page has loaded). */
export async function heading(page, name) {
  const h = page.getByRole('heading', { level: 1, name });
  await h.waitFor();
  return h;
}

/** Waits until the page's loading sign has gone (if it showed at all). */
export async function settle(page) {
  await page.locator('.k-loading').first().waitFor({ state: 'detached' }).catch(() => {});
}

/**
 * Calls the API as the logged-in user of `page` (its cookies, its CSRF token): `call(method,
 * path, data)` answers `{ status, body }`, the body parsed when it is JSON, else its text.
 */
export async function apiAs(page) {
  const me = await (await page.request.get('/api/v1/me')).json();
  return async (method, path, data) => {
    const r = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': me.csrf_token } });
    const text = await r.text();
    const json = (r.headers()['content-type'] ?? '').includes('json');
    return { status: r.status(), body: text ? (json ? JSON.parse(text) : text) : null };
  };
}

/** "dd-mm-yyyy" for today in Amsterdam. */
export function todayNl() {
  const parts = new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(new Date());
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('day')}-${get('month')}-${get('year')}`;
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) from a base32 secret, for the TOTP tests. */
export async function totp(secret, at = Date.now()) {
  const { createHmac } = await import('node:crypto');
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const code = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, '0');
}

/** Creates a user through the admin page and returns { username, password }. */
export async function createUserAsAdmin(browser, { role = 'coach', displayName } = {}) {
  const page = await newPage(browser);
  await login(page, 'admin');
  await heading(page, 'Gebruikers');
  await page.getByRole('button', { name: 'Nieuwe gebruiker' }).click();
  const username = `u${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  await page.getByLabel('Gebruikersnaam').fill(username);
  await page.getByLabel('Naam', { exact: true }).fill(displayName ?? `Test ${username}`);
  await page.getByLabel('Rol', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
  await page.getByText(`Gebruiker ${username} is aangemaakt.`).waitFor();
  const link = await page.getByLabel('Activeringslink', { exact: true }).inputValue();
  await page.context().close();
  // The new user chooses their own password through the one-time link.
  const password = 'een heel lang wachtwoord';
  await activate(browser, link, password);
  return { username, password };
}

/** Opens an activation link in a fresh page and sets `password`. */
export async function activate(browser, link, password) {
  const page = await newPage(browser);
  await page.goto(link);
  await heading(page, 'Account activeren');
  await page.getByLabel('Kies een wachtwoord').fill(password);
  await page.getByLabel('Wachtwoord nog een keer').fill(password);
  await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
  await page.getByText('Uw wachtwoord is opgeslagen.').waitFor();
  await page.context().close();
}

/**
 * Fills a date field (day, month and year apart, issue 13) with 'YYYY-MM-DD' (or 'DD-MM-YYYY').
 * `field` is the fieldset's legend (a string or RegExp, looked up as a group in `scope`, a
 * page or a locator) or a locator of the fieldset itself.
 */
export async function fillDate(scope, field, date, { exact = false } = {}) {
  // The older tests wrote dates the Dutch way ("14-03-2016"); both are fine here.
  const nl = /^(\d{2})-(\d{2})-(\d{4})$/.exec(date);
  const iso = nl ? `${nl[3]}-${nl[2]}-${nl[1]}` : date;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`fillDate: not a date: ${date}`);
  const group = typeof field === 'string' || field instanceof RegExp ? scope.getByRole('group', { name: field, exact }) : field;
  await group.locator('input[id$="-day"]').fill(String(Number(m[3])));
  await group.locator('input[id$="-month"]').fill(String(Number(m[2])));
  await group.locator('input[id$="-year"]').fill(m[1]);
}

/** 'YYYY-MM-DD' for today plus `days` in Amsterdam. */
export function isoInDays(days = 0) {
  const d = new Date(Date.now() + days * 86_400_000);
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d);
  const get = (t) => parts.find((p) => p.type === t).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
