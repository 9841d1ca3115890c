// With the UI in English, errors the server refuses are shown in English from the message
// catalogue (data/messages, shared with the server) by their code, and no Dutch slips through:
// a wrong login, a field that is too long, a stale edit, a refused phase change, and a file that
// is no GEDCOM. Each check takes the code the server answered from the network, finds its
// English text in the catalogue, and looks for it (and for no Dutch) in the error on the page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { launch, login, newPage } from './harness.mjs';

const dir = new URL('../../data/messages/', import.meta.url);
const catalogue = {};
for (const name of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
  for (const [code, texts] of Object.entries(JSON.parse(readFileSync(new URL(name, dir), 'utf8')))) {
    if (!code.startsWith('_')) catalogue[code] = texts;
  }
}

// Words only Dutch has (whole words), the Dutch phase names, and every longer fixed piece of a
// Dutch catalogue text: none of them may be in an error shown to an English reader.
const DUTCH_WORDS = [
  'het', 'een', 'niet', 'deze', 'dit', 'kan', 'moet', 'mag', 'veld', 'gezin', 'gezinslid', 'opnieuw', 'probeer', 'iemand',
  'gewijzigd', 'maximaal', 'tekens', 'bestand', 'wachtwoord', 'gebruikersnaam', 'fase', 'toestemming', 'nodig', 'eerst',
  'voor', 'geen', 'zijn', 'wordt', 'heeft', 'naar', 'bij', 'ook', 'nog', 'uw', 'gegevens', 'pogingen', 'wacht', 'minuten',
  'klopt', 'regel', 'overslaan', 'komt', 'intussen', 'laad', 'de', 'en', 'van', 'aanmelding', 'actief', 'afsluiting', 'nazorg',
];
const DUTCH_PIECES = Object.values(catalogue)
  .flatMap((texts) => (texts.nl ?? '').split(/\{\w+\}/))
  .map((piece) => piece.trim())
  .filter((piece) => piece.length >= 15);

function assertNoDutch(text, what) {
  const words = text.toLowerCase().match(/[a-zà-ÿ]+/g) ?? [];
  const found = DUTCH_WORDS.filter((w) => words.includes(w));
  assert.deepEqual(found, [], `${what}: Dutch words in "${text}"`);
  const piece = DUTCH_PIECES.find((p) => text.includes(p));
  assert.equal(piece, undefined, `${what}: a Dutch catalogue text in "${text}"`);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The English text of a coded message as a pattern ({param} matches whatever the web put there). */
function englishPattern(code) {
  const en = catalogue[code]?.en;
  if (!en) return null;
  return new RegExp(en.split(/\{\w+\}/).map(escape).join('.+?'));
}

/**
 * Waits for the error region, then checks it: some English text, the catalogue's English text
 * for `coded.code` when the catalogue has it, and no Dutch.
 */
async function assertEnglishError(region, coded, what, t) {
  await region.waitFor();
  const text = (await region.innerText()).replace(/\s+/g, ' ').trim();
  assert.ok(text.length > 5, `${what}: an error is shown`);
  assert.ok(coded?.code, `${what}: the server answered with a reason code: ${JSON.stringify(coded)}`);
  const pattern = englishPattern(coded.code);
  if (pattern) assert.match(text, pattern, `${what}: the English catalogue text for ${coded.code}`);
  assertNoDutch(text, what);
  t?.diagnostic(`${what}: ${coded.code}${pattern ? '' : ' (not in the catalogue)'} → "${text}"`);
  return text;
}

/** The next answer to `method` on a path matching `pathPattern`, as { status, body, request }. */
function nextAnswer(page, method, pathPattern) {
  return page
    .waitForResponse((r) => r.request().method() === method && pathPattern.test(new URL(r.url()).pathname))
    .then(async (r) => ({ status: r.status(), body: await r.json().catch(() => null), request: r.request() }));
}

let browser;
before(async (t) => {
  browser = await launch();
});
after(async (t) => {
  await browser?.close();
});

/** A family of coach1, preferably in `phase`; returns its path /gezinnen/<id>. */
async function familyOf(page, phases = []) {
  for (const phase of [...phases, '']) {
    await page.goto(phase ? `/gezinnen?fase=${phase}` : '/gezinnen');
    await page.locator('table tbody tr a, .k-empty').first().waitFor();
    const link = page.locator('table tbody tr a').first();
    if (await link.count()) return new URL(await link.getAttribute('href'), page.url()).pathname;
  }
  throw new Error('coach1 has no family');
}

test('a wrong login, switched to English: the English text, and the request asked for English', async (t) => {
  const page = await newPage(browser, { lang: 'nl' });
  await page.goto('/login');
  await page.getByTestId('language-switch').click();
  await page.getByRole('heading', { level: 1, name: 'Log in' }).waitFor();
  await page.locator('#login-username').fill(`nobody${Date.now().toString(36)}`);
  await page.locator('#login-password').fill('not the password');
  const answer = nextAnswer(page, 'POST', /\/api\/v1\/auth\/login$/);
  await page.locator('form button[type="submit"]').click();
  const { status, body, request } = await answer;
  assert.equal(status, 401);
  assert.equal(request.headers()['accept-language'], 'en');
  await assertEnglishError(page.locator('.k-login [role="alert"]'), body, 'wrong login', t);
  await page.context().close();
});

test('a field the server finds too long: the English text next to the field', async (t) => {
  const page = await newPage(browser, { lang: 'en' });
  await login(page, 'coach1');
  const family = await familyOf(page);
  await page.goto(`${family}/gezinsleden`);
  await page.getByRole('button', { name: 'Add a family member' }).click();
  await page.locator('#member-given-name').fill('Noor');
  // The form checks the length itself too; make the request carry a first name that is too long
  // on its way, so it is the server that refuses it.
  await page.route(/\/api\/v1\/families\/[^/]+\/members$/, (route) => {
    if (route.request().method() !== 'POST') return route.continue();
    const body = JSON.parse(route.request().postData());
    return route.continue({ postData: JSON.stringify({ ...body, given_name: 'N'.repeat(5000) }) });
  });
  const answer = nextAnswer(page, 'POST', /\/members$/);
  await page.locator('form').getByRole('button', { name: 'Save' }).click();
  const { status, body } = await answer;
  assert.equal(status, 422);
  const fieldError = body?.errors?.given_name?.[0];
  assert.equal(fieldError?.code, 'too_long', JSON.stringify(body));
  await assertEnglishError(page.locator('#member-given-name-error'), fieldError, 'too long', t);
  await page.context().close();
});

test('a stale edit (someone else saved the member first): the English text', async (t) => {
  const page = await newPage(browser, { lang: 'en' });
  await login(page, 'coach1');
  const family = await familyOf(page);
  const familyId = family.split('/').pop();
  await page.goto(`${family}/gezinsleden`);
  const edit = page.getByRole('button', { name: /^Edit / }).first();
  await edit.waitFor();
  await edit.click();
  await page.locator('#member-given-name').waitFor();

  // In another session (a second tab of a colleague), the same member is saved first.
  const other = await newPage(browser, { lang: 'nl' });
  await login(other, 'coach1');
  const { csrf_token: csrf } = await (await other.request.get('/api/v1/me')).json();
  const members = await (await other.request.get(`/api/v1/families/${familyId}/members`)).json();
  const editing = await page.locator('#member-given-name').inputValue();
  const member = members.items.find((m) => m.given_name === editing) ?? members.items[0];
  const saved = await other.request.patch(`/api/v1/families/${familyId}/members/${member.id}`, {
    headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${member.version}"`, 'Content-Type': 'application/json' },
    data: { family_name: member.family_name },
  });
  assert.equal(saved.status(), 200, await saved.text());
  await other.context().close();

  const answer = nextAnswer(page, 'PATCH', /\/members\/[^/]+$/);
  await page.locator('form').getByRole('button', { name: 'Save' }).click();
  const { status, body } = await answer;
  assert.equal(status, 412);
  await assertEnglishError(page.locator('form .k-notice'), body, 'stale edit', t);
  await page.context().close();
});

test('a refused phase change: the English text, with the phases named in English', async (t) => {
  const page = await newPage(browser, { lang: 'en' });
  await login(page, 'coach1');
  const family = await familyOf(page, ['intake', 'aanmelding']);
  await page.goto(`${family}/traject`);
  const submit = page.locator('form button[type="submit"][id^="phase-"]').first();
  await submit.waitFor();
  // Skip a phase on the way to the server: the trajectory refuses it.
  await page.route(/\/api\/v1\/families\/[^/]+\/phase$/, (route) => {
    const body = JSON.parse(route.request().postData());
    return route.continue({ postData: JSON.stringify({ ...body, to: 'nazorg' }) });
  });
  const answer = nextAnswer(page, 'POST', /\/phase$/);
  await submit.click();
  const { status, body } = await answer;
  assert.ok(status === 409 || status === 422, `refused: ${status}`);
  const coded = body?.code && body.code !== 'validation' ? body : Object.values(body?.errors ?? {})[0]?.[0];
  const text = await assertEnglishError(page.locator('.k-notice[role="alert"], .k-notice [role="alert"], .utrecht-form-field__error-message').first(), coded, 'phase change', t);
  assert.doesNotMatch(text, /\bnazorg\b/i);
  await page.context().close();
});

test('a file that is no GEDCOM: the English text', async (t) => {
  const page = await newPage(browser, { lang: 'en' });
  await login(page, 'coach1');
  const family = await familyOf(page);
  await page.goto(`${family}/genogram`);
  await page.getByRole('button', { name: 'More' }).click(); // import and export sit under "More"
  await page.getByRole('button', { name: 'Import a family tree' }).click();
  const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => (i * 97 + 13) % 256));
  await page.getByLabel('Choose the file').setInputFiles({ name: 'photo.ged', mimeType: 'application/octet-stream', buffer: bytes });
  const answer = nextAnswer(page, 'POST', /\/genogram\/import$/);
  await page.getByRole('button', { name: 'Check file' }).click();
  const { status, body } = await answer;
  assert.ok(status >= 400 && status < 500, `refused: ${status}`);
  await assertEnglishError(page.locator('.k-geno-import [role="alert"]'), body, 'no GEDCOM', t);
  await page.context().close();
});
