// Group-buys: a buyer opens a team from the home page and pays; a neighbour opens the share
// link in a second browser context, signs in from it, joins and pays; both then see two paid
// members. The team's QR poster is a picture that opens the same link. A buyer fills the
// demo's team that is one member short, and its page says it will ship. A producer starts a
// group-buy from their console.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

/** Fills the seat form's address, when the buyer has none on file. */
async function fillAddress(page, recipient) {
  const form = page.locator('#seat-form');
  if ((await form.locator('input[name=recipient]').inputValue()) !== '') return;
  await form.locator('input[name=recipient]').fill(recipient);
  await form.locator('input[name=phone]').fill('13800138000');
  await form.locator('select[name=province]').selectOption('31');
  await form.locator('input[name=city]').fill('上海市');
  await form.locator('input[name=county]').fill('浦东新区');
  await form.locator('input[name=detail]').fill('世纪大道 100 号 2 栋');
}

/** Takes the seat, pays at the sandbox cashier and comes back to the team's page. */
async function payForSeat(page) {
  await Promise.all([page.waitForURL(/\/sandbox\/pay\//), page.locator('#seat-submit').click()]);
  await Promise.all([page.waitForURL(/\/sandbox\/pay\//), page.locator('#sandbox-pay-form button').click()]);
  await page.locator('#cashier-status.status-approved').waitFor();
  await Promise.all([page.waitForURL(/\/teams\/[^/]+$/), page.locator('#cashier-return').click()]);
}

/** Reloads until `selector` reads `text`: the provider's callback lands within a second or two. */
async function reloadUntil(page, selector, text) {
  const deadline = Date.now() + 20_000;
  let seen = '';
  while (Date.now() < deadline) {
    seen = (await page.locator(selector).textContent()) ?? '';
    if (seen.includes(text)) return;
    await page.waitForTimeout(500);
    await page.reload();
  }
  assert.fail(`${selector} never read "${text}"; last "${seen}"`);
}

test('a buyer opens a team and a neighbour joins it from the share link', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('buyer'));
    await page.goto('/');
    await Promise.all([
      page.waitForURL(/\/group-buys\/[^/]+$/),
      page.locator('#home-group-buys a.group-buy-card', { hasText: 'team of 3' }).click(),
    ]);
    assert.match(await page.locator('#per-buyer').textContent(), /Up to 2 per buyer/);
    await fillAddress(page, '林晓雨');
    await payForSeat(page);

    await page.locator('#you-are-in').waitFor();
    await reloadUntil(page, '#team .team-progress', '1 of 3 paid');
    assert.equal(await page.locator('#team .place.paid.leader').count(), 1);
    const shareLink = await page.locator('#share-link').inputValue();
    assert.match(shareLink, /^http:\/\/127\.0\.0\.1:\d+\/teams\/[^/]+$/);
    const teamPath = new URL(shareLink).pathname;

    // The poster is a picture whose QR code opens the same link.
    const poster = await page.request.get(`${teamPath}/poster.svg`, { headers: { 'Accept-Language': 'en-US' } });
    assert.equal(poster.headers()['content-type'], 'image/svg+xml; charset=utf-8');
    const svg = await poster.text();
    assert.ok(svg.includes(shareLink) && svg.includes('2 more needed'), 'the poster names the link and what is needed');
    assert.ok(await page.locator('#poster').evaluate((img) => img.complete && img.naturalWidth > 0));

    await farmgate.withPage(t, { locale: 'en-US' }, async (friend) => {
      await friend.goto(shareLink);
      assert.match(await friend.locator('#team .team-needed').textContent(), /2 more needed/);
      await Promise.all([friend.waitForURL(/\/signin/), friend.locator('#sign-in-to-join').click()]);
      await friend.locator('#signin-form input[name=email]').fill('neighbour03@demo.farmgate.test');
      await friend.locator('#signin-form input[name=password]').fill('farmgate-demo');
      await Promise.all([friend.waitForURL((url) => url.pathname === teamPath), friend.locator('#signin-form button[type=submit]').click()]);
      await fillAddress(friend, '邻居');
      await payForSeat(friend);
      assert.equal(new URL(friend.url()).pathname, teamPath);
      await friend.locator('#you-are-in').waitFor();
      await reloadUntil(friend, '#team .team-progress', '2 of 3 paid');
    });

    await reloadUntil(page, '#team .team-progress', '2 of 3 paid');
    assert.match(await page.locator('#team .team-needed').textContent(), /1 more needed/);
  }),
);

test('a buyer fills the team that is one member short and it ships', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'zh-CN' }, async (page) => {
    await signIn(page, demoEmail('neighbour05'));
    await page.goto('/');
    await Promise.all([
      page.waitForURL(/\/group-buys\/[^/]+$/),
      page.locator('#home-group-buys a.group-buy-card', { hasText: '3人团' }).click(),
    ]);
    const almost = page.locator('.team-card', { hasText: '还差1人' }).first();
    await Promise.all([page.waitForURL(/\/teams\//), almost.locator('a.join-team').click()]);
    await payForSeat(page);
    await reloadUntil(page, '#team .team-status', '拼团成功');
    assert.equal(await page.locator('#team .place.free').count(), 0);
    assert.equal(await page.locator('#seat-form').count(), 0, 'a full team takes no one else');
  }),
);

test('a producer starts a group-buy from the product console', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('producer'));
    await page.goto('/console');
    await Promise.all([page.waitForURL(/\/products$/), page.locator('a.products-link').first().click()]);
    await Promise.all([
      page.waitForURL(/\/console\/products\/[^/]+\/group-buys$/),
      page.locator('a.group-buys-link').first().click(),
    ]);
    const form = page.locator('#group-buy-form');
    // The variant with the most units ("… · 120 in stock").
    const variant = await form.locator('select[name=sku] option').evaluateAll((options) =>
      options
        .map((o) => ({ value: o.value, stock: Number(/(\d+) in stock/.exec(o.textContent)?.[1] ?? 0) }))
        .sort((a, b) => b.stock - a.stock)[0],
    );
    assert.ok(variant.stock >= 3, 'the product has a variant with units to offer');
    await form.locator('select[name=sku]').selectOption(variant.value);

    // An absurd price is refused, field by field, and nothing is started.
    await form.locator('input[name=team_price]').fill('-3');
    await form.locator('input[name=stock_limit]').fill('2');
    await form.locator('button[type=submit]').click();
    await page.locator('#group-buy-error').waitFor();
    assert.equal(await page.locator('.field-error[data-field=team_price]').count(), 1);

    await form.locator('input[name=team_price]').fill('0.50');
    await form.locator('input[name=stock_limit]').fill('3');
    await form.locator('input[name=team_size]').fill('2');
    await Promise.all([page.waitForURL(/\/group-buys\/[^/]+$/), form.locator('button[type=submit]').click()]);
    assert.match(await page.locator('#team-price').textContent(), /¥0\.50/);
    assert.equal(await page.locator('#no-open-teams').count(), 1);
  }),
);
