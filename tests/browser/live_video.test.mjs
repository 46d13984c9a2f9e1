// Live video in a real browser: the demo's session on air plays the generated push that
// nginx turns into HLS, and last week's replay plays and jumps to where a product was shown.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Farmgate, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

/** Seconds of picture a player must get through to count as playing. */
const PLAYED_SECONDS = 2;

/** Waits until the room's <video> has played past `seconds` (it starts muted, as phones allow). */
async function waitForPlayback(page, seconds) {
  const player = page.locator('video#player');
  await player.waitFor();
  await page.waitForFunction(
    (past) => {
      const video = document.getElementById('player');
      if (video.paused) video.play().catch(() => {});
      return video.currentTime > past && video.readyState >= 2 && !video.error;
    },
    seconds,
    { timeout: 45_000, polling: 250 },
  );
}

/** The room of the demo session on air, from the listing of sessions. */
async function onAirRoom(page) {
  await page.goto('/live');
  const card = page.locator('a.live-card.live').first();
  await card.waitFor();
  return card.getAttribute('href');
}

test('the live room plays the stream on air', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, {}, async (page) => {
    await page.goto(await onAirRoom(page));
    assert.equal(await page.locator('#room').getAttribute('data-state'), 'live');
    await waitForPlayback(page, PLAYED_SECONDS);
    assert.match(await page.locator('video#player').getAttribute('data-src'), /^\/hls\/[0-9a-f-]+\/index\.m3u8$/);
  }),
);

test('last week’s replay plays and seeks to a product', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, {}, async (page) => {
    await page.goto(await onAirRoom(page));
    const shop = await page.locator('#room a[href^="/shops/"]').first().getAttribute('href');
    // The replay is generated in the background at start-up: it appears within seconds.
    const replay = page.locator('a.live-card.ended').first();
    for (let attempt = 0; attempt < 60; attempt += 1) {
      await page.goto(shop);
      if ((await replay.count()) > 0) break;
      await page.waitForTimeout(500);
    }
    await page.goto(await replay.getAttribute('href'));
    assert.equal(await page.locator('#room').getAttribute('data-state'), 'ended');
    await waitForPlayback(page, 1);
    const moments = page.locator('button[data-seek]');
    assert.ok((await moments.count()) >= 2, 'the replay shows when products were shown');
    const target = Number(await moments.nth(1).getAttribute('data-seek'));
    assert.ok(target > 0);
    await moments.nth(1).click();
    await page.waitForFunction((at) => document.getElementById('player').currentTime >= at, target);
  }),
);
