// Short videos: the demo producer uploads a phone clip from the console in a real browser. The
// page's script sends it by XHR with its progress, the row shows the transcode's progress and
// turns ready on its own; the video then plays in the browser (its metadata read through byte
// ranges) and its card opens the product marked with the video; a buyer's feed shows videos.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
let clipDir;
before(async () => {
  clipDir = await mkdtemp(join(tmpdir(), 'farmgate-clip-'));
  await farmgate.start();
}, { timeout: 180_000 });
after(async () => {
  await farmgate.stop();
  await rm(clipDir, { recursive: true, force: true });
});

/** A 3-second portrait clip with sound, as a phone records one. */
function phoneClip() {
  const path = join(clipDir, 'VID_20261124.mp4');
  execFileSync('ffmpeg', [
    '-nostdin', '-loglevel', 'error', '-y',
    '-f', 'lavfi', '-i', 'testsrc=size=360x640:rate=25:duration=3',
    '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path,
  ]);
  return path;
}

test('a producer uploads a clip, watches it being made, and buyers play it and buy from its card', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, async (page) => {
    await signIn(page, demoEmail('producer'));
    await page.goto('/console');
    await Promise.all([page.waitForURL(/\/videos$/), page.locator('.videos-link').first().click()]);
    const consoleUrl = page.url();
    const before = await page.locator('.video-row').count();

    await page.locator('#video-form input[name=title]').fill('Morning at the goji field');
    await page.locator('#video-form input[name=products]').first().check();
    const product = await page.locator('#video-form input[name=products]').first().getAttribute('value');
    await page.locator('#video-form input[name=video]').setInputFiles(phoneClip());
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url() === consoleUrl),
      page.locator('#video-form button[type=submit]').click(),
    ]);
    await page.waitForFunction((n) => document.querySelectorAll('.video-row').length === n + 1, before);
    const row = page.locator('.video-row').first();
    const id = await row.getAttribute('data-video');
    assert.match(await row.textContent(), /Morning at the goji field/);
    // The row polls until the video is made, then the page shows it ready.
    await page.locator(`.video-row[data-video="${id}"][data-video-state="ready"]`).waitFor({ timeout: 60_000 });

    await page.goto(`/videos/${id}`);
    const seconds = await page.locator('#short-video').evaluate((video) => new Promise((resolve, reject) => {
      if (video.readyState >= 1) return resolve(video.duration);
      video.addEventListener('loadedmetadata', () => resolve(video.duration), { once: true });
      video.addEventListener('error', () => reject(new Error('the video did not load')), { once: true });
      video.load();
    }));
    assert.ok(seconds > 2.5 && seconds < 3.5, `plays ${seconds} s`);
    assert.ok(await page.locator('#short-video').evaluate((v) => v.videoHeight > v.videoWidth), 'portrait');
    await Promise.all([page.waitForURL(/\/products\/[^/?]+\?video=/), page.locator(`.video-product[data-product="${product}"] .buy-from-video`).click()]);
    assert.equal(await page.locator('.add-to-cart input[name=video]').first().getAttribute('value'), id);

    await farmgate.withPage(t, { locale: 'en-US' }, async (buyer) => {
      await buyer.goto('/feed');
      const card = buyer.locator('#feed .feed-video').first();
      await card.locator('img.video-poster').scrollIntoViewIfNeeded();
      await buyer.waitForFunction(() => document.querySelector('#feed .feed-video img.video-poster')?.complete);
      assert.ok(await card.locator('img.video-poster').evaluate((img) => img.naturalHeight > img.naturalWidth), 'a video\'s poster shows in the feed, upright');
      await Promise.all([buyer.waitForURL(/\/videos\/[^/]+$/), card.locator('h3 a').click()]);
      await buyer.locator('#video-products .video-product').first().waitFor();
    });
  }));
