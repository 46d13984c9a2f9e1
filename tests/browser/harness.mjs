// The browser-test harness: starts the real `farmgate` binary on port 0 with a fresh demo store,
// drives Debian's Chromium through playwright-core, and keeps a screenshot of every failed test.
// Each test file makes one `Farmgate`, starts it in `before` and stops it in `after`.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = resolve(HERE, '..', '..');
export const SCREENSHOT_DIR = join(HERE, 'screenshots');

/** The binary prints exactly this line on stdout once it accepts connections. */
const READY_LINE = /^Farmgate is listening on (http:\/\/127\.0\.0\.1:\d+)\/?\s*$/;
/** Generating the demo county in a debug build is the slow part of start-up. */
const START_DEADLINE_MS = 120_000;
const STOP_GRACE_MS = 10_000;
const STDERR_TAIL_BYTES = 64 * 1024;

/** Debian's Chromium; playwright-core never downloads a browser of its own. */
const CHROMIUM = process.env.FARMGATE_CHROMIUM ?? '/usr/bin/chromium';
/** Without the networking flags Chromium keeps dialling out of this closed network. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-quic',
  '--disable-component-update',
  '--disable-sync',
];

/** Whatever submits a form: a submit button, or a button with no type. */
const SUBMIT = 'button[type=submit], input[type=submit], button:not([type])';

/** Every demo account shares this password (see the start page's `#demo-accounts`). */
export const DEMO_PASSWORD = 'farmgate-demo';
export const demoEmail = (role) => `${role}@demo.farmgate.test`;

/** Per-test budget: generous for a debug build, but a hang still ends. */
export const TEST_TIMEOUT_MS = 90_000;

function farmgateBinary() {
  const targetDir = process.env.CARGO_TARGET_DIR ?? join(REPO_ROOT, 'target');
  const bin = process.env.FARMGATE_BIN ?? join(targetDir, 'debug', 'farmgate');
  if (!existsSync(bin)) {
    throw new Error(`farmgate binary not found at ${bin}: build it (cargo build -p farmgate) or set FARMGATE_BIN`);
  }
  return bin;
}

/** A tail of the server's stderr, kept for the message when start-up or a test fails. */
class OutputTail {
  #text = '';
  push(chunk) {
    this.#text = (this.#text + chunk).slice(-STDERR_TAIL_BYTES);
  }
  toString() {
    return this.#text;
  }
}

/** A loopback port free at the moment (nginx cannot be given port 0). */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

/** Starts `farmgate serve --demo` on a free loopback port; resolves once it prints its URL. */
async function startServer() {
  const bin = farmgateBinary();
  const dataDir = await mkdtemp(join(tmpdir(), 'farmgate-browser-'));
  // A demo generated once for the whole run (see scripts/test): each server starts from its
  // own copy, which `serve --demo` reuses, instead of generating two years of orders again.
  const template = process.env.FARMGATE_DEMO_TEMPLATE;
  if (template) await cp(template, dataDir, { recursive: true });
  const env = { ...process.env };
  delete env.FARMGATE_LISTEN; // the flags below decide; a stray variable must not
  delete env.FARMGATE_DATA;
  // Each test file runs its own server, with its own nginx: RTMP ports must not collide.
  const rtmpPort = String(await freePort());
  const args = ['serve', '--demo', '--listen', '127.0.0.1:0', '--data', dataDir, '--rtmp-port', rtmpPort];
  const child = spawn(bin, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stderr = new OutputTail();
  const stdout = new OutputTail();
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => stderr.push(chunk)); // always drained, so the server never blocks
  const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
  const stopOnExit = () => child.kill('SIGKILL');
  process.once('exit', stopOnExit);

  const server = { child, dataDir, stderr, exited, url: undefined, stopOnExit };
  try {
    server.url = await readyUrl(child, exited, stdout, stderr);
  } catch (error) {
    await stopServer(server);
    throw error;
  }
  return server;
}

/** Waits for the ready line, the process's exit or the deadline, whichever comes first. */
function readyUrl(child, exited, stdout, stderr) {
  return new Promise((resolveUrl, reject) => {
    const lines = createInterface({ input: child.stdout }); // keeps draining stdout after start-up
    const timer = setTimeout(() => {
      reject(
        new Error(
          `farmgate did not print "Farmgate is listening on http://127.0.0.1:PORT" within ` +
            `${START_DEADLINE_MS / 1000} s; stdout:\n${stdout}\nstderr:\n${stderr}`,
        ),
      );
    }, START_DEADLINE_MS);
    lines.on('line', (line) => {
      stdout.push(`${line}\n`);
      const match = READY_LINE.exec(line);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not start farmgate: ${error.message}`));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`farmgate exited before it was ready (code ${code}, signal ${signal}); stderr:\n${stderr}`));
    });
  });
}

async function stopServer(server) {
  process.removeListener('exit', server.stopOnExit);
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGTERM');
    const timer = setTimeout(() => server.child.kill('SIGKILL'), STOP_GRACE_MS);
    await server.exited;
    clearTimeout(timer);
  }
  // A replay ffmpeg killed with the server may still be letting go of its folder.
  await rm(server.dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** A file-name-safe form of a test's name. */
function screenshotName(testName) {
  const slug = testName
    .normalize('NFKD')
    .replace(/[^\w.-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);
  return `${slug || 'test'}.png`;
}

/** One running server and one browser, shared by the tests of a file. */
export class Farmgate {
  #server;
  #browser;

  /** The server's base URL, e.g. http://127.0.0.1:41234. */
  get url() {
    if (!this.#server) throw new Error('Farmgate is not started: call start() in before()');
    return this.#server.url;
  }

  /** An absolute URL for a path on the server. */
  href(path) {
    return new URL(path, this.url).href;
  }

  async start() {
    this.#server = await startServer();
    this.#browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  }

  async stop() {
    await this.#browser?.close();
    if (this.#server) await stopServer(this.#server);
  }

  /**
   * Runs `body(page, context)` in a fresh browser context (fresh cookies) with `options` passed to
   * `browser.newContext`. On failure keeps a full-page screenshot and prints where it is.
   */
  async withPage(t, options, body) {
    if (!this.#browser) throw new Error('Farmgate is not started: call start() in before()');
    const context = await this.#browser.newContext({ baseURL: this.url, ...options });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(30_000);
    const page = await context.newPage();
    try {
      await body(page, context);
    } catch (error) {
      await this.#keepScreenshot(t, page);
      throw error;
    } finally {
      await context.close();
    }
  }

  async #keepScreenshot(t, page) {
    const path = join(SCREENSHOT_DIR, screenshotName(t.name));
    try {
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path, fullPage: true });
      console.error(`screenshot of the failed test "${t.name}": ${path} (page ${page.url()})`);
    } catch (error) {
      console.error(`could not save a screenshot for "${t.name}": ${error.message}`);
    }
    const stderr = this.#server?.stderr.toString().slice(-4000);
    if (stderr) console.error(`last lines of the server's stderr:\n${stderr}`);
  }
}

/**
 * Submits a form by clicking its submit button and returns the response to the POST itself (a
 * redirect, or the re-rendered form). The caller then waits for what the next page must show.
 */
export async function submitForm(page, formSelector) {
  const form = page.locator(formSelector);
  const action = await form.evaluate((el) => new URL(el.action, document.baseURI).pathname);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action),
    form.locator(SUBMIT).first().click(),
  ]);
  return response;
}

/** Signs in through the form on /signin and waits for the redirect away from it. */
export async function signIn(page, email, password = DEMO_PASSWORD, path = '/signin') {
  await page.goto(path);
  await page.locator('#signin-form input[name=email]').fill(email);
  await page.locator('#signin-form input[name=password]').fill(password);
  await Promise.all([
    page.waitForURL((url) => url.pathname !== '/signin'),
    page.locator('#signin-form').locator(SUBMIT).first().click(),
  ]);
}

/** The page's `<html lang>`. */
export function htmlLang(page) {
  return page.locator('html').getAttribute('lang');
}
