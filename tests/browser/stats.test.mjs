// The commerce figures in a real browser: the analyst opens the dashboard from the menu on a
// 360 px phone, reads the figures and their definitions, changes the period and sees it
// change, reads the live sessions' and the network's figures, and downloads the workbook of
// every table, which the test opens again. A producer
// is refused the county's figures and reaches their own shop's from the console.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, TEST_TIMEOUT_MS } from './harness.mjs';
import { unzip } from './unzip.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

const PHONE_WIDTH = 360;
const PHONE = {
  viewport: { width: PHONE_WIDTH, height: 740 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'en-US',
  acceptDownloads: true,
};

async function assertFitsThePhone(page) {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scrollWidth <= PHONE_WIDTH, `${page.url()} is ${scrollWidth} px wide on a ${PHONE_WIDTH} px phone`);
}

test('the analyst changes the period, sees it change and downloads a workbook that opens', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, PHONE, async (page) => {
    await signIn(page, demoEmail('analyst'));
    await page.locator('#stats-link').click();
    await page.locator('#stats-title').waitFor();
    assert.equal(new URL(page.url()).pathname, '/stats');
    await assertFitsThePhone(page);

    const sales = page.locator('.headline[data-figure=online_retail_sales]');
    assert.match(await sales.locator('.value').innerText(), /^-?¥[\d,]+\.\d\d$/);
    assert.match(await sales.locator('.yoy').innerText(), /^([+-]?\d+\.\d%|new|base too small)$/);
    assert.match(await sales.locator('.definition').innerText(), /where the seller is registered/);
    assert.match(
      await page.locator('.headline[data-figure=down_sales] .definition').innerText(),
      /where the buyer is/,
    );
    assert.ok((await page.locator('svg.chart').count()) >= 4, 'the charts are drawn');

    // The history's evening sessions sold through the live channel. The two differ only by
    // refunds near the period's ends: a session keeps its own, the channel counts each when
    // it is paid back.
    const live = page.locator('#section-live');
    assert.match(
      await live.locator('.headline[data-figure=live_conversion] .value').innerText(),
      /^\d+\.\d%$/,
    );
    assert.match(await live.locator('.headline[data-figure=live_conversion] .definition').innerText(), /viewers/);
    const yuan = (text) => Number(text.replace(/[¥,]/g, ''));
    const sessions = yuan(await live.locator('.headline[data-figure=live_session_sales] .value').innerText());
    const channel = yuan(await page.locator('#table-channels tr', { hasText: 'Live' }).locator('td').nth(1).innerText());
    assert.ok(sessions > 0 && Math.abs(sessions - channel) <= channel * 0.05, `${sessions} against ${channel}`);
    assert.ok((await page.locator('#table-live_sessions tbody tr').count()) > 0, 'the best sessions are listed');
    const network = page.locator('#section-network');
    assert.match(await network.locator('.headline[data-figure=co_distribution_rate] .definition').innerText(), /more than one carrier/);
    await assertFitsThePhone(page);

    // This quarter by default; a year is another span, and the form keeps the choice.
    const quarter = await page.locator('#stats-period').innerText();
    await page.locator('#stats-period-kind').selectOption('year');
    await Promise.all([
      page.waitForURL((url) => url.searchParams.get('period') === 'year'),
      page.locator('#stats-show').click(),
    ]);
    const year = await page.locator('#stats-period').innerText();
    assert.notEqual(year, quarter);
    assert.match(year, /^(\d{4})-01-01 to \1-12-31$/);
    assert.equal(await page.locator('#stats-period-kind').inputValue(), 'year');
    await assertFitsThePhone(page);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-xlsx-all').click(),
    ]);
    assert.match(download.suggestedFilename(), /^farmgate-all-\d{4}-01-01_\d{4}-12-31\.xlsx$/);
    const parts = unzip(await readFile(await download.path()));
    for (const part of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/styles.xml', 'xl/worksheets/sheet1.xml']) {
      assert.ok(parts.has(part), `the workbook holds ${part}`);
    }
    const workbook = parts.get('xl/workbook.xml').toString('utf8');
    assert.match(workbook, /<sheet name="Online retail figures" sheetId="1"/);
    assert.match(workbook, /<sheet name="Top products"/);
    const headlines = parts.get('xl/worksheets/sheet1.xml').toString('utf8');
    assert.match(headlines, /<t xml:space="preserve">Online retail sales<\/t>/);
    // The year's sales as a number of yuan with two decimals, in the money style.
    assert.match(headlines, /<c r="C2" s="1"><v>-?\d+\.\d\d<\/v><\/c>/);
  }),
);

test('the dashboard prints without its filters and menus', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, PHONE, async (page) => {
    await signIn(page, demoEmail('analyst'));
    await page.goto('/stats?period=ytd');
    await page.locator('#stats-print').waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('#stats-filters').isVisible(), false);
    assert.equal(await page.locator('header.top').isVisible(), false);
    assert.equal(await page.locator('.headline').first().isVisible(), true);
  }),
);

test('a producer is refused the county and sees their own shop from the console', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, PHONE, async (page) => {
    await signIn(page, demoEmail('producer'));
    const refused = await page.goto('/stats');
    assert.equal(refused.status(), 403);
    assert.match(await page.locator('main').innerText(), /County-wide figures are for the county hub/);
    await page.goto('/console');
    await page.locator('.shop-card .stats-link').first().click();
    await page.locator('#stats-title').waitFor();
    assert.match(await page.locator('#stats-title').innerText(), /^Sales figures — /);
    assert.equal(await page.locator('#down-note').isVisible(), true);
    await assertFitsThePhone(page);
  }),
);
