// Traceability end to end, through the pages each person uses: the demo producer records a
// batch of a product the demo buyer has ordered and gives the product its GTIN, the quality
// officer records the batch's inspection, the producer packs the (already shipped) order from
// the batch, and a phone scanning the label's Digital Link opens the public trace page showing
// the inspection and the journey.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, submitForm, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

const GTIN = '09506000134352';
const LOT = 'BROWSER-1';

test('a scanned label opens the trace page with the inspection and the journey', { timeout: TEST_TIMEOUT_MS }, async (t) => {
  let batchId;
  let packingPath;
  let lineId;
  await farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('producer'));
    await page.goto('/console');
    const batchesPath = await page.locator('.batches-link').first().getAttribute('href');
    // An order of the shop that can be packed: the demo buyer's, already sent up and shipped.
    await page.goto(batchesPath.replace(/\/batches$/, '/orders'));
    packingPath = await page.locator('.pack-link').first().getAttribute('href');
    await page.goto(packingPath);
    lineId = await page.locator('.packing-line').first().getAttribute('id');
    const line = await page.locator(`#${lineId} h2`).innerText();

    await page.goto(batchesPath);
    await page.locator('#record-batch summary').click();
    const links = page.locator('.record-batch-link');
    const titles = await links.allInnerTexts();
    const product = titles.findIndex((title) => line.startsWith(`${title} · `));
    assert.ok(product >= 0, `the ordered product ${line} is among ${titles}`);
    const productId = (await links.nth(product).getAttribute('href')).split('/')[3];
    await links.nth(product).click();
    await page.locator('#batch-form').waitFor();
    await page.locator('#batch-form input[name=lot]').fill(LOT);
    await page.locator('#batch-form input[name=harvested_on]').fill('2025-08-15');
    await page.locator('#batch-form input[name=units]').fill('30');
    const recorded = await submitForm(page, '#batch-form');
    assert.equal(recorded.status(), 303);
    await page.locator('#batch-title').waitFor();
    const batchPath = new URL(page.url()).pathname;
    assert.match(batchPath, /^\/console\/batches\/[0-9a-f-]{36}$/);
    batchId = batchPath.split('/').pop();

    await page.goto(`/console/products/${productId}/trace`);
    await page.locator('#trace-form input[name=gtin]').fill(GTIN);
    const saved = await submitForm(page, '#trace-form');
    assert.equal(saved.status(), 303);
  });

  await farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('quality'));
    await page.goto('/quality');
    await page.locator(`.batch-to-inspect[data-batch="${batchId}"]`).waitFor();
    await page.goto(`/quality/batches/${batchId}/inspect`);
    await page.locator('#inspection-form select[name=kind]').selectOption('pesticide_residue');
    await page.locator('#inspection-form input[name=lab]').fill('Haixi Produce Testing Centre');
    await page.locator('#inspection-form input[name=inspected_on]').fill('2025-09-02');
    await page.locator('#inspection-form input[name=m1_name]').fill('Imidacloprid');
    await page.locator('#inspection-form input[name=m1_value]').fill('0.05');
    await page.locator('#inspection-form input[name=m1_limit]').fill('1');
    const response = await submitForm(page, '#inspection-form');
    assert.equal(response.status(), 303);
    await page.locator('#batch-quality', { hasText: 'Passed' }).waitFor();
  });

  await farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('producer'));
    await page.goto(packingPath);
    const form = page.locator(`#${lineId} form.packing-form`);
    await form.locator('select[name=batch_1]').selectOption(batchId);
    await form.locator('input[name=units_1]').fill('1');
    await Promise.all([page.waitForURL((url) => url.pathname === packingPath), form.locator('button[type=submit]').click()]);
    await page.locator(`#${lineId} .packed`, { hasText: `${LOT} × 1` }).waitFor();
  });

  await farmgate.withPage(t, { locale: 'en-US', viewport: { width: 390, height: 844 } }, async (page) => {
    const scanned = await page.goto(`/01/${GTIN}/10/${LOT}/21/7`);
    assert.equal(scanned.status(), 200);
    await page.locator('#trace-product').waitFor();
    const inspection = page.locator('.inspection');
    await inspection.filter({ hasText: 'Haixi Produce Testing Centre' }).waitFor();
    assert.match(await inspection.innerText(), /Imidacloprid[\s\S]*0\.05 mg\/kg[\s\S]*≤ 1 mg\/kg/);
    assert.match(await inspection.innerText(), /Passed/);
    const journey = await page.locator('#trace-journey').innerText();
    for (const stage of ['Harvested', 'Inspected', 'Packed', 'Shipped']) {
      assert.ok(journey.includes(stage), `the journey shows ${stage}: ${journey}`);
    }
    assert.equal(await page.locator('#trace-serial').innerText(), '7');
    assert.equal(await page.locator('script').count(), 0, 'the trace page needs no script');
    await page.locator('#trace-map').waitFor();
  });
});
