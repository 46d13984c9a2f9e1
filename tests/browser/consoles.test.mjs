// The role consoles: the producer's shops, the sign-in detour for visitors, and the hub approving
// a producer's application.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, submitForm, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

test('the demo producer signs in and sees their shops in the console', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'zh-CN' }, async (page) => {
    await signIn(page, demoEmail('producer'));
    assert.equal(page.url(), farmgate.href('/'));
    await page.locator('#account-name').waitFor();

    await page.goto('/console');
    assert.equal(new URL(page.url()).pathname, '/console');
    await page.locator('h1#console-title').waitFor();
    const shops = await page.locator('.shop-card').count();
    assert.ok(shops >= 1, `expected at least one .shop-card, found ${shops}`);
  }),
);

test('a signed-out visit to the console goes to sign-in and comes back after it', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await page.goto('/console');
    const landed = new URL(page.url());
    assert.equal(landed.pathname, '/signin');
    assert.equal(landed.searchParams.get('next'), '/console');
    await page.locator('#signin-form').waitFor();
    assert.equal(await page.locator('#console-title').count(), 0);

    await signIn(page, demoEmail('producer'), undefined, `${landed.pathname}${landed.search}`);
    assert.equal(new URL(page.url()).pathname, '/console');
    await page.locator('h1#console-title').waitFor();
  }),
);

test('the hub operator approves a pending producer application', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'zh-CN' }, async (page) => {
    await signIn(page, demoEmail('hub'));
    await page.goto('/hub');
    await page.locator('h1#hub-title').waitFor();
    const rows = await page.locator('.application-row').count();
    assert.ok(rows >= 1, `the demo has pending applications; found ${rows}`);

    const link = page.locator('.application-row a.application-link').first();
    const href = await link.getAttribute('href');
    assert.match(href, /^\/hub\/applications\/[^/?#]+$/);
    await Promise.all([page.waitForURL(farmgate.href(href)), link.click()]);
    await page.locator('form#reject-form textarea[name=reason]').waitFor();
    const method = await page.locator('form#approve-form').getAttribute('method');
    assert.equal(method?.toLowerCase(), 'post');

    const response = await submitForm(page, 'form#approve-form');
    assert.ok(response.status() < 400, `approving answered ${response.status()}`);
    await page.locator('.status-approved').waitFor();

    await page.goto('/hub');
    await page.locator('h1#hub-title').waitFor();
    const stillPending = await page.locator(`a.application-link[href="${href}"]`).count();
    assert.equal(stillPending, 0, 'an approved application is no longer pending');
  }),
);
