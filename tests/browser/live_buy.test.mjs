// Buying inside the demo's live room on a phone: a buyer who has ordered before taps the pinned
// card's Buy, then Pay, pays in the cashier overlay without leaving the room and sees it paid;
// the order is in the live channel with the session. Then the host starts a flash sale: the
// card counts down, opens, and its Grab button buys one unit the same way; a second grab is over
// the limit and says so at once.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, locale: 'en-US' };
const SHANGHAI = {
  recipient: '王芳',
  phone: '13800138000',
  province: '31',
  city: '上海市',
  county: '浦东新区',
  detail: '世纪大道 100 号 2 栋',
};
/** The sandbox's signed callback comes with the provider's next sweep. */
const PAID_WITHIN_MS = 30_000;

/** A JSON call as the room's script makes it: the page's cookies and its CSRF token. */
async function api(page, method, path, body, key) {
  const csrf = (await page.context().cookies()).find((c) => c.name === 'fg_csrf')?.value ?? '';
  const headers = { 'X-CSRF-Token': csrf, 'Accept-Language': 'en' };
  if (key) headers['Idempotency-Key'] = key;
  const response = await page.request.fetch(path, { method, headers, data: body });
  return { status: response.status(), body: await response.json().catch(() => ({})) };
}

/** The room of the demo's session on air, e.g. "/live/0193…". */
async function liveRoom(page) {
  await page.goto('/live');
  return page.locator('a.live-card.live').first().getAttribute('href');
}

/** The first product of the room's bag that can be bought now, with its first variant in stock. */
async function buyableProduct(page, room) {
  await page.goto(room);
  const choices = await page.locator('fieldset.buy-skus').evaluateAll((sets) =>
    sets.map((set) => ({ product: set.dataset.product, sku: set.querySelector('input:not([disabled])')?.value })),
  );
  for (const { product, sku } of choices.filter((c) => c.sku)) {
    const body = { items: [{ product, sku, quantity: 1 }], address: SHANGHAI, live_session: room.split('/').pop() };
    if ((await api(page, 'POST', '/api/v1/checkouts/quote', body)).status === 200) return { product, sku };
  }
  throw new Error('no product of the bag can be bought now');
}

/** An order from the shelf, so the buyer has an address on file. */
async function orderedBefore(page, { product, sku }) {
  const body = { items: [{ product, sku, quantity: 1 }], address: SHANGHAI };
  const placed = await api(page, 'POST', '/api/v1/checkouts', body, `earlier-${Date.now()}`);
  assert.equal(placed.status, 201, JSON.stringify(placed.body));
}

/** The host does something on the session's console page, in a browser of their own. */
function asHost(t, room, body) {
  return farmgate.withPage(t, { locale: 'en-US' }, async (host) => {
    await signIn(host, demoEmail('producer'));
    await host.goto(`/console${room}`);
    await body(host);
  });
}

/** Waits for the cashier overlay, pays in it, and waits for `paid` to read "Paid". */
async function payInOverlay(page, paid) {
  await page.locator('#cashier-overlay:not([hidden])').waitFor();
  await page.frameLocator('#cashier-frame').locator('#sandbox-pay-form button').click();
  await page.frameLocator('#cashier-frame').locator('#cashier-status.status-approved').waitFor();
  await paid.filter({ hasText: 'Paid' }).waitFor({ timeout: PAID_WITHIN_MS });
  assert.equal(await page.locator('#cashier-overlay').isHidden(), true, 'the overlay closes once paid');
}

test('a returning buyer buys the pinned product in two taps and pays without leaving the room', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, PHONE, async (page) => {
    await signIn(page, demoEmail('buyer'));
    const room = await liveRoom(page);
    const chosen = await buyableProduct(page, room);
    await orderedBefore(page, chosen);
    await asHost(t, room, async (host) => {
      const pin = host.locator('form[action$="/pin"]').filter({ has: host.locator(`input[value="${chosen.product}"]`) });
      // The demo's host pinned the bag's first product when going live: it needs no pin then.
      if ((await pin.count()) === 0) return;
      await Promise.all([host.waitForURL((url) => url.pathname === `/console${room}`), pin.locator('button').click()]);
    });

    await page.goto(room);
    // Once the stream's size is known, the room still fits the phone: the sheet's Pay is on screen.
    await page.waitForFunction(() => document.getElementById('player')?.readyState >= 1);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.viewport.width);
    const buy = page.locator(`#pinned-buy[data-product-click="${chosen.product}"]`);
    await buy.click(); // tap 1
    await page.locator('#buy-sheet:not([hidden])').waitFor();
    await page.locator('#buy-address-summary:not([hidden])').waitFor();
    assert.equal(await page.locator('#buy-address').isHidden(), true, 'the address on file, no form');
    assert.equal(await page.locator(`input[name=sku][value="${chosen.sku}"]`).isChecked(), true);
    await page.locator('#buy-total').filter({ hasText: '¥' }).waitFor();

    const [placed] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/checkouts'),
      page.locator('#buy-pay').click(), // tap 2
    ]);
    assert.equal(placed.status(), 201);
    await payInOverlay(page, page.locator('#buy-status'));
    assert.equal(new URL(page.url()).pathname, room, 'still in the room');

    const checkout = (await placed.json()).checkout_id;
    const state = await api(page, 'GET', `/api/v1/checkouts/${checkout}`);
    assert.equal(state.body.orders[0].status, 'paid');
    assert.equal(state.body.orders[0].channel, 'live');
    assert.equal(state.body.orders[0].live_session_id, room.split('/').pop());
    await page.locator('#buy-sheet').waitFor({ state: 'hidden' });
  }),
);

test('the flash-sale card counts down, opens, and grabs one unit within the limit', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, PHONE, async (page) => {
    await signIn(page, demoEmail('buyer'));
    const room = await liveRoom(page);
    const chosen = await buyableProduct(page, room);
    await orderedBefore(page, chosen);
    await page.goto(room);

    await asHost(t, room, async (host) => {
      await host.goto(`/console${room}/flash-sales/new`);
      const form = host.locator('#flash-sale-form');
      await form.locator('select[name=sku]').selectOption(chosen.sku);
      await form.locator('input[name=price]').fill('0.50');
      await form.locator('input[name=stock_limit]').fill('5');
      await form.locator('input[name=per_buyer_limit]').fill('1');
      await form.locator('input[name=countdown_seconds]').fill('10');
      await form.locator('input[name=duration_minutes]').fill('5');
      await Promise.all([host.waitForURL((url) => url.searchParams.has('started')), form.locator('button[type=submit]').click()]);
    });

    const card = page.locator('#sale-card');
    await card.locator('.sale-price').filter({ hasText: '¥0.50' }).waitFor();
    assert.match(await card.locator('.sale-left').textContent(), /5 of 5 left/);
    assert.match(await card.locator('.sale-countdown').textContent(), /^0:(0\d|10)$/, 'counting down to the opening');
    assert.equal(await page.locator('#sale-grab').isDisabled(), true, 'no grabbing before it opens');
    assert.equal(await page.locator('#sale-grab').getAttribute('data-product-click'), chosen.product);

    await page.locator('#sale-card[data-phase="open"]').waitFor({ timeout: 20_000 });
    assert.match(await card.locator('.sale-phase').textContent(), /Ends in/);
    await page.locator('#sale-grab').click();
    await payInOverlay(page, card.locator('.sale-status'));
    await card.locator('.sale-left').filter({ hasText: '4 of 5 left' }).waitFor();

    await page.locator('#sale-grab').click();
    await card.locator('.sale-error').filter({ hasText: 'limit per buyer' }).waitFor();
    assert.equal(await page.locator('#cashier-overlay').isHidden(), true, 'nothing to pay');
  }),
);
