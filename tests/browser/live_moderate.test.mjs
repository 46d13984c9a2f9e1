// Moderating a live room in a real browser: the hosting shop's producer sees remove and mute
// buttons on every chat line and the block list; a removed line leaves the viewer's screen, a
// blocked word is refused, and a muted viewer cannot chat. A plain viewer sees no such tools.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

async function roomOnAir(page) {
  await page.goto('/live');
  return page.locator('a.live-card.live').first().getAttribute('href');
}

async function say(page, text) {
  await page.locator('#chat-form input[name=text]').fill(text);
  await page.locator('#chat-form button[type=submit]').click();
}

test('the host removes a line, blocks a word and mutes a viewer, live', { timeout: TEST_TIMEOUT_MS }, (t) =>
  farmgate.withPage(t, { locale: 'en-US' }, (viewer) =>
    farmgate.withPage(t, { locale: 'en-US' }, async (host) => {
      await signIn(viewer, demoEmail('buyer'));
      await signIn(host, demoEmail('producer'));
      const room = await roomOnAir(viewer);
      await viewer.goto(room);
      await host.goto(room);
      await viewer.locator('#chat-form').waitFor();
      assert.equal(await viewer.locator('#moderation').count(), 0, 'a viewer has no moderation tools');
      await host.locator('#moderation').waitFor({ state: 'attached' });

      await say(viewer, 'cheap copies at my shop');
      const line = host.locator('#room-chat li', { hasText: 'cheap copies' });
      await line.locator('button.remove').click();
      await viewer.locator('#room-chat li', { hasText: 'cheap copies' }).waitFor({ state: 'detached' });

      await host.locator('#moderation summary').click();
      await host.locator('#block-form textarea[name=words]').fill('copies, fake');
      await host.locator('#block-form button[type=submit]').click();
      await host.locator('#moderation-status', { hasText: 'Block list saved.' }).waitFor();
      await say(viewer, 'more fake goji');
      await viewer.locator('#room-error', { hasText: 'blocked' }).waitFor();
      assert.equal(await host.locator('#room-chat li', { hasText: 'more fake goji' }).count(), 0);

      await say(viewer, 'is the black goji organic?');
      const question = host.locator('#room-chat li', { hasText: 'organic' });
      await question.locator('button.mute').click();
      await host.locator('#moderation-status', { hasText: 'Muted for 10 minutes.' }).waitFor();
      await say(viewer, 'hello again');
      await viewer.locator('#room-error', { hasText: 'muted' }).waitFor();
      assert.equal(await host.locator('#room-chat li', { hasText: 'hello again' }).count(), 0);
    }),
  ),
);
