// The driver's phone pages: logistics staff plan today from the runs page; the driver opens
// the run, types a parcel's code at its stop, sees it scanned, marks the stop done, and after a
// reload the stop and the parcel stay as scanned.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, submitForm, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-GB' };

/** A parcel label: nine digits and a Luhn check digit, as `ParcelCode::from_number` makes. */
function parcelCode(number) {
  const body = String(number).padStart(9, '0');
  const sum = [...body].reverse().reduce((total, ch, i) => {
    const digit = Number(ch);
    const doubled = digit * 2;
    return total + (i % 2 === 0 ? (doubled > 9 ? doubled - 9 : doubled) : digit);
  }, 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

/**
 * One down parcel received at the warehouse for the first village point, written straight into
 * the demo store: carriers' intake is built elsewhere, and this test is about the driver.
 */
function receiveParcel(code) {
  const now = Date.now();
  const id = randomUUID();
  const sql = `
    INSERT INTO parcels (id, code, direction, carrier_id, carrier_tracking, point_id, villager_name,
      villager_phone, weight_g, stage, wrong_pickup_codes, created_at)
    VALUES ('${id}', '${code}', 'down', (SELECT id FROM carriers ORDER BY code LIMIT 1), 'BT${code}',
      (SELECT id FROM network_nodes WHERE kind = 'village_point' ORDER BY code LIMIT 1),
      'Cairang', '13912345678', 1200, 'received', 0, ${now});
    INSERT INTO parcel_events (parcel_id, stage, at, recorded_at) VALUES ('${id}', 'received', ${now}, ${now});`;
  execFileSync('sqlite3', ['-cmd', '.timeout 5000', join(farmgate.dataDir, 'farmgate.db'), sql]);
}

test('a driver scans a parcel at its stop and marks the stop done', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, PHONE, async (page) => {
    const code = parcelCode(777_001);
    receiveParcel(code);
    await signIn(page, demoEmail('logistics'));

    await page.goto('/logistics/runs');
    await page.locator('#plan-form input[name=seconds]').fill('1');
    const planned = await submitForm(page, '#plan-form');
    assert.equal(planned.status(), 303);
    await page.locator('section.run').first().waitFor();

    await page.goto('/driver');
    await page.locator('.driver-run a').first().click();
    await page.locator('#driver-stops').waitFor();
    const stops = page.locator('.driver-stop a');
    // The stop with our parcel: the only stop of the day with a parcel to drop.
    await stops.first().click();
    await page.locator(`.expected-parcel[data-code="${code}"][data-scanned="false"]`).waitFor();
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
    assert.equal(await page.locator('#run-status').innerText(), 'Done');

    // After a reload the stored state shows: the stop is done and the parcel is at its point.
    await page.goto(stopUrl);
    await page.locator('#stop-done-note').waitFor();
    assert.equal(await page.locator('#stop-done-form').count(), 0);
    await page.locator(`.expected-parcel[data-code="${code}"][data-scanned="true"]`).waitFor();
    const runs = await page.request.get('/logistics/runs');
    assert.match(await runs.text(), /data-status="done"/);
  }),
);
