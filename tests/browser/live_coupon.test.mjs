// Live coupons in the room: the demo's session on air has a coupon; a signed-in buyer sees its
// card and claims it without leaving the room, and finds it in "My coupons"; a visitor gets a
// sign-in link instead of the button.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

/** The room of the demo's session on air. */
async function openLiveRoom(page) {
  await page.goto('/live');
  const room = page.locator('a.live-card.live').first();
  const href = await room.getAttribute('href');
  assert.match(href, /^\/live\/[^/?#]+$/);
  await page.goto(href);
  return href;
}

test('a buyer claims the coupon in the room and finds it in My coupons', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('buyer'));
    const room = await openLiveRoom(page);
    const card = page.locator('#coupon-card');
    await card.locator('.coupon-terms', { hasText: 'off orders from' }).waitFor();
    assert.match(await card.locator('.coupon-left').textContent(), /left · up to 1 per buyer/);

    await card.locator('button.coupon-claim').click();
    await card.locator('.coupon-status', { hasText: 'Claimed' }).waitFor();
    assert.equal(new URL(page.url()).pathname, room, 'the buyer never left the room');

    await card.locator('button.coupon-claim').click();
    await card.locator('.coupon-status', { hasText: 'as many of this coupon as one buyer may' }).waitFor();

    await page.goto('/account/coupons');
    await page.locator('#my-coupons .claim-unused').first().waitFor();
  }),
);

test('a visitor sees the coupon with a sign-in link', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    const room = await openLiveRoom(page);
    const card = page.locator('#coupon-card');
    await card.locator('.coupon-terms', { hasText: 'off orders from' }).waitFor();
    assert.equal(await card.locator('button.coupon-claim').count(), 0);
    const link = card.locator(`a[href="/signin?next=${room}"]`);
    assert.equal(await link.count(), 1);
  }),
);
