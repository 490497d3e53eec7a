// The classroom in a real browser: two people, two contexts, one lesson.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync, appendFileSync } from 'node:fs';
import { startServer, launchBrowser, eventually, receivingVideo, statusOf, chatReaches, ARTIFACTS } from './harness.mjs';

let server;
let browser;
let demo;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  demo = await (await fetch(`${server.baseUrl}/api/dev/demo`)).json();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Opens a user's lesson link in a fresh browser context (a separate person). */
async function open(url, label) {
  const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
  await context.addInitScript(() => localStorage.setItem('tutorme.debug', '1'));
  const page = await context.newPage();
  const log = join(ARTIFACTS, `console-${label}.log`);
  writeFileSync(log, '');
  page.on('console', (m) => appendFileSync(log, `${new Date().toISOString()} ${m.type()} ${m.text()}\n`));
  page.on('pageerror', (error) => appendFileSync(log, `page error: ${error.message}\n`));
  await page.goto(url.replace(/^http:\/\/[^/]+/, server.baseUrl));
  return page;
}

/** The ICE username fragments of the page's current local and remote descriptions. */
function iceUfrags(page) {
  return page.evaluate(() => {
    const pc = window.tutormeClassroom.lesson.link.pc;
    const ufrag = (description) => description?.sdp.match(/^a=ice-ufrag:(\S+)/m)?.[1];
    return { local: ufrag(pc.currentLocalDescription), remote: ufrag(pc.currentRemoteDescription) };
  });
}

test('student and tutor see and hear each other, and the page says so', async () => {
  const student = await open(demo.student.url, 'student');
  await eventually('the waiting message', () => student.locator('#waiting').isVisible());
  assert.match(await student.locator('#waiting').textContent(), /Waiting for your tutor to join/);
  await student.screenshot({ path: join(ARTIFACTS, 'waiting.png') });

  const tutor = await open(demo.tutor.url, 'tutor');
  await receivingVideo(student, 'the student');
  await receivingVideo(tutor, 'the tutor');
  await eventually('both to show connected', async () =>
    (await statusOf(student)) === 'connected' && (await statusOf(tutor)) === 'connected');
  assert.equal(await student.locator('#remote-name').textContent(), 'Taylor Tutor');
  await student.screenshot({ path: join(ARTIFACTS, 'in-call.png') });

  // The tutor mutes: the student sees it on the tutor's video.
  await tutor.getByRole('button', { name: /Mute/ }).click();
  await eventually('the muted badge', () => student.locator('#remote-muted').isVisible());
  await tutor.getByRole('button', { name: /Unmute/ }).click();
  await eventually('the muted badge to go', async () => !(await student.locator('#remote-muted').isVisible()));

  // Chat.
  await chatReaches(student, tutor, 'Hello, can you hear me?');

  // The student switches camera: the tutor keeps receiving frames.
  await student.getByRole('button', { name: /Settings/ }).click();
  await eventually('the fake camera to be listed', async () =>
    (await student.locator('#camera-select option').count()) >= 1);
  await student.locator('#camera-select').dispatchEvent('change');
  await student.getByRole('button', { name: 'Done' }).click();
  await receivingVideo(tutor, 'the tutor after the camera switch');

  // The student shares a screen where headless Chromium allows it; the tutor keeps receiving.
  await student.getByRole('button', { name: /Share screen/ }).click();
  const sharing = await eventually('screen sharing to start or be refused', async () =>
    (await student.locator('#screen').getAttribute('aria-pressed')) === 'true' ? 'shared' : false,
  10_000).catch(() => 'not available headless');
  if (sharing === 'shared') {
    await eventually('the sharing badge', () => tutor.locator('#remote-sharing').isVisible());
    await receivingVideo(tutor, 'the tutor during screen share');
    await student.getByRole('button', { name: /Stop sharing/ }).click();
  }
  console.log(`screen share: ${sharing}`);

  // Reloading one page restores the call.
  await student.reload();
  await receivingVideo(student, 'the student after reloading');
  await receivingVideo(tutor, 'the tutor after the student reloaded');

  // The tutor's socket drops: "reconnecting", then the call is back.
  const seen = await tutor.evaluate(() => window.tutormeClassroom.statusHistory.length);
  await tutor.evaluate(() => window.tutormeClassroom.simulateNetworkDrop());
  if ((await statusOf(tutor)) === 'reconnecting') {
    await tutor.screenshot({ path: join(ARTIFACTS, 'reconnecting.png') });
  }
  await eventually('the tutor to have shown reconnecting', () => tutor.evaluate(
    (from) => window.tutormeClassroom.statusHistory.slice(from).includes('reconnecting'), seen), 5_000);
  await eventually('the tutor to be connected again', async () => (await statusOf(tutor)) === 'connected');
  await receivingVideo(student, 'the student after the tutor reconnected');
  await receivingVideo(tutor, 'the tutor after reconnecting');

  // Both sides restart ICE at once, as both do when a network change fails the connection:
  // the offers may collide and the polite side yields; both end with new ICE credentials,
  // each the other's, and the video goes on.
  const before = { student: await iceUfrags(student), tutor: await iceUfrags(tutor) };
  assert.ok(before.student.local && before.student.remote === before.tutor.local, JSON.stringify(before));
  await Promise.all([student, tutor].map((page) =>
    page.evaluate(() => window.tutormeClassroom.lesson.link.pc.restartIce())));
  await eventually('new ICE credentials on both sides, each the other\'s', async () => {
    const [s, t] = [await iceUfrags(student), await iceUfrags(tutor)];
    return s.local !== before.student.local && t.local !== before.tutor.local
      && s.remote === t.local && t.remote === s.local;
  });
  await receivingVideo(student, 'the student after the ICE restart');
  await receivingVideo(tutor, 'the tutor after the ICE restart');

  // End the session on one side: both pages show it ended; a new join is refused.
  await tutor.getByRole('button', { name: /End session/ }).click();
  await tutor.locator('#end-confirm').click();
  for (const page of [student, tutor]) {
    await eventually('the ended page', async () =>
      (await page.locator('#notice-title').textContent()) === 'This lesson has ended');
  }
  await student.screenshot({ path: join(ARTIFACTS, 'ended.png') });
  const again = await open(demo.student.url, 'student-again');
  await eventually('a rejoin to be refused', async () =>
    (await again.locator('#notice-title').textContent()) === 'This lesson has ended');
});

test('someone who is not in the booking sees a forbidden page, not a call', async () => {
  const stranger = await open(demo.stranger.url, 'stranger');
  await eventually('the forbidden page', async () =>
    (await stranger.locator('#notice-title').textContent()) === 'This lesson is not yours');
  assert.equal(await stranger.locator('#stage').isVisible(), false);
  await stranger.screenshot({ path: join(ARTIFACTS, 'forbidden.png') });
});
