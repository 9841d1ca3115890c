// The genogram tab in the browser, as a coach: start from the household of a new family, grow
// it to four generations with the quick actions, give a strength to three generations, and see
// the drawing, the patterns panel, the list view and the timeline follow; a miscarriage gets its
// own symbol without a name. Then: a sibling
// without parents is refused in plain Dutch, a stale edit gets 412, a person is removed,
// a GEDCOM file is checked and imported, the export downloads, and print shows only the drawing.
// Last, a partner relation and a life event are changed in the person panel (with the keyboard
// path and a stale change), and the drawing and timeline follow.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, heading, launch, login, newPage, unique, fillDate } from './harness.mjs';

let browser;
let familyName;
let familyPath;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** The names drawn under the symbols (the SVG text of every g.person). */
async function drawnNames(page) {
  return page.locator('.k-geno-stage g.person text.name').allTextContents();
}

/** Waits until the drawing shows `count` persons and returns their names. */
async function waitForPersons(page, count) {
  await page.waitForFunction((n) => document.querySelectorAll('.k-geno-stage g.person[data-person-id]').length === n, count);
  return drawnNames(page);
}

/** Opens a person by pressing Enter on their symbol in the drawing (the keyboard path). */
async function openInDrawing(page, name) {
  const symbol = page.locator('.k-geno-stage g.person', { has: page.locator('text.name', { hasText: name }) });
  await symbol.focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
}

/** A quick action in the open person's panel: add a parent, partner, child or sibling. */
async function quickAdd(page, action, of, fields) {
  await page.getByRole('button', { name: `${action} van ${of} toevoegen` }).click();
  const form = page.locator('form[aria-labelledby="gq-title"]');
  if (fields.given) await form.getByLabel('Voornaam').fill(fields.given);
  if (fields.role) await form.getByLabel('Hoe noemt de familie deze persoon?').fill(fields.role);
  if (fields.sex) await form.getByLabel('Geslacht').selectOption(fields.sex);
  if (fields.birth) await form.getByLabel('Geboortejaar').fill(fields.birth);
  if (fields.deceased) await form.getByLabel('Deze persoon is overleden').check();
  await form.getByRole('button', { name: 'Toevoegen' }).click();
}

async function giveTheme(page, name, theme) {
  await page.locator('form[aria-labelledby="gp-title"]').getByLabel(theme, { exact: true }).check();
  await page.locator('form[aria-labelledby="gp-title"]').getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText(`De gegevens van ${name} zijn opgeslagen.`).waitFor();
}

test('a coach builds a genogram over four generations and sees a shared strength', async () => {
  familyName = unique('Familie Genogram');

  // A new family (so its genogram is certainly empty), referred by the team lead for coach1.
  const lead = await newPage(browser);
  await login(lead, 'teamlead');
  await heading(lead, 'Gezinnen');
  await lead.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Gezin aanmelden', exact: true }).click();
  await heading(lead, 'Gezin aanmelden');
  await lead.getByLabel('Naam van het gezin').fill(familyName);
  await lead.getByLabel('Naam van de organisatie of persoon').fill('Woonstichting De Volmacht');
  await lead.getByLabel('Soort aanmelder').selectOption('woningcorporatie');
  await lead.getByLabel('Reden van aanmelding').fill('Moeder wil graag weten wat er in de familie steeds terugkomt.');
  await lead.getByLabel('Telefoon').fill('0612345678');
  await lead.getByRole('button', { name: 'Nog een gezinslid' }).click();
  await lead.getByRole('button', { name: 'Nog een gezinslid' }).click();
  await lead.locator('[id$="-given"]').nth(0).fill('Marja');
  await fillDate(lead, lead.locator('fieldset[id$="-birth"]').nth(0), '14-03-1985');
  await lead.locator('[id^="ref-m"][id$="-role"]').nth(0).selectOption('parent');
  await lead.locator('[id$="-given"]').nth(1).fill('Sanne');
  await fillDate(lead, lead.locator('fieldset[id$="-birth"]').nth(1), '01-06-2010');
  await lead.locator('[id^="ref-m"][id$="-role"]').nth(1).selectOption('child');
  await lead.getByRole('button', { name: 'Aanmelding opslaan' }).click();
  await heading(lead, familyName);
  await lead.getByRole('link', { name: 'Wachtlijst', exact: true }).click();
  const row = lead.locator('tr', { hasText: familyName });
  await row.getByRole('button', { name: `Coach toewijzen voor ${familyName}` }).click();
  await row.getByLabel('Coach', { exact: true }).selectOption({ label: 'Esther Wolters' });
  await row.getByRole('button', { name: 'Coach toewijzen' }).click();
  await lead.getByText(`Esther Wolters is nu de coach van ${familyName}.`).waitFor();
  await lead.context().close();

  const page = await newPage(browser);
  await login(page, 'coach1');
  await heading(page, 'Mijn gezinnen');
  await page.getByLabel('Zoek op naam').fill(familyName);
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.getByRole('link', { name: familyName }).click();
  await heading(page, familyName);
  familyPath = new URL(page.url()).pathname.match(/^\/gezinnen\/[^/]+/)[0];
  await page.getByRole('link', { name: 'Genogram', exact: true }).click();
  assert.match(page.url(), /\/genogram$/);

  // Empty: one sentence on what a genogram is, and the two ways to begin.
  await page.getByText(/^Een genogram is een tekening van de familie/).waitFor();
  await page.getByRole('button', { name: 'Persoon toevoegen' }).waitFor();
  await checkA11y(page, 'genogram, empty');
  await page.getByRole('button', { name: 'Begin met het huishouden' }).click();
  await page.getByText('Het huishouden staat in het genogram: 2 personen toegevoegd.').waitFor();
  let names = await waitForPersons(page, 2);
  assert.deepEqual([...names].sort(), ['Marja', 'Sanne']);

  // Clicking a symbol opens that person; quick actions add a grandmother and a great-grandfather.
  await page.locator('.k-geno-stage g.person', { has: page.locator('text.name', { hasText: 'Marja' }) }).click();
  await page.getByRole('heading', { level: 2, name: 'Marja', exact: true }).waitFor();
  await quickAdd(page, 'Ouder', 'Marja', { given: 'Els', role: 'oma moederskant', sex: 'female', birth: '1958' });
  await page.getByRole('heading', { level: 2, name: 'Els', exact: true }).waitFor();
  await page.getByText('Els is toegevoegd.').waitFor();
  names = await waitForPersons(page, 3);
  assert.ok(names.includes('Els'), `the drawing shows Els: ${names}`);

  await quickAdd(page, 'Ouder', 'Els', { given: 'Henk', sex: 'male', birth: 'ca. 1930', deceased: true });
  await page.getByRole('heading', { level: 2, name: 'Henk', exact: true }).waitFor();
  names = await waitForPersons(page, 4);
  assert.ok(names.includes('Henk'), `the drawing shows Henk: ${names}`);
  const henk = page.locator('.k-geno-stage g.person', { has: page.locator('text.name', { hasText: 'Henk' }) });
  assert.equal(await henk.locator('line.cross').count(), 2, 'a deceased person has a cross in the symbol');
  assert.match(await henk.locator('text.years').textContent(), /ca\. 1930/);

  // A sibling of someone without parents: the server's own words.
  await quickAdd(page, 'Broer of zus', 'Henk', { given: 'Gerrit', sex: 'male' });
  await page.locator('form[aria-labelledby="gq-title"] [role="alert"]', { hasText: 'Voeg eerst een ouder toe' }).waitFor();
  await page.locator('form[aria-labelledby="gq-title"]').getByRole('button', { name: 'Annuleren' }).click();
  // A sibling of Els gets her parent Henk; then it is removed again (with its relations).
  await openInDrawing(page, 'Els');
  await quickAdd(page, 'Broer of zus', 'Els', { given: 'Gerrit', sex: 'male', birth: '1960' });
  await page.getByRole('heading', { level: 2, name: 'Gerrit', exact: true }).waitFor();
  await page.locator('.k-geno-panel').getByText('Kind van Henk').waitFor();
  await waitForPersons(page, 5);
  await page.getByRole('button', { name: 'Gerrit verwijderen' }).click();
  const dialog = page.getByRole('dialog', { name: 'Gerrit verwijderen?' });
  await dialog.getByText('Ook alle relaties en gebeurtenissen van Gerrit gaan dan weg.').waitFor();
  await checkA11y(page, 'genogram, remove dialog');
  await dialog.getByRole('button', { name: 'Ja, verwijderen' }).click();
  await page.getByText('Gerrit is uit het genogram verwijderd.').waitFor();
  names = await waitForPersons(page, 4);
  assert.ok(!names.includes('Gerrit'));

  // Zorgzaam in three generations: Els, Marja and Sanne. Strengths are listed first.
  for (const name of ['Els', 'Marja', 'Sanne']) {
    await openInDrawing(page, name);
    const form = page.locator('form[aria-labelledby="gp-title"]');
    const groups = await form.locator('.k-geno-themes__title').allTextContents();
    assert.deepEqual(groups, ['Sterke kanten', 'Aandachtspunten'], 'strengths come before points of attention');
    await giveTheme(page, name, 'Zorgzaam');
  }
  // The panel reloads after each save: wait for the pattern as it stands after Sanne's.
  const pattern = page.locator('.k-geno-patterns__list li', { hasText: /Zorgzaam — 3 generaties/ });
  await pattern.waitFor();
  const patternText = (await pattern.textContent()).replace(/\s+/g, ' ');
  assert.match(patternText, /Sterke kant/);
  assert.match(patternText, /Zorgzaam — 3 generaties: Els, Marja, Sanne/);
  assert.equal(await page.locator('.k-geno-patterns__list li').first().locator('.k-badge').count(), 1, 'the first pattern is a strength');

  // "Toon in tekening" marks exactly those three persons.
  await pattern.getByRole('button', { name: 'Toon Zorgzaam in de tekening' }).click();
  await page.waitForFunction(() => document.querySelectorAll('.k-geno-stage g.person circle.highlight').length === 3);
  await page.getByText('In de tekening gemarkeerd: Zorgzaam.').waitFor();
  assert.equal(await pattern.getByRole('button', { name: 'Toon Zorgzaam in de tekening' }).getAttribute('aria-pressed'), 'true');

  // A life event shows in the person panel and in the family timeline.
  await openInDrawing(page, 'Marja');
  await page.getByRole('button', { name: 'Gebeurtenis toevoegen' }).click();
  await page.getByLabel('Wat gebeurde er?').selectOption('move');
  await page.getByLabel('Wanneer?').fill('2012');
  await page.getByLabel('Verhuisd van').fill('Emmen');
  await page.getByLabel('Verhuisd naar').fill('Coevorden');
  await page.locator('form[aria-labelledby="ge-title"]').getByRole('button', { name: 'Toevoegen' }).click();
  await page.getByText('De gebeurtenis is toegevoegd.').waitFor();
  const item = page.locator('.k-timeline li', { hasText: 'Verhuizing' });
  await item.waitFor();
  assert.match((await item.textContent()).replace(/\s+/g, ' '), /2012 — Verhuizing: Marja.*van Emmen naar Coevorden/);

  // Panel open, pattern marked, timeline filled: the whole tab passes axe.
  await checkA11y(page, 'genogram with person panel');

  // The list view says the same as the drawing, per generation.
  await page.getByRole('button', { name: 'Lijst', exact: true }).click();
  const list = page.locator('#genogram-list');
  await list.waitFor();
  const generations = await list.getByRole('heading', { level: 3 }).allTextContents();
  assert.deepEqual(generations, ['Generatie 1', 'Generatie 2', 'Generatie 3', 'Generatie 4']);
  const gen1 = list.locator('section', { has: page.getByRole('heading', { name: 'Generatie 1' }) });
  assert.match((await gen1.textContent()).replace(/\s+/g, ' '), /Henk.*ca\. 1930.*overleden.*Ouder van Els/);
  const gen2 = list.locator('section', { has: page.getByRole('heading', { name: 'Generatie 2' }) });
  const gen2Text = (await gen2.textContent()).replace(/\s+/g, ' ');
  for (const fact of ['Els', 'Kind van Henk', 'Ouder van Marja', 'Zorgzaam (sterke kant)']) assert.ok(gen2Text.includes(fact), `generation 2 says "${fact}": ${gen2Text}`);
  const gen4 = list.locator('section', { has: page.getByRole('heading', { name: 'Generatie 4' }) });
  assert.match((await gen4.textContent()).replace(/\s+/g, ' '), /Sanne.*woont in het huishouden/);
  await checkA11y(page, 'genogram list view');
  await list.getByRole('button', { name: 'Henk', exact: true }).click();
  await page.getByRole('heading', { level: 2, name: 'Henk', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Tekening', exact: true }).click();

  // Zoom buttons change the scale; arrow keys pan when the drawing has focus.
  const stage = page.locator('.k-geno-stage');
  // The drawing fits itself to its frame after it mounts (and again while the frame still
  // settles, e.g. when the font arrives): wait until the fitted view holds still.
  let fitted = await stage.getAttribute('style');
  for (let i = 0; i < 30; i++) {
    await page.waitForTimeout(150);
    const now = await stage.getAttribute('style');
    if (now === fitted) break;
    fitted = now;
  }
  const view = (style) => {
    const [, x, y, scale] = style.match(/translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/);
    return { x: Number(x), y: Number(y), scale: Number(scale) };
  };
  await page.getByRole('button', { name: 'Inzoomen' }).click();
  const zoomed = view(await stage.getAttribute('style'));
  assert.ok(Math.abs(zoomed.scale - view(fitted).scale * 1.25) < 0.01, `zoomed in by a quarter: ${fitted} → ${zoomed.scale}`);
  await page.getByRole('region', { name: /^Tekening van het genogram/ }).focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(view(await stage.getAttribute('style')).x, zoomed.x + 40);
  await page.getByRole('button', { name: 'Hele tekening tonen' }).click();
  assert.equal(await stage.getAttribute('style'), fitted, 'the whole drawing again, as it opened');

  // A miscarriage needs no name and is drawn with its own small symbol.
  await openInDrawing(page, 'Marja');
  await page.getByRole('button', { name: 'Kind van Marja toevoegen' }).click();
  const child = page.locator('form[aria-labelledby="gq-title"]');
  await child.getByLabel('Geboren, of een zwangerschap?').selectOption('miscarriage');
  await child.getByLabel('Geboortejaar').fill('2008');
  await child.getByRole('button', { name: 'Toevoegen' }).click();
  await page.locator('.k-geno-panel').getByText(/^Miskraam · 2008/).waitFor();
  await waitForPersons(page, 5);

  assert.deepEqual(page.consoleErrors, [], 'no script errors');
  await page.context().close();
});

test('a stale edit is refused, GEDCOM goes out and comes in, print shows only the drawing', async () => {
  assert.ok(familyPath, 'the first test made a family');
  const page = await newPage(browser);
  await login(page, 'coach1', { next: `${familyPath}/genogram` });
  await page.getByRole('heading', { level: 2, name: 'Genogram' }).waitFor();
  await waitForPersons(page, 5);

  // Someone else changes Sanne while she is open here: saving gives the 412 text.
  await openInDrawing(page, 'Sanne');
  const familyId = familyPath.split('/').pop();
  const { csrf_token: csrf } = await (await page.request.get('/api/v1/me')).json();
  const genogram = await (await page.request.get(`/api/v1/families/${familyId}/genogram`)).json();
  const sanne = genogram.persons.find((p) => p.display_name === 'Sanne');
  const patched = await page.request.patch(`/api/v1/families/${familyId}/genogram/persons/${sanne.id}`, {
    headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${sanne.version}"`, 'Content-Type': 'application/json' },
    data: { role_label: 'dochter' },
  });
  assert.equal(patched.status(), 200);
  await page.locator('form[aria-labelledby="gp-title"]').getByLabel('Creatief', { exact: true }).check();
  await page.locator('form[aria-labelledby="gp-title"]').getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('Iemand anders heeft dit net gewijzigd.', { exact: false }).waitFor();
  await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
  await page.waitForFunction(() => document.querySelector('#gp-role')?.value === 'dochter');

  // Export: a GEDCOM download with the persons.
  await page.getByRole('button', { name: 'Meer' }).click();
  const href = await page.getByRole('link', { name: 'Downloaden als stamboombestand' }).getAttribute('href');
  await page.keyboard.press('Escape');
  const ged = await page.request.get(href);
  assert.equal(ged.status(), 200);
  assert.match(ged.headers()['content-disposition'] ?? '', /attachment/);
  const gedText = await ged.text();
  assert.match(gedText, /^0 HEAD/);
  assert.match(gedText, /Sanne/);

  // Import: first a dry run with a report, then the import itself.
  const file = [
    '0 HEAD',
    '1 CHAR UTF-8',
    '1 GEDC',
    '2 VERS 5.5.1',
    '0 @I1@ INDI',
    '1 NAME Jan /Bakker/',
    '1 SEX M',
    '1 BIRT',
    '2 DATE 12 MAR 1901',
    '0 @I2@ INDI',
    '1 NAME Grietje /Mulder/',
    '1 SEX F',
    '1 _LIEVELINGSKLEUR blauw',
    '0 @F1@ FAM',
    '1 HUSB @I1@',
    '1 WIFE @I2@',
    '0 TRLR',
    '',
  ].join('\n');
  await page.getByRole('button', { name: 'Meer' }).click();
  await page.getByRole('button', { name: 'Stamboom inlezen' }).click();
  await page.getByLabel('Kies het bestand').setInputFiles({ name: 'bakker.ged', mimeType: 'application/octet-stream', buffer: Buffer.from(file) });
  await page.getByRole('button', { name: 'Bestand controleren' }).click();
  const report = page.locator('.k-geno-report');
  await report.getByRole('heading', { name: 'Dit lezen we in' }).waitFor();
  const reportText = (await report.textContent()).replace(/\s+/g, ' ');
  assert.match(reportText, /Personen\s*2/);
  assert.match(reportText, /Alleen voornaam en jaar/);
  await report.getByText(/^Regels die we niet gebruiken/).click();
  await report.getByRole('cell', { name: '1 _LIEVELINGSKLEUR blauw' }).waitFor();
  await checkA11y(page, 'genogram import report');
  assert.equal(await page.locator('.k-geno-stage g.person').count(), 5, 'a dry run writes nothing');
  await report.getByRole('button', { name: 'Importeren (2 personen)' }).click();
  await page.getByText('2 personen uit de stamboom staan nu in het genogram.').waitFor();
  const names = await waitForPersons(page, 7);
  assert.ok(names.includes('Jan') && names.includes('Grietje'), `imported persons are drawn without surname: ${names}`);

  // A file that is not GEDCOM is refused with a clear message, and nothing is written.
  await page.getByRole('button', { name: 'Meer' }).click();
  await page.getByRole('button', { name: 'Stamboom inlezen' }).click();
  await page.getByLabel('Kies het bestand').setInputFiles({ name: 'foto.ged', mimeType: 'application/octet-stream', buffer: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]) });
  await page.getByRole('button', { name: 'Bestand controleren' }).click();
  await page.locator('.k-geno-import [role="alert"]').waitFor();
  assert.ok((await page.locator('.k-geno-import [role="alert"]').textContent()).trim().length > 10);
  await page.locator('.k-geno-import').getByRole('button', { name: 'Annuleren' }).click();

  // Print: only the drawing, named A4 landscape page.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#root').isVisible(), false, 'the app is not printed');
  assert.equal(await page.locator('.k-geno-printout img').isVisible(), true, 'the drawing is printed');
  const printed = await page.locator('.k-geno-printout img').evaluate((img) => img.complete && img.naturalWidth > 0);
  assert.ok(printed, 'the printed drawing has loaded');
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(page.consoleErrors, [], 'no script errors');
  await page.context().close();
});

/** The person panel's item button whose id is focused, or null. */
async function focusedId(page) {
  return page.evaluate(() => document.activeElement?.id ?? null);
}

/** The timeline as one line per event. */
async function timelineLines(page) {
  return (await page.locator('.k-timeline li').allTextContents()).map((x) => x.replace(/\s+/g, ' ').trim());
}

test('a relation and a life event are changed in the person panel', async () => {
  assert.ok(familyPath, 'the first test made a family');
  const page = await newPage(browser);
  await login(page, 'coach1', { next: `${familyPath}/genogram` });
  await page.getByRole('heading', { level: 2, name: 'Genogram' }).waitFor();
  await waitForPersons(page, 7);
  assert.equal(await page.locator('.k-geno-stage g.relations line.slash').count(), 0, 'nobody is apart yet');

  // Jan and Grietje came in from GEDCOM as a couple. "Wijzigen" opens the add form, filled in.
  await openInDrawing(page, 'Jan');
  await page.getByRole('button', { name: /^Relatie wijzigen: Partner van Grietje/ }).click();
  const form = page.locator('form[aria-labelledby="gr-title"]');
  await form.getByRole('heading', { name: /^Relatie wijzigen: Partner van Grietje/ }).waitFor();
  assert.equal(await focusedId(page), 'gr-kind', 'focus moves into the form');
  assert.equal(await form.getByLabel('Hoe is het nu?').inputValue(), 'together');
  assert.equal(await form.getByLabel('Met wie?').count(), 0, 'who the relation is with is not changed here');
  await checkA11y(page, 'genogram, change a relation');

  // Meanwhile someone else gives the couple a start year: saving here gets the 412 text, and
  // loading the newest data fills the form with their change.
  const familyId = familyPath.split('/').pop();
  const { csrf_token: csrf } = await (await page.request.get('/api/v1/me')).json();
  const genogram = await (await page.request.get(`/api/v1/families/${familyId}/genogram`)).json();
  const jan = genogram.persons.find((p) => p.display_name === 'Jan');
  const couple = genogram.relations.find((r) => r.type === 'partner' && (r.a === jan.id || r.b === jan.id));
  const patched = await page.request.patch(`/api/v1/families/${familyId}/genogram/relations/${couple.id}`, {
    headers: { 'X-CSRF-Token': csrf, 'If-Match': `"${couple.version}"`, 'Content-Type': 'application/json' },
    data: { start: '1925' },
  });
  assert.equal(patched.status(), 200);
  await form.getByLabel('Hoe is het nu?').selectOption('separated');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('Iemand anders heeft dit net gewijzigd.', { exact: false }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'k-geno-conflict', 'focus moves to the message');
  await page.getByRole('button', { name: 'Nieuwste gegevens laden' }).click();
  await page.waitForFunction(() => document.querySelector('#gr-start')?.value === '1925');
  assert.equal(await form.getByLabel('Hoe is het nu?').inputValue(), 'together');

  // Divorced in 1950: two slashes across their line, the years in the drawing and the panel,
  // and focus back on the item.
  await form.getByLabel('Hoe is het nu?').selectOption('divorced');
  await form.getByLabel('Uit elkaar of gescheiden').fill('1950');
  await form.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('De relatie is gewijzigd.').waitFor();
  // (The legend explains the two slashes with a small drawing of its own.)
  await page.waitForFunction(() => document.querySelectorAll('.k-geno-stage g.relations line.slash').length === 2);
  assert.match(await page.locator('.k-geno-stage').textContent(), /gescheiden 1950/);
  const item = page.getByRole('button', { name: /^Relatie wijzigen: Partner van Grietje \(.*gescheiden, 1925 – 1950\)$/ });
  await item.waitFor();
  assert.equal(await focusedId(page), await item.getAttribute('id'), 'focus is back on the changed relation');

  // Marja's move of 2012 (first test) and a diploma of 2005: the diploma comes first.
  await openInDrawing(page, 'Marja');
  await page.getByRole('button', { name: 'Gebeurtenis toevoegen' }).click();
  const add = page.locator('form[aria-labelledby="ge-title"]');
  await add.getByLabel('Wat gebeurde er?').selectOption('diploma');
  await add.getByLabel('Wanneer?').fill('2005');
  await add.getByRole('button', { name: 'Toevoegen' }).click();
  await page.getByText('De gebeurtenis is toegevoegd.').waitFor();
  await page.locator('.k-timeline li', { hasText: 'Diploma gehaald' }).waitFor();
  let lines = await timelineLines(page);
  const order = () => [lines.findIndex((x) => /Diploma gehaald: Marja/.test(x)), lines.findIndex((x) => /Verhuizing: Marja/.test(x))];
  let [diploma, move] = order();
  assert.ok(diploma >= 0 && move > diploma, `2005 before 2012: ${lines}`);

  // Keyboard: Wijzigen, Annuleren brings focus back; again, and the move becomes 2001.
  const editMove = page.getByRole('button', { name: 'Gebeurtenis wijzigen: Verhuizing, 2012' });
  await editMove.focus();
  await page.keyboard.press('Enter');
  const ev = page.locator('form[aria-labelledby="ge-title"]');
  await ev.getByRole('heading', { name: 'Gebeurtenis wijzigen: Verhuizing, 2012' }).waitFor();
  assert.equal(await focusedId(page), 'ge-kind', 'focus moves into the form');
  assert.equal(await ev.getByLabel('Wanneer?').inputValue(), '2012');
  assert.equal(await ev.getByLabel('Verhuisd van').inputValue(), 'Emmen');
  assert.equal(await ev.getByLabel('Verhuisd naar').inputValue(), 'Coevorden');
  await ev.getByRole('button', { name: 'Annuleren' }).click();
  assert.equal(await focusedId(page), await editMove.getAttribute('id'), 'cancel puts focus back on the item');
  await page.keyboard.press('Enter');
  await ev.getByLabel('Wanneer?').fill('2001');
  await ev.getByRole('button', { name: 'Opslaan' }).click();
  await page.getByText('De gebeurtenis is gewijzigd.').waitFor();
  const moved = page.getByRole('button', { name: 'Gebeurtenis wijzigen: Verhuizing, 2001' });
  await moved.waitFor();
  assert.equal(await focusedId(page), await moved.getAttribute('id'), 'focus is back on the changed event');
  await page.waitForFunction(() => [...document.querySelectorAll('.k-timeline li')].some((li) => /^\s*2001\s*—\s*Verhuizing/.test(li.textContent)));
  lines = await timelineLines(page);
  [diploma, move] = order();
  assert.ok(move >= 0 && move < diploma, `now 2001 before 2005: ${lines}`);
  assert.match(lines[move], /van Emmen naar Coevorden/, 'the places stay');

  assert.deepEqual(page.consoleErrors, [], 'no script errors');
  await page.context().close();
});
