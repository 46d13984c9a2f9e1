// Leaders: the demo leader opens a product from "For you" and finds a share card whose link and
// QR poster carry their mark. A neighbour opens that link in a second browser context while
// signed out, lands on the product without the mark, signs in, and the click is theirs: the
// leader's own page counts it. The demo leader's attributed sales show as figures.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

const clicksOn = async (page) => {
  await page.goto('/leader');
  return Number(await page.locator('#figure-clicks').textContent());
};

test('a neighbour opening a leader\'s link signed out gives the leader the click on signing in', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('leader'));
    await page.goto('/leader');
    assert.ok(Number(await page.locator('#figure-orders').textContent()) > 0, 'the demo leader has attributed orders');
    assert.match(await page.locator('#figure-earned').textContent(), /^¥\d+\.\d\d$/);
    const before = await clicksOn(page);

    await page.goto('/feed');
    await Promise.all([page.waitForURL(/\/products\/[^/?]+$/), page.locator('#feed .feed-item[data-product] h3 a').first().click()]);
    const productPath = new URL(page.url()).pathname;
    await page.locator('#leader-mark').waitFor();
    const shareLink = await page.locator('#share-link').inputValue();
    assert.match(shareLink, /\/products\/[^/?]+\?via=[0-9a-f-]+\.p[^.]+\.\d+\.[0-9a-f]{32}$/);
    // The poster loads lazily: brought into view (a campaign's note may push it down), it draws.
    await page.locator('#poster').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const img = document.querySelector('#poster');
      return img?.complete && img.naturalWidth > 0;
    });

    await farmgate.withPage(t, { locale: 'en-US' }, async (neighbour, context) => {
      await neighbour.goto(shareLink);
      assert.equal(new URL(neighbour.url()).pathname + new URL(neighbour.url()).search, productPath, 'the mark is dropped on arrival');
      assert.equal(await neighbour.locator('#share').count(), 0, 'a neighbour gets no share card');
      const kept = (await context.cookies()).find((c) => c.name === 'fg_via');
      assert.ok(kept?.httpOnly, 'the click waits in an HttpOnly cookie');
      await signIn(neighbour, 'neighbour05@demo.farmgate.test');
      assert.ok(!(await context.cookies()).some((c) => c.name === 'fg_via'), 'signing in claims the click');
    });

    assert.equal(await clicksOn(page), before + 1);
  }));
