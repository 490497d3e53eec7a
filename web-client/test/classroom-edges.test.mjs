// The classroom at its edges: a second tab of the same person, a token the server no longer
// takes, a long chat. Each ends in words on the page, never in a spinner or a broken layout.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { startServer, launchBrowser, eventually, statusOf, freePortBelowEphemeralRange, closeBrowserAndServer, ARTIFACTS } from './harness.mjs';

let server;
let browser;

after(() => closeBrowserAndServer(browser, server));

async function demoLesson(baseUrl) {
  const demo = await (await fetch(`${baseUrl}/api/dev/demo`)).json();
  const local = (url) => url.replace(/^http:\/\/[^/]+/, baseUrl);
  return { student: local(demo.student.url), tutor: local(demo.tutor.url) };
}

async function joined(url) {
  browser ??= await launchBrowser();
  const page = await (await browser.newContext()).newPage();
  await page.goto(url);
  await eventually('the join', async () =>
    (await page.evaluate(() => window.tutormeClassroom.lesson?.signaling.state)) === 'connected');
  return page;
}

const noticeTitle = (page) => page.locator('#notice-title').textContent();
const tracksLive = (page) => page.evaluate(() => window.tutormeClassroom.lesson.localStream
  .getTracks().some((track) => track.readyState === 'live'));

test('the same person in a second tab: the first says so and lets go of the camera', async () => {
  server = await startServer();
  const links = await demoLesson(server.baseUrl);
  const first = await joined(links.student);
  assert.equal(await tracksLive(first), true);

  await joined(links.student);

  // Closed with 4001 by the server: it once sat on "Reconnecting…" with the camera on.
  await eventually('the first tab to explain', async () =>
    (await noticeTitle(first)) === 'This lesson is open somewhere else');
  assert.equal(await first.locator('#notice-retry').isVisible(), true);
  assert.equal(await tracksLive(first), false);
  await server.stop();
  server = null;
});

test('a token the restarted server no longer takes ends in words, not endless retries', { timeout: 120_000 }, async () => {
  // Development mode signs with a new secret at every start: the page's token dies with it,
  // as an expired one would. A browser sees the refused upgrade only as a dropped socket.
  const port = await freePortBelowEphemeralRange();
  server = await startServer({ PORT: String(port) });
  const student = await joined((await demoLesson(server.baseUrl)).student);

  await server.stop();
  server = await startServer({ PORT: String(port) });

  await eventually('the sign-in notice', async () =>
    (await noticeTitle(student)) === 'Your sign-in has expired', 60_000);
  assert.equal(await statusOf(student), 'disconnected');
  assert.equal(await tracksLive(student), false);
});

test('a line sent with nobody there is held back, and said so', async () => {
  server ??= await startServer();
  const page = await joined((await demoLesson(server.baseUrl)).tutor);
  await page.getByRole('button', { name: 'Chat' }).click();
  await page.locator('#chat-input').fill('hello? anyone here');
  await page.locator('#chat-input').press('Enter');

  await eventually('the explanation', async () =>
    /not here yet/.test(await page.locator('#chat-log').textContent()));
  assert.equal(await page.locator('#chat-input').inputValue(), 'hello? anyone here');
  assert.equal(await page.locator('#chat-log li.me').count(), 0);
  await page.context().close();
});

test('a long chat scrolls inside its panel; the video and controls stay on screen', async () => {
  server ??= await startServer();
  const links = await demoLesson(server.baseUrl);
  const page = await joined(links.tutor);
  await joined(links.student);
  await eventually('the student in the room', () =>
    page.evaluate(() => window.tutormeClassroom.lesson.remotePeer !== null));
  await page.getByRole('button', { name: 'Chat' }).click();
  for (let i = 0; i < 40; i++) {
    await page.locator('#chat-input').fill(`line ${i} ${'word '.repeat(i % 5 ? 3 : 60)}`);
    await page.locator('#chat-input').press('Enter');
  }
  await eventually('the fortieth line', async () => (await page.locator('#chat-log li.me').count()) >= 40);

  const viewport = page.viewportSize();
  for (const id of ['controls', 'remote-video', 'chat-form']) {
    const box = await page.locator(`#${id}`).boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= viewport.height + 1,
      `#${id} at ${box.y}..${box.y + box.height}, the window ${viewport.height} high`);
  }
  const log = await page.locator('#chat-log').evaluate((el) => [el.scrollHeight, el.clientHeight]);
  assert.ok(log[0] > log[1], `the log scrolls (${log})`);
  await page.screenshot({ path: join(ARTIFACTS, 'chat-long.png') });
});

/**
 * A TCP proxy to the server whose open connections can be frozen: nothing more crosses them,
 * either way, and neither end is told, as when a network path silently stops.
 */
async function freezableProxy(targetPort) {
  const pairs = [];
  const proxy = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    pairs.push([client, upstream]);
  });
  await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    port: proxy.address().port,
    freeze() {
      for (const [client, upstream] of pairs.splice(0)) {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      }
    },
    close() {
      proxy.close();
    },
  };
}

test('a signaling path that goes silent is noticed and replaced by the page', async () => {
  server ??= await startServer();
  const proxy = await freezableProxy(new URL(server.baseUrl).port);
  try {
    const viaProxy = (await demoLesson(server.baseUrl)).tutor
      .replace(server.baseUrl, `http://127.0.0.1:${proxy.port}`);
    browser ??= await launchBrowser();
    const context = await browser.newContext();
    await context.addInitScript(() => { globalThis.TUTORME_LIVENESS_MS = 1000; });
    const page = await context.newPage();
    await page.goto(viaProxy);
    await eventually('the join', async () =>
      (await page.evaluate(() => window.tutormeClassroom.lesson?.signaling.state)) === 'connected');
    const before = await page.evaluate(() => window.tutormeClassroom.statusHistory.length);

    proxy.freeze(); // the page's socket stays open in the browser's eyes

    await eventually('the page to reconnect on its own', () => page.evaluate((from) =>
      window.tutormeClassroom.statusHistory.slice(from).includes('reconnecting')
      && window.tutormeClassroom.lesson.signaling.state === 'connected', before), 20_000);
    await context.close();
  } finally {
    proxy.close();
  }
});
