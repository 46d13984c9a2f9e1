// Lucky draws and the host's dashboard in a real browser: the host starts a draw from the
// session's console, a viewer comments the keyword in the room and sees the draw card, the
// host draws and the viewer sees the winners; a click on the pinned card shows on the
// dashboard, which keeps itself current without a reload.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { demoEmail, Farmgate, signIn, submitForm, TEST_TIMEOUT_MS } from './harness.mjs';

const farmgate = new Farmgate();
before(() => farmgate.start(), { timeout: 180_000 });
after(() => farmgate.stop());

/** The demo session on air, from the live listing. */
async function sessionOnAir(page) {
  await page.goto('/live');
  const href = await page.locator('a.live-card.live').first().getAttribute('href');
  assert.match(href, /^\/live\/[^/]+$/);
  return href.split('/')[2];
}

/** Runs `body(host, viewer)`: the demo producer (who hosts) and the demo buyer, each signed in. */
function hostAndViewer(t, body) {
  return farmgate.withPage(t, { locale: 'en-US' }, (viewer) =>
    farmgate.withPage(t, { locale: 'en-US' }, async (host) => {
      await signIn(viewer, demoEmail('buyer'));
      await signIn(host, demoEmail('producer'));
      await body(host, viewer);
    }),
  );
}

test('a viewer who comments the keyword enters the draw and sees who won', { timeout: TEST_TIMEOUT_MS }, (t) =>
  hostAndViewer(t, async (host, viewer) => {
    const session = await sessionOnAir(viewer);
    await viewer.goto(`/live/${session}`);
    await viewer.locator('#chat-form').waitFor();

    await host.goto(`/console/live/${session}`);
    await host.locator('#draw-form input[name=keyword]').fill('browsergoji');
    await host.locator('#draw-form input[name=prize]').fill('A box of black goji');
    await host.locator('#draw-form input[name=winners]').fill('1');
    await host.locator('#draw-form input[name=window_seconds]').fill('300');
    const started = await submitForm(host, '#draw-form');
    assert.ok(started.status() < 400, `starting the draw answered ${started.status()}`);
    await host.locator('.draw[data-status=open]').waitFor();

    const card = viewer.locator('#draw-card[data-state=open]');
    await card.waitFor();
    assert.match(await card.locator('.draw-line').textContent(), /「browsergoji」/);
    await viewer.locator('#chat-form input[name=text]').fill('I want BrowserGoji please');
    await viewer.locator('#chat-form button[type=submit]').click();
    await viewer.locator('#room-chat', { hasText: 'BrowserGoji' }).waitFor();

    await host.reload();
    await host.locator('.draw[data-status=open]', { hasText: '1 entered so far' }).waitFor();
    const drawn = await submitForm(host, '.draw[data-status=open] form');
    assert.ok(drawn.status() < 400, `drawing answered ${drawn.status()}`);
    await host.locator('.draw[data-status=drawn] .winner').waitFor();

    await viewer.locator('#draw-card[data-state=drawn]').waitFor();
    assert.match(await viewer.locator('#draw-card .draw-line').textContent(), /Winners: .\* · 1 entered/);
  }),
);

test('a click on the pinned card shows on the dashboard without a reload', { timeout: TEST_TIMEOUT_MS }, (t) =>
  hostAndViewer(t, async (host, viewer) => {
    const session = await sessionOnAir(viewer);
    await host.goto(`/console/live/${session}`);
    const pin = host.locator('#bag form:has(button.pin)').first();
    const product = await pin.locator('input[name=product]').getAttribute('value');
    await Promise.all([host.waitForURL(/\/console\/live\/[^/]+$/), pin.locator('button.pin').click()]);

    await host.goto(`/console/live/${session}/dashboard`);
    const clicks = host.locator(`#product-figures tr[data-product="${product}"] .clicks`);
    const before = Number(await clicks.textContent());

    await viewer.goto(`/live/${session}`);
    const title = viewer.locator(`#pinned-card a.title[data-product-click="${product}"]`);
    await title.waitFor();
    await viewer.waitForFunction(() => window.farmgateRoom && window.farmgateRoom.lastSeq() !== null);
    await Promise.all([viewer.waitForURL(`**/products/${product}`), title.click()]);

    await host.waitForFunction(
      ([selector, expected]) => Number(document.querySelector(selector)?.textContent) === expected,
      [`#product-figures tr[data-product="${product}"] .clicks`, before + 1],
    );
    assert.ok(Number(await host.locator('#peak-viewers').textContent()) >= 1);
  }),
);
