// The marketplace in the browser: a producer lists a product with a photo from a phone; a
// buyer finds products by pinyin, buys from two shops in one checkout, pays on the sandbox
// cashier, and sees two paid orders once the provider's signed callback has arrived.

import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, submitForm, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'zh-CN' };

/** A real product photo from the demo, saved as a file the upload input can take. */
async function demoPhotoFile(page) {
  await page.goto('/search?q=goji');
  const src = await page.locator('#search-results img').first().getAttribute('src');
  const response = await page.request.get(src.replace('card.jpg', 'large.jpg'));
  assert.equal(response.status(), 200);
  const path = join(await mkdtemp(join(tmpdir(), 'farmgate-photo-')), 'goji.jpg');
  await writeFile(path, await response.body());
  return path;
}

test('a producer lists a product with a photo from a phone', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, PHONE, async (page) => {
    const photo = await demoPhotoFile(page);
    await signIn(page, demoEmail('producer'));
    await page.goto('/console');
    await page.locator('.shop-card a[href$="/products/new"]').first().click();
    await page.locator('#product-form').waitFor();
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 360), 'the form fits a phone');

    const title = `高原黑枸杞 手机上架 ${Date.now() % 100000}`;
    await page.locator('#product-form input[name=title]').fill(title);
    await page.locator('#product-form select[name=category]').selectOption('fruit');
    await page.locator('#product-form input[name=grade]').fill('特级');
    const row = page.locator('#product-form .sku-row').first();
    await row.locator('input[name=sku_name]').fill('250g 罐装');
    await row.locator('input[name=price]').fill('88.00');
    await row.locator('select[name=unit]').selectOption('g');
    await row.locator('input[name=net_weight_g]').fill('250');
    await row.locator('input[name=stock]').fill('10');
    const created = await submitForm(page, '#product-form');
    assert.equal(created.status(), 303);

    const card = page.locator('.product-row', { hasText: title });
    await card.waitFor();
    assert.match(await card.locator('.listing-status').textContent(), /待审核/);
    await card.locator('input[name=photo]').setInputFiles(photo);
    await Promise.all([page.waitForURL(/\/products$/), card.locator('.photo-upload button').click()]);
    await page.locator('.product-row', { hasText: title }).locator('img').waitFor();
  }),
);

/** Opens the first search result that can be added to the cart and is sold by another shop. */
async function addFromSearch(page, query, avoidShop) {
  await page.goto(`/search?q=${encodeURIComponent(query)}`);
  const links = await page.locator('#search-results h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length > 0, `${query} finds products`);
  for (const href of links) {
    await page.goto(href);
    const shop = await page.locator('a[href^="/shops/"]').first().getAttribute('href');
    const add = page.locator('form.add-to-cart').first();
    if (shop === avoidShop || (await add.count()) === 0) continue;
    await Promise.all([page.waitForURL(/\/cart$/), add.locator('button').click()]);
    return shop;
  }
  throw new Error(`no buyable result from another shop for ${query}`);
}

test('a buyer finds products by pinyin, buys from two shops in one checkout and pays', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('buyer'));
    // The demo buyer's earlier orders (some already sent up through the county network).
    await page.goto('/orders');
    const paidBefore = await page.locator('.order-row .status-approved').count();
    const rowsBefore = await page.locator('.order-row').count();
    const first = await addFromSearch(page, 'gouqi');
    await addFromSearch(page, 'maoniu', first);
    assert.equal(await page.locator('.cart-line').count(), 2);

    await page.locator('#checkout-form input[name=recipient]').fill('王芳');
    await page.locator('#checkout-form input[name=phone]').fill('13800138000');
    await page.locator('#checkout-form select[name=province]').selectOption('31');
    await page.locator('#checkout-form input[name=city]').fill('上海市');
    await page.locator('#checkout-form input[name=county]').fill('浦东新区');
    await page.locator('#checkout-form input[name=detail]').fill('世纪大道 100 号 2 栋');
    await Promise.all([page.waitForURL(/\/sandbox\/pay\//), page.locator('#checkout-form button[type=submit]').click()]);

    await Promise.all([page.waitForURL(/\/sandbox\/pay\//), page.locator('#sandbox-pay-form button').click()]);
    await page.locator('#cashier-status.status-approved').waitFor();
    await Promise.all([page.waitForURL(/\/orders$/), page.locator('#cashier-return').click()]);

    // The provider's callback arrives within a second or two; the page shows it on reload.
    const deadline = Date.now() + 20_000;
    let paid = 0;
    while (Date.now() < deadline) {
      paid = await page.locator('.order-row .status-approved').count();
      if (paid >= paidBefore + 2) break;
      await page.waitForTimeout(500);
      await page.reload();
    }
    assert.equal(await page.locator('.order-row').count() >= rowsBefore + 2, true);
    assert.equal(paid >= paidBefore + 2, true, `two more orders paid, found ${paid - paidBefore}`);
  }),
);
