// Drives the running demo's dashboard in headless Chromium (Debian's, via playwright-core) and checks what a
// traffic engineer sees and does. Environment: DASHBOARD_URL, ENGINEER (user:password), CHROMIUM, SCREENSHOTS,
// TWIN (1 when the SUMO twin runs). Exits non-zero on the first failed check.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { dictionaries } from '../../../../dashboard/src/main/frontend/src/i18n.js';

const url = process.env.DASHBOARD_URL || 'http://localhost:8080/';
const [user, ...rest] = (process.env.ENGINEER || 'engineer:').split(':');
const password = rest.join(':');
const shots = process.env.SCREENSHOTS || 'target/screenshots';
const twin = process.env.TWIN !== '0';
mkdirSync(shots, { recursive: true });

const started = Date.now();
const step = (text) => console.log(`${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s  ${text}`);
const problems = [];

// every string exists in both languages
const de = Object.keys(dictionaries.de).sort();
const en = Object.keys(dictionaries.en).sort();
assert.deepEqual(de, en, 'German and English dictionaries have the same keys');
step(`dictionaries: ${de.length} strings in German and English`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // a CSP violation or a script error shows here
    if (m.type() === 'error' && !/EventSource|net::ERR|status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
  });

  await page.goto(`${url}?lang=en`);
  await page.waitForSelector('body[data-ready="true"]');
  step('dashboard loaded');

  // the map, from the SUMO network: lanes, junctions, a signal per intersection, car parks and signs
  const lanes = await page.locator('#map svg polyline.lane').count();
  assert.ok(lanes > 50, `map draws the network's lanes (${lanes})`);
  await page.waitForFunction(() => document.querySelectorAll('#map g.signal').length >= 5);
  const signals = await page.locator('#map g.signal').count();
  assert.ok(await page.locator('#map g.carpark').count() >= 8, 'car parks on the map');
  assert.ok(await page.locator('#map g.sign').count() >= 3, 'parking signs on the map');
  step(`map: ${lanes} lanes, ${signals} signals`);

  // intersections listed with what their controllers show
  await page.waitForFunction((n) => document.querySelectorAll('#intersections tbody tr[data-id]').length >= n, signals);
  if (twin) {
    await page.waitForFunction(() => [...document.querySelectorAll('#intersections tbody tr[data-id]')]
      .filter((tr) => tr.querySelector('.state i')).length >= 3, null, { timeout: 60_000 });
    // signals change: the state shown at the first intersection differs over a few seconds
    const stateOf = () => page.evaluate(() => [...document.querySelectorAll('#intersections tbody tr[data-id]')]
      .map((tr) => tr.children[2].textContent + tr.children[3].textContent).join('|'));
    const before = await stateOf();
    await page.waitForFunction((b) => [...document.querySelectorAll('#intersections tbody tr[data-id]')]
      .map((tr) => tr.children[2].textContent + tr.children[3].textContent).join('|') !== b, before);
    const heads = await page.locator('#map circle.head.s-G, #map circle.head.s-g').count();
    assert.ok(heads > 0, 'signal heads on the map show green somewhere');
    step('intersections: controller states live, signals changing');
  }

  // plans with explanations arrive live
  await page.waitForSelector('#plans li strong', { timeout: 90_000 });
  const explanation = await page.locator('#plans li div').first().textContent();
  assert.ok(explanation && explanation.length > 10, `plan explained: "${explanation}"`);
  step(`plans: "${explanation}"`);

  // car parks: occupancy now and the forecast with its band; signs: what they show
  await page.waitForFunction(() => document.querySelectorAll('#car-parks .carpark-card').length >= 8, null, { timeout: 60_000 });
  await page.waitForFunction(() => [...document.querySelectorAll('#car-parks [data-testid=forecast]')]
    .some((e) => /\+30 min .*\(.*\)/.test(e.textContent)), null, { timeout: 60_000 });
  assert.ok(await page.locator('#car-parks canvas').count() >= 8, 'a chart per car park');
  await page.waitForFunction(() => document.querySelectorAll('#signs .sign-board .sign-line').length >= 6);
  step('car parks with forecast bands, signs showing');

  // the twin's comparison
  if (twin) {
    await page.waitForFunction(() => {
      const kpis = [...document.querySelectorAll('#twin-kpis .kpi .v')].map((e) => e.textContent);
      return kpis.length >= 4 && kpis[1] !== '–' && kpis[2] !== '–';
    }, null, { timeout: 120_000 });
    step(`twin: ${await page.locator('#twin-kpis').innerText()}`.replace(/\s+/g, ' '));
  }
  // health: services up, models named
  await page.waitForFunction(() => document.querySelectorAll('#health .badge.UP').length >= 3);
  const models = await page.locator('[data-testid=models]').innerText();
  assert.match(models, /signal planning\s+\S+/, 'signal model version shown');
  await page.screenshot({ path: `${shots}/dashboard-en.png`, fullPage: true });
  step('screenshot dashboard-en.png');

  // an intersection's details: click it on the map
  const id = await page.locator('#intersections tbody tr[data-id]').nth(2).getAttribute('data-id');
  await page.locator(`#map g.signal[data-id="${id}"]`).click();
  await page.waitForSelector(`#detail h2:has-text("Intersection ${id}")`);
  await page.waitForSelector('#detail [data-testid=plan] .bar', { timeout: 60_000 });
  if (twin) await page.waitForSelector('#detail [data-testid=controller-state]');
  await page.waitForSelector('#detail [data-testid=audit] li');
  assert.equal(await page.locator('#detail button[data-mode="ADVISORY"]').isDisabled(), true, 'modes need an engineer');
  step(`details of ${id}: state, plan, queues, history`);

  // sign-in: a wrong password is refused, the demo engineer is accepted
  await page.click('#login');
  await page.fill('#login-user', user);
  await page.fill('#login-password', 'wrong-password');
  await page.click('#login-submit');
  await page.waitForSelector('#login-error:has-text("Wrong user or password")');
  await page.fill('#login-password', password);
  await page.click('#login-submit');
  await page.waitForSelector(`#who:has-text("Signed in: ${user}")`);
  step('engineer signed in');

  // switch the intersection to ADVISORY: greenwave proposes, the engineer approves
  await page.click('#detail button[data-mode="ADVISORY"]');
  await page.waitForSelector('#toast:has-text("ADVISORY")');
  await page.waitForSelector(`#intersections tr[data-id="${id}"] .badge.ADVISORY`);
  step(`${id} switched to ADVISORY`);
  let approved = false;
  for (let attempt = 1; attempt <= 3 && !approved; attempt++) {
    await page.waitForSelector('#detail [data-testid=pending] button[data-action=approve]:not([disabled])', { timeout: 150_000 });
    if (attempt === 1) {
      await page.locator('#detail-panel').screenshot({ path: `${shots}/advisory-plan.png` });
      step('screenshot advisory-plan.png');
    }
    // forget the previous message, so the answer to this click is what we read
    await page.evaluate(() => { const t = document.getElementById('toast'); t.textContent = ''; t.classList.remove('show'); });
    await page.click('#detail [data-testid=pending] button[data-action=approve]');
    await page.waitForFunction(() => document.getElementById('toast').textContent.length > 0);
    const text = await page.locator('#toast').textContent();
    approved = /approved and published/.test(text);
    step(`approve (attempt ${attempt}): ${text}`);
    if (!approved) await page.waitForTimeout(2000);
  }
  assert.ok(approved, 'an advisory plan was approved');
  await page.waitForFunction((u) => [...document.querySelectorAll('#detail [data-testid=audit] li')]
    .some((li) => li.textContent.includes('plan approved') && li.textContent.includes(u)), user, { timeout: 30_000 });
  step('approval in the plan history, with the engineer');

  // back to AUTO, then the German dashboard
  await page.click('#detail button[data-mode="AUTO"]');
  await page.waitForSelector(`#intersections tr[data-id="${id}"] .badge.AUTO`);
  await page.click('#lang');
  await page.waitForSelector('h2:has-text("Lichtsignalanlagen")');
  await page.waitForSelector('#detail h3:has-text("Planhistorie")');
  await page.screenshot({ path: `${shots}/dashboard-de.png`, fullPage: true });
  step('German dashboard, screenshot dashboard-de.png');

  assert.deepEqual(problems, [], 'no script errors and no CSP violations in the page');
  step('done');
} catch (e) {
  console.error(`FAILED: ${e.message}`);
  if (problems.length) console.error(problems.join('\n'));
  try {
    const pages = browser.contexts().flatMap((c) => c.pages());
    if (pages[0]) await pages[0].screenshot({ path: `${shots}/failure.png`, fullPage: true });
  } catch { /* best effort */ }
  process.exitCode = 1;
} finally {
  await browser.close();
}
