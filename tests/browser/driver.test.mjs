// The driver's phone pages: logistics staff plan today from the runs page, over the demo's own
// parcels (down parcels received at the warehouse, up parcels declared at village points); the
// driver opens a run, types a parcel's code at its first stop, sees it scanned, marks the stop
// done, and after a reload the stop and the parcel stay as scanned.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, submitForm, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-GB' };

test('a driver scans a parcel at its stop and marks the stop done', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, PHONE, async (page) => {
    await signIn(page, demoEmail('logistics'));

    await page.goto('/logistics/runs');
    await page.locator('#plan-form input[name=seconds]').fill('1');
    const planned = await submitForm(page, '#plan-form');
    assert.equal(planned.status(), 303);
    await page.locator('section.run').first().waitFor();

    await page.goto('/driver');
    await page.locator('.driver-run a').first().click();
    await page.locator('#driver-stops').waitFor();
    // The run's prints answer PDFs.
    const labels = await page.request.get(await page.locator('#labels-pdf').getAttribute('href'));
    assert.equal(labels.headers()['content-type'], 'application/pdf');
    await page.locator('.driver-stop a').first().click();
    // A parcel to drop or pick up here, from the demo's day.
    const expected = page.locator('.expected-parcel[data-scanned="false"]').first();
    await expected.waitFor();
    const code = await expected.getAttribute('data-code');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= PHONE.viewport.width, `the stop page is ${width} px wide on a phone`);

    await page.locator('#scan-code').fill(code);
    const scanned = await submitForm(page, '#scan-form');
    assert.equal(scanned.status(), 200);
    await page.locator('#scan-message').waitFor();
    assert.match(await page.locator('#scan-message').innerText(), new RegExp(`${code}: Scanned`));
    await page.locator(`.expected-parcel[data-code="${code}"][data-scanned="true"]`).waitFor();

    // Scanning again is harmless and says so.
    await page.locator('#scan-code').fill(code);
    await submitForm(page, '#scan-form');
    assert.match(await page.locator('#scan-message').innerText(), /already scanned/);

    const stopUrl = page.url();
    const done = await submitForm(page, '#stop-done-form');
    assert.equal(done.status(), 303);
    await page.locator('.driver-stop.done').first().waitFor();
    // The first stop of several: the run is out, not done.
    assert.equal(await page.locator('#run-status').innerText(), 'Out');

    // After a reload the stored state shows: the stop is done and the parcel is at its point.
    await page.goto(stopUrl);
    await page.locator('#stop-done-note').waitFor();
    assert.equal(await page.locator('#stop-done-form').count(), 0);
    await page.locator(`.expected-parcel[data-code="${code}"][data-scanned="true"]`).waitFor();
    const runs = await page.request.get('/logistics/runs');
    assert.match(await runs.text(), /data-status="out"/);
  }),
);
