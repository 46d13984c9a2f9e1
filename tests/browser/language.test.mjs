// The interface language: Accept-Language decides first, then the reader's choice, kept in a cookie.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Farmgate, htmlLang, submitForm, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

/** Clicks one of the language buttons and waits for the page it redirects back to. */
async function switchLanguage(page, lang, expectedHtmlLang) {
  const path = new URL(page.url()).pathname;
  const form = page.locator('form#lang-form');
  assert.equal((await form.getAttribute('method'))?.toLowerCase(), 'post');
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/lang'),
    form.locator(`button[name=lang][value=${lang}]`).click(),
  ]);
  await page.waitForFunction((want) => document.documentElement.lang === want, expectedHtmlLang);
  assert.equal(new URL(page.url()).pathname, path, 'switching language returns to the same page');
}

test('an English browser gets English; choosing 中文 switches and the choice persists', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await page.goto('/signin');
    assert.equal(await htmlLang(page), 'en');
    await page.locator('nav#site-nav').waitFor();

    await switchLanguage(page, 'zh', 'zh-CN');
    await page.goto('/');
    assert.equal(await htmlLang(page), 'zh-CN', 'the choice outlives the Accept-Language header');
    await page.goto('/signup');
    assert.equal(await htmlLang(page), 'zh-CN');

    await switchLanguage(page, 'en', 'en');
    await page.goto('/');
    assert.equal(await htmlLang(page), 'en');
  }),
);

test('a Chinese browser gets Chinese by default', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'zh-CN' }, async (page) => {
    for (const path of ['/', '/signin', '/signup']) {
      await page.goto(path);
      assert.equal(await htmlLang(page), 'zh-CN', `${path} in Chinese`);
      await page.locator('form#lang-form button[name=lang][value=en]').waitFor();
      await page.locator('form#lang-form button[name=lang][value=zh]').waitFor();
    }
  }),
);
