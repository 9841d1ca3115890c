// The genogram drawing as a product (issue 13): it opens fitted to its frame with the legend
// beside it, text of at least 13 px, an "onbekend" placeholder where a parent is missing, two
// fingers zoom and one finger pans on a tablet, and the less used actions sit under "Meer",
// which works by keyboard. Axe at 1280 px and at 768 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkA11y, heading, launch, login, newPage } from './harness.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Opens the genogram of the first demo family (four generations, coached by coach1). */
async function openBakker(page) {
  await page.goto('/gezinnen');
  await page.getByLabel('Zoek op naam').fill('Bakker');
  await page.getByRole('button', { name: 'Toon gezinnen' }).click();
  await page.getByRole('link', { name: 'Familie Bakker', exact: true }).click();
  await heading(page, 'Familie Bakker');
  await page.getByRole('link', { name: 'Genogram', exact: true }).click();
  await page.locator('.k-geno-stage g.person').first().waitFor();
}

/** The drawing's box and the frame's box, in page pixels. */
async function boxes(page) {
  return page.evaluate(() => {
    const r = (el) => {
      const b = el.getBoundingClientRect();
      return { x: b.x, y: b.y, width: b.width, height: b.height };
    };
    return { svg: r(document.querySelector('.k-geno-stage svg')), frame: r(document.querySelector('.k-geno-canvas')) };
  });
}

function view(style) {
  const [, x, y, scale] = style.match(/translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/);
  return { x: Number(x), y: Number(y), scale: Number(scale) };
}

async function expectFitted(page, label) {
  await page.waitForFunction(() => document.querySelector('.k-geno-stage')?.dataset.fitted === 'true');
  const { svg, frame } = await boxes(page);
  const fill = Math.max(svg.width / frame.width, svg.height / frame.height);
  assert.ok(fill > 0.85, `${label}: the drawing fills the frame (${Math.round(fill * 100)}%)`);
  assert.ok(svg.x >= frame.x - 1 && svg.x + svg.width <= frame.x + frame.width + 1, `${label}: fits in width`);
  assert.ok(svg.y >= frame.y - 1 && svg.y + svg.height <= frame.y + frame.height + 1, `${label}: fits in height`);
}

test('the drawing opens fitted, readable, with the legend beside it and a placeholder for a missing parent', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  await openBakker(page);
  await expectFitted(page, 'on open');

  // The legend stands beside the frame, at the same height: not below the fold.
  const legend = page.getByRole('complementary', { name: 'Legenda' });
  await legend.waitFor();
  const [lb, fb] = [await legend.boundingBox(), await page.locator('.k-geno-canvas').boundingBox()];
  assert.ok(lb.x >= fb.x + fb.width, 'the legend is to the right of the drawing');
  assert.ok(lb.y < fb.y + fb.height / 2, 'and starts near its top');
  await legend.getByText('Andere ouder niet bekend').waitFor();

  // Names, years and dates at 13 px or more, before any zoom.
  const sizes = await page.locator('.k-geno-stage svg text.name, .k-geno-stage svg text.years, .k-geno-stage svg text.dates').evaluateAll((els) =>
    els.map((el) => parseFloat(getComputedStyle(el).fontSize)),
  );
  assert.ok(sizes.length > 4 && sizes.every((s) => s >= 13), `text sizes ${sizes}`);

  // Sandra's children have no father in the genogram: an "onbekend" placeholder stands beside her.
  assert.ok((await page.locator('.k-geno-stage g.unknown-parent').count()) >= 1, 'a placeholder is drawn');
  assert.equal(await page.locator('.k-geno-stage g.unknown-parent text.name').first().textContent(), 'onbekend');

  // Zoomed in and back: "Hele tekening tonen" fits again.
  await page.getByRole('button', { name: 'Inzoomen' }).click();
  await page.getByRole('button', { name: 'Inzoomen' }).click();
  assert.equal(await page.locator('.k-geno-stage').getAttribute('data-fitted'), 'false');
  await page.getByRole('button', { name: 'Hele tekening tonen' }).click();
  await expectFitted(page, 'after "Hele tekening tonen"');
  await checkA11y(page, 'genogram drawing at 1280 px');
  assert.deepEqual(page.consoleErrors, [], 'no script errors');
  await page.context().close();
});

test('on a tablet two fingers zoom and one finger pans', async () => {
  const context = await browser.newContext({
    viewport: { width: 768, height: 1024 },
    hasTouch: true,
    isMobile: false,
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    baseURL: process.env.KANSRIJK_URL,
  });
  await context.addInitScript(() => localStorage.setItem('kansrijk.lang', 'nl'));
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(String(err)));
  await login(page, 'coach1');
  await openBakker(page);
  await expectFitted(page, 'tablet, on open');
  await checkA11y(page, 'genogram drawing at 768 px');

  const stage = page.locator('.k-geno-stage');
  const before = view(await stage.getAttribute('style'));
  const frame = await page.locator('.k-geno-canvas').boundingBox();
  await page.locator('.k-geno-canvas').scrollIntoViewIfNeeded();
  const f = await page.locator('.k-geno-canvas').boundingBox();
  const cx = Math.round(f.x + f.width / 2);
  const cy = Math.round(f.y + f.height / 2);
  assert.ok(frame.width > 0);

  // Real touch input through the browser: two fingers move apart.
  const cdp = await context.newCDPSession(page);
  const touch = (type, points) => cdp.send('Input.dispatchTouchEvent', { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  await touch('touchStart', [[cx - 40, cy], [cx + 40, cy]]);
  for (let d = 50; d <= 120; d += 10) await touch('touchMove', [[cx - d, cy], [cx + d, cy]]);
  await touch('touchEnd', []);
  const pinched = view(await stage.getAttribute('style'));
  assert.ok(pinched.scale > before.scale * 2.5, `pinch zooms in: ${before.scale} → ${pinched.scale}`);
  assert.equal(await stage.getAttribute('data-fitted'), 'false');

  // One finger drags the drawing.
  await touch('touchStart', [[cx, cy]]);
  for (let d = 10; d <= 100; d += 10) await touch('touchMove', [[cx + d, cy + d / 2]]);
  await touch('touchEnd', []);
  const panned = view(await stage.getAttribute('style'));
  assert.ok(Math.abs(panned.x - pinched.x - 100) <= 2 && Math.abs(panned.y - pinched.y - 50) <= 2, `one finger pans: ${JSON.stringify(pinched)} → ${JSON.stringify(panned)}`);
  assert.equal(panned.scale, pinched.scale, 'panning keeps the zoom');

  // Two fingers moving together pan as well (and keep the scale).
  await touch('touchStart', [[cx - 50, cy], [cx + 50, cy]]);
  for (let d = 10; d <= 60; d += 10) await touch('touchMove', [[cx - 50, cy - d], [cx + 50, cy - d]]);
  await touch('touchEnd', []);
  const twoFinger = view(await stage.getAttribute('style'));
  assert.ok(Math.abs(twoFinger.y - panned.y + 60) <= 2, `two-finger pan: ${panned.y} → ${twoFinger.y}`);
  assert.ok(Math.abs(twoFinger.scale - panned.scale) < 0.01);

  await page.getByRole('button', { name: 'Hele tekening tonen' }).click();
  await expectFitted(page, 'tablet, after "Hele tekening tonen"');
  assert.deepEqual(errors, [], 'no script errors');
  await context.close();
});

test('"Meer" holds print and GEDCOM and works by keyboard', async () => {
  const page = await newPage(browser);
  await login(page, 'coach1');
  await openBakker(page);
  // Print and GEDCOM are not among the primary actions.
  assert.equal(await page.getByRole('link', { name: 'Downloaden als stamboombestand' }).count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Stamboom inlezen' }).count(), 0);

  const more = page.getByRole('button', { name: 'Meer' });
  await more.focus();
  await page.keyboard.press('Enter');
  assert.equal(await more.getAttribute('aria-expanded'), 'true');
  const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
  assert.equal(await focused(), 'Afdrukken', 'the first item has focus');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'Downloaden als stamboombestand');
  assert.match(await page.getByRole('link', { name: 'Downloaden als stamboombestand' }).getAttribute('href'), /genogram\.ged/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'Stamboom inlezen');
  await checkA11y(page, 'genogram, "Meer" open');
  // Escape closes the list and puts focus back on the button.
  await page.keyboard.press('Escape');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.equal(await focused(), 'Meer ▾');
  // Enter on an item does it: the import form opens.
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  assert.equal(await focused(), 'Stamboom inlezen');
  await page.keyboard.press('Enter');
  await page.locator('#genogram-import').waitFor();
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  // Tab out of an open list closes it.
  await more.focus();
  await page.keyboard.press('Enter');
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  assert.equal(await more.getAttribute('aria-expanded'), 'false');
  assert.deepEqual(page.consoleErrors, [], 'no script errors');
  await page.context().close();
});
