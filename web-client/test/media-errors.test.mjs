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

/** A page whose camera fails with the given DOMException, as it would there; the microphone works. */
async function pageWhoseCameraFails(browser, errorName) {
  const context = await browser.newContext();
  await context.addInitScript((name) => {
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => constraints?.video
      ? Promise.reject(new DOMException(`the camera: ${name}`, name))
      : original(constraints);
  }, errorName);
  return context.newPage();
}

test('refused camera and microphone access is explained, with a way to retry', async () => {
  const browser = await launchBrowser({ grantMedia: false });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(local(demo.student.url));
    await eventually('the blocked-media notice', async () =>
      (await page.locator('#notice-title').textContent()) === 'Your microphone is blocked');
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
    // A machine with a microphone and no camera.
    const page = await pageWhoseCameraFails(browser, 'NotFoundError');
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

test('a blocked camera with the microphone allowed joins with audio only, and says so', async () => {
  const browser = await launchBrowser();
  try {
    // The person allowed the microphone and blocked the camera: once, nobody could join.
    const page = await pageWhoseCameraFails(browser, 'NotAllowedError');
    await page.goto(local(demo.student.url));
    await eventually('the call page', () => page.locator('#stage').isVisible());
    assert.match(await page.locator('#chat-log').textContent(), /camera is blocked.*audio only/);
    assert.equal(await page.locator('#camera').isDisabled(), true);
    assert.equal(await page.locator('#screen').isDisabled(), true); // no video sender to swap
    // The other side is told "camera off" from the start, not shown a black picture.
    assert.equal(await page.evaluate(() => window.tutormeClassroom.lesson.mediaState.video), false);
  } finally {
    await browser.close();
  }
});
