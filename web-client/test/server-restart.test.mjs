// The signaling server restarts during a lesson (a deploy, a crash): the call's media is
// peer to peer and goes on while it is away; both pages say they are reconnecting, find the
// server again by themselves when it is back on the same address, and signaling works again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchBrowser, eventually, framesDecoded, receivingVideo, statusOf, chatReaches, freePortBelowEphemeralRange, closeBrowserAndServer } from './harness.mjs';

// A configured secret, not development mode, whose secret is new at every start: the pages'
// tokens must still be good when the server comes back.
const SECRET = randomBytes(32).toString('hex');
const DATA_DIR = mkdtempSync(join(tmpdir(), 'tutorme-restart-'));
const env = (port) => ({ JWT_SECRET: SECRET, DATA_DIR, PORT: String(port) });

let server;
let browser;

after(async () => {
  try {
    await closeBrowserAndServer(browser, server);
  } finally {
    rmSync(DATA_DIR, { recursive: true, force: true });
  }
});

/** An HS256 token as the booking app would mint it. */
function token(sub, name, role) {
  const part = (json) => Buffer.from(JSON.stringify(json)).toString('base64url');
  const claims = { sub, name, role, exp: Math.floor(Date.now() / 1000) + 3600 };
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
  return `${unsigned}.${createHmac('sha256', SECRET).update(unsigned).digest('base64url')}`;
}

/** Books a lesson starting now through the intake API, as the booking backend does. */
async function bookLesson(baseUrl) {
  const bookingId = `restart-${randomUUID()}`;
  const now = Date.now();
  const response = await fetch(`${baseUrl}/api/bookings/${bookingId}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token('booking-app', 'Booking app', 'service')}` },
    body: JSON.stringify({
      studentId: 'stu', tutorId: 'tut', mode: 'ONLINE', status: 'CONFIRMED',
      startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(),
    }),
  });
  assert.equal(response.status, 200, await response.text());
  return bookingId;
}

async function open(baseUrl, bookingId, jwt) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${baseUrl}/lessons/${bookingId}#token=${jwt}`);
  return page;
}

test('a lesson survives a restart of the signaling server', { timeout: 240_000 }, async () => {
  const port = await freePortBelowEphemeralRange();
  server = await startServer(env(port));
  browser = await launchBrowser();
  const bookingId = await bookLesson(server.baseUrl);
  const student = await open(server.baseUrl, bookingId, token('stu', 'Sam Student', 'student'));
  const tutor = await open(server.baseUrl, bookingId, token('tut', 'Taylor Tutor', 'tutor'));
  await receivingVideo(student, 'the student');
  await receivingVideo(tutor, 'the tutor');
  await eventually('both to show connected', async () =>
    (await statusOf(student)) === 'connected' && (await statusOf(tutor)) === 'connected');

  await server.stop();
  server = null;
  for (const [page, label] of [[student, 'student'], [tutor, 'tutor']]) {
    await eventually(`the ${label} to show reconnecting`, async () => (await statusOf(page)) === 'reconnecting', 10_000);
  }
  // Nothing signals now, yet the video goes on: it never passed through the server.
  await receivingVideo(student, 'the student while the server is down');
  await receivingVideo(tutor, 'the tutor while the server is down');

  server = await startServer(env(port));
  for (const [page, label] of [[student, 'student'], [tutor, 'tutor']]) {
    await eventually(`the ${label} to be connected again`, async () => (await statusOf(page)) === 'connected', 30_000);
  }
  // Signaling is back, not only the media: a chat line crosses the new server.
  await chatReaches(student, tutor, 'Are you still there?');
  await receivingVideo(tutor, 'the tutor after the restart');
  assert.ok((await framesDecoded(student)) > 0);
});
