// Campaigns: the demo county's New Year goods festival in a real browser. A buyer follows its
// banner from the home page, claims a coupon on the landing page, buys a product at the
// campaign price with the coupon pre-selected in the cart, pays at the sandbox cashier and
// sees the discount on the order, the coupon in "My coupons" first unused and then used; a
// second claim of the same coupon is refused in words.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(async () => { await farmgate.start(); }, { timeout: 180_000 });
after(async () => { await farmgate.stop(); });

test('a buyer claims a festival coupon and checkout takes it off the campaign price', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('buyer'));
    await page.goto('/');
    const banner = page.locator('a.campaign-banner:has(img[alt^="年货节"])');
    await Promise.all([page.waitForURL(/\/campaigns\/[^/?]+$/), banner.click()]);
    const landing = page.url();
    assert.equal(await page.locator('#campaign-name').textContent(), '年货节');
    assert.ok(await page.locator('#campaign-products .campaign-product .campaign-price').count() > 0);
    assert.ok(await page.locator('#campaign-banner').evaluate((img) => img.complete && img.naturalWidth > 0), 'the banner draws');

    const coupon = page.locator('.campaign-coupon', { hasText: '¥10.00 off from ¥99.00' });
    await Promise.all([page.waitForURL(/claimed=1/), coupon.locator('.claim-coupon').click()]);
    await page.locator('#coupon-claimed').waitFor();
    await page.goto('/account/coupons');
    const held = page.locator('#my-coupons .claim-unused', { hasText: '年货节' });
    assert.match(await held.textContent(), /¥10\.00 off from ¥99\.00/);

    await page.goto(landing);
    const product = page.locator('#campaign-products .campaign-product').first();
    const price = await product.locator('.campaign-price').textContent();
    await Promise.all([page.waitForURL(/\/products\//), product.locator('h3 a').click()]);
    await page.locator('#campaign-offer').waitFor();
    const form = page.locator('form.add-to-cart').first();
    await form.locator('input[name=quantity]').fill('3');
    await Promise.all([page.waitForURL(/\/cart$/), form.locator('button[type=submit]').click()]);
    assert.ok((await page.locator('.cart-line .campaign-badge').first().textContent()).includes('年货节'));
    const chosen = page.locator('#campaign-coupons input[name=campaign_coupon]:checked');
    assert.notEqual(await chosen.getAttribute('value'), '', 'the coupon is pre-selected');
    assert.match(await page.locator('#campaign-coupons').textContent(), /¥10\.00 off from ¥99\.00/);

    await page.locator('#checkout-form input[name=recipient]').fill('王芳');
    await page.locator('#checkout-form input[name=phone]').fill('13800138000');
    await page.locator('#checkout-form select[name=province]').selectOption('63');
    await page.locator('#checkout-form input[name=city]').fill('海西州');
    await page.locator('#checkout-form input[name=county]').fill('格尔木市');
    await page.locator('#checkout-form input[name=detail]').fill('昆仑路 1 号');
    await Promise.all([page.waitForURL(/\/sandbox\/pay\//), page.locator('#checkout-form button[type=submit]').click()]);
    await Promise.all([page.waitForURL(/\/sandbox\/pay\//), page.locator('#sandbox-pay-form button').click()]);
    await page.locator('#cashier-status.status-approved').waitFor();
    await Promise.all([page.waitForURL(/\/orders$/), page.locator('#cashier-return').click()]);
    const discount = await page.locator('.order-row .order-discount').first().textContent();
    await page.goto('/account/coupons');
    await page.locator('#my-coupons .claim-used', { hasText: '年货节' }).waitFor();
    const fen = Math.round(Number(discount.replace(/[^0-9.]/g, '')) * 100);
    assert.ok(fen >= 1_000, `at least the coupon's ¥10 off, found ${discount} (unit price ${price})`);

    await page.goto(landing);
    await page.locator('.campaign-coupon', { hasText: '¥10.00 off from ¥99.00' }).locator('.claim-coupon').click();
    await page.locator('#coupon-problem').waitFor();
    assert.match(await page.locator('#coupon-problem').textContent(), /as many of this coupon as one buyer may/);
  }),
);
