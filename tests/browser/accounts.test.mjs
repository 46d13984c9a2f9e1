// Accounts in the browser: sign up, sign out, sign-up validation, and a wrong password.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DEMO_PASSWORD, demoEmail, Farmgate, submitForm, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

/** A suffix that keeps the accounts of repeated or parallel runs apart. */
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

test('a new account signs up, lands on the home page signed in, and signs out', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'zh-CN' }, async (page) => {
    const suffix = unique();
    const name = `测试买家 ${suffix}`;
    await page.goto('/');
    assert.equal(await page.locator('#signup-link').getAttribute('href'), '/signup');
    assert.equal(await page.locator('#signin-link').getAttribute('href'), '/signin');

    await page.goto('/signup');
    await page.locator('#signup-form input[name=display_name]').fill(name);
    await page.locator('#signup-form input[name=email]').fill(`buyer-${suffix}@example.test`);
    await page.locator('#signup-form input[name=password]').fill(`a long passphrase ${suffix}`);
    const response = await submitForm(page, '#signup-form');
    assert.ok(response.status() < 400, `sign-up answered ${response.status()}`);
    await page.waitForURL(farmgate.href('/'));
    await assert.doesNotReject(page.locator('#account-name').waitFor(), 'signed in: #account-name is shown');
    assert.equal((await page.locator('#account-name').textContent()).trim(), name);
    assert.equal(await page.locator('#signin-link').count(), 0, 'no sign-in link while signed in');

    await submitForm(page, '#signout-form');
    await page.locator('#signin-link').waitFor();
    assert.equal(await page.locator('#account-name').count(), 0, 'no account name after signing out');
  }),
);

test('signing up with an invalid email answers 422 and keeps what was typed', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    const name = `Invalid Email ${unique()}`;
    await page.goto('/signup');
    // The server's validation is under test, not the browser's: switch off the form's own checks.
    await page.locator('#signup-form').evaluate((form) => {
      form.noValidate = true;
    });
    await page.locator('#signup-form input[name=display_name]').fill(name);
    await page.locator('#signup-form input[name=email]').fill('not-an-email');
    await page.locator('#signup-form input[name=password]').fill('a long passphrase 12345');
    const response = await submitForm(page, '#signup-form');
    assert.equal(response.status(), 422);

    const error = page.locator('.field-error[data-field="email"]');
    await error.waitFor();
    assert.notEqual((await error.textContent()).trim(), '', 'the field error says what is wrong');
    assert.equal(await page.locator('#signup-form input[name=display_name]').inputValue(), name);
    assert.equal(await page.locator('#signup-form input[name=email]').inputValue(), 'not-an-email');
    assert.equal(await page.locator('#account-name').count(), 0, 'no account was signed in');
  }),
);

test('a wrong password shows a form error and signs nobody in', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await page.goto('/signin');
    await page.locator('#signin-form input[name=email]').fill(demoEmail('buyer'));
    await page.locator('#signin-form input[name=password]').fill(`not-${DEMO_PASSWORD}`);
    await submitForm(page, '#signin-form');
    await page.locator('#form-error').waitFor();
    assert.equal(new URL(page.url()).pathname, '/signin');
    assert.equal(await page.locator('#account-name').count(), 0);
  }),
);
