// The same journey with the keyboard only: Tab, Shift+Tab, Enter, Space and arrow keys,
// never a mouse click. Every stop on the way must show a visible focus indicator.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { LOGINS, heading, launch, newPage, unique } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const noFocusRing = new Set();

async function active(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const cs = getComputedStyle(el);
    const visible = (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || (cs.boxShadow && cs.boxShadow !== 'none');
    return {
      id: el.id,
      tag: el.tagName.toLowerCase(),
      text: (el.getAttribute('aria-label') || el.textContent || '').trim(),
      visible,
      path: el.id ? `#${el.id}` : `${el.tagName.toLowerCase()}:${(el.textContent || '').trim().slice(0, 40)}`,
    };
  });
}

/** Presses Tab until the focused element matches; records stops without a visible focus ring. */
async function tabTo(page, match, { max = 120 } = {}) {
  const is = typeof match === 'string' ? (a) => a && (a.id === match || a.text === match) : match;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const a = await active(page);
    if (a && !a.visible && a.tag !== 'main' && a.tag !== 'h1' && a.tag !== 'h2') noFocusRing.add(a.path);
    if (is(a)) return a;
  }
  throw new Error(`Tab never reached ${typeof match === 'string' ? match : 'the element'}`);
}

/** After a route change the app puts focus on the new page's heading; wait for it. */
async function focusOnHeading(page) {
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
}

/** Chooses an option of the focused <select> with the arrow keys. */
async function arrowSelect(page, value) {
  const options = await page.evaluate(() => [...document.activeElement.options].map((o) => o.value));
  const target = options.indexOf(value);
  assert.ok(target >= 0, `option ${value} exists`);
  let current = await page.evaluate(() => document.activeElement.selectedIndex);
  while (current !== target) {
    await page.keyboard.press(current < target ? 'ArrowDown' : 'ArrowUp');
    current = await page.evaluate(() => document.activeElement.selectedIndex);
  }
}

async function keyboardLogin(page, username) {
  await page.goto('/login');
  await heading(page, 'Inloggen');
  await tabTo(page, 'login-username');
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(LOGINS[username].password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await focusOnHeading(page);
}

test('skip link is the first stop and jumps to the content', async () => {
  const page = await newPage(browser);
  await page.goto('/login');
  await heading(page, 'Inloggen');
  await page.keyboard.press('Tab');
  const first = await active(page);
  assert.equal(first.text, 'Direct naar de inhoud');
  const box = await page.locator('.utrecht-skip-link').boundingBox();
  assert.ok(box && box.y >= 0 && box.height > 0, 'the skip link is visible when focused');
  await page.keyboard.press('Enter');
  assert.equal((await active(page))?.id, 'main');
  await page.keyboard.press('Tab');
  assert.equal((await active(page))?.id, 'login-username');
  await page.context().close();
});

test('the whole journey, keyboard only', async () => {
  const familyName = unique('Familie Toets');

  // Team lead: referral and assignment.
  const lead = await newPage(browser);
  await keyboardLogin(lead, 'teamlead');
  await heading(lead, 'Vandaag');
  await tabTo(lead, (a) => a?.tag === 'a' && a.text === 'Gezin aanmelden');
  await lead.keyboard.press('Enter');
  await heading(lead, 'Gezin aanmelden');
  await focusOnHeading(lead);
  await tabTo(lead, 'ref-family-name');
  await lead.keyboard.type(familyName);
  await tabTo(lead, 'ref-organisation');
  await lead.keyboard.type('Basisschool De Regenboog');
  await lead.keyboard.press('Tab');
  await arrowSelect(lead, 'school');
  await lead.keyboard.press('Tab');
  await lead.keyboard.type('De juf ziet dat de kinderen zonder ontbijt komen. Moeder is open en wil graag praten.');
  await tabTo(lead, 'ref-email');
  await lead.keyboard.type('gezin@example.org');
  await tabTo(lead, 'Aanmelding opslaan');
  await lead.keyboard.press('Enter');
  await heading(lead, familyName);
  await focusOnHeading(lead);

  await tabTo(lead, (a) => a?.tag === 'a' && a.text === 'Wachtlijst');
  await lead.keyboard.press('Enter');
  await heading(lead, 'Wachtlijst');
  await focusOnHeading(lead);
  await tabTo(lead, `Coach toewijzen voor ${familyName}`);
  await lead.keyboard.press('Space');
  await lead.waitForFunction(() => document.activeElement?.tagName === 'SELECT');
  const coaches = await lead.evaluate(() => [...document.activeElement.options].map((o) => [o.value, o.text]));
  await arrowSelect(lead, coaches.find(([, text]) => text === 'Esther Wolters')[0]);
  await tabTo(lead, 'Coach toewijzen');
  await lead.keyboard.press('Space');
  await lead.getByText(`Esther Wolters is nu de coach van ${familyName}.`).waitFor();
  await lead.context().close();

  // Coach: members, intake, consent, eligibility, actief, closing, nazorg.
  const page = await newPage(browser);
  await keyboardLogin(page, 'coach1');
  // A coach starts on Vandaag (issue 11); the caseload is one link away.
  await heading(page, 'Vandaag');
  await tabTo(page, (a) => a?.tag === 'a' && a.text === 'Mijn gezinnen');
  await page.keyboard.press('Enter');
  await heading(page, 'Mijn gezinnen');
  await tabTo(page, 'caseload-q');
  await page.keyboard.type(familyName);
  await page.keyboard.press('Enter');
  await page.waitForURL(/q=/);
  await page.getByRole('link', { name: familyName, exact: true }).waitFor();
  await tabTo(page, (a) => a?.tag === 'a' && a.text === familyName);
  await page.keyboard.press('Enter');
  await heading(page, familyName);
  await focusOnHeading(page);

  await tabTo(page, (a) => a?.tag === 'a' && a.text === 'Gezinsleden');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/gezinsleden$/);
  await focusOnHeading(page);
  await tabTo(page, 'Gezinslid toevoegen');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.activeElement?.id === 'member-given-name');
  // The birth date is three fields (day, month, year); Tab goes from one to the next.
  await tabTo(page, 'member-birth-date-day');
  await page.keyboard.type('31');
  await page.keyboard.press('Tab');
  assert.equal((await active(page))?.id, 'member-birth-date-month', 'Tab goes from the day to the month');
  await page.keyboard.type('2');
  await page.keyboard.press('Tab');
  assert.equal((await active(page))?.id, 'member-birth-date-year', 'and from the month to the year');
  await page.keyboard.type('2015');
  await page.keyboard.press('Enter');
  await page.locator('#member-given-name-error').waitFor();
  assert.match(await page.locator('#member-birth-date-error').textContent(), /Die datum bestaat niet/);
  assert.equal((await active(page))?.id, 'member-given-name', 'focus goes to the first field with an error');
  await page.keyboard.type('Mila');
  await tabTo(page, 'member-birth-date-day');
  for (const part of ['3', '2', '1990']) { // an adult: she gives the coaching consent below
    await page.keyboard.press('Control+A');
    await page.keyboard.type(part);
    if (part !== '1990') await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
  await page.getByText('Mila is toegevoegd.').waitFor();

  await tabTo(page, (a) => a?.tag === 'a' && a.text === 'Traject');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/traject$/);
  await focusOnHeading(page);
  await tabTo(page, 'phase-intake-date-day');
  await page.keyboard.press('Enter');
  await page.getByText('Het gezin is nu in de fase Intake.').waitFor();

  await tabTo(page, (a) => a?.tag === 'a' && a.text === 'Toestemming');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/toestemming$/);
  await focusOnHeading(page);
  await tabTo(page, 'Toestemming vastleggen');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.activeElement?.id === 'consent-purpose');
  // Who gave it is a household member now (a parent is chosen already); the date is today.
  await tabTo(page, 'consent-given-by');
  await tabTo(page, 'consent-given-on-day');
  // How it was given starts on "Kies…": choose with the arrow keys, then send with Enter on the button.
  await tabTo(page, 'consent-method');
  await arrowSelect(page, 'paper');
  await tabTo(page, 'Opslaan');
  await page.keyboard.press('Enter');
  await page.getByText('De toestemming is vastgelegd.').waitFor();

  await tabTo(page, (a) => a?.tag === 'a' && a.text === 'Traject');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/traject$/);
  await focusOnHeading(page);
  await page.getByRole('heading', { name: 'Inkomenstoets' }).waitFor();
  await tabTo(page, 'elig-type');
  await arrowSelect(page, 'alleenstaande_ouder');
  await tabTo(page, (a) => a?.id?.startsWith('elig-i') && a.id.endsWith('-source'));
  await page.keyboard.type('Loon');
  await page.keyboard.press('Tab');
  await page.keyboard.type('1100');
  await page.keyboard.press('Enter');
  await page.getByText('De inkomenstoets is opgeslagen.').waitFor();

  await tabTo(page, 'phase-actief-date-day');
  await page.keyboard.press('Enter');
  await page.getByText('Het gezin is nu in de fase Actief.').waitFor();

  // Closing opens a dialog; focus starts at the reason.
  await tabTo(page, 'Traject afsluiten…');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'close-reason');
  await arrowSelect(page, 'doorverwezen');
  await tabTo(page, 'close-summary');
  await page.keyboard.type('Doorverwezen naar schuldhulp. Het gezin heeft nu een vaste contactpersoon.');
  await tabTo(page, 'close-submit');
  await page.keyboard.press('Space');
  await page.getByText('Het gezin is nu in de fase Afsluiting.').waitFor();

  await tabTo(page, 'Naar Nazorg');
  await page.keyboard.press('Space');
  await page.getByText('Het traject is helemaal doorlopen.').waitFor();

  // Language switch by keyboard too.
  await tabTo(page, 'Switch to English');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Timeline' }).waitFor();
  await page.context().close();

  assert.deepEqual([...noFocusRing], [], 'every keyboard stop shows a visible focus ring');
});
