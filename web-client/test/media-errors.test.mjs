// What a person sees when the camera cannot be used: words, not a broken call.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { startServer, launchBrowser, eventually, ARTIFACTS } from './harness.mjs';

let server;
let demo;

before(async () => {
  server = await startServer();
  demo = await (await fetch(`${server.baseUrl}/api/dev/demo`)).json();
});

after(async () => {
  await server?.stop();
});

const local = (url) => url.replace(/^http:\/\/[^/]+/, server.baseUrl);

test('refused camera and microphone access is explained, with a way to retry', async () => {
  const browser = await launchBrowser({ grantMedia: false });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(local(demo.student.url));
    await eventually('the blocked-media notice', async () =>
      (await page.locator('#notice-title').textContent()) === 'Camera and microphone are blocked');
    assert.match(await page.locator('#notice-text').textContent(), /site settings/);
    assert.equal(await page.locator('#notice-retry').isVisible(), true);
    await page.screenshot({ path: join(ARTIFACTS, 'media-blocked.png') });
  } finally {
    await browser.close();
  }
});

test('without a camera the lesson goes on with audio only, and says so', async () => {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    // A machine with a microphone and no camera: asking for video fails as it would there.
    await context.addInitScript(() => {
      const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
      navigator.mediaDevices.getUserMedia = (constraints) => constraints?.video
        ? Promise.reject(new DOMException('Requested device not found', 'NotFoundError'))
        : original(constraints);
    });
    const page = await context.newPage();
    await page.goto(local(demo.tutor.url));
    await eventually('the call page', () => page.locator('#stage').isVisible());
    assert.match(await page.locator('#chat-log').textContent(), /audio only/);
    await eventually('the join', async () =>
      (await page.evaluate(() => window.tutormeClassroom.lesson?.signaling.state)) === 'connected');
    const tracks = await page.evaluate(() =>
      window.tutormeClassroom.lesson.localStream.getTracks().map((t) => t.kind));
    assert.deepEqual(tracks, ['audio']);
  } finally {
    await browser.close();
  }
});
