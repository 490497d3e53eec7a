// Test harness: the real server (the shaded jar, development mode, its own data directory)
// and Debian's Chromium driven by playwright-core, with fake camera and microphone.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ARTIFACTS = join(here, '..', 'test-results');
mkdirSync(ARTIFACTS, { recursive: true });

const JAR = process.env.TUTORME_JAR ?? join(here, '..', '..', 'server', 'target', 'tutorme-video-server.jar');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** The environment minus JWT settings, which would take the server out of development mode. */
function inheritedEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('JWT_')));
}

/** Starts the server on a free port; resolves with {baseUrl, stop}. */
export function startServer(env = {}) {
  const dataDir = env.DATA_DIR ?? mkdtempSync(join(tmpdir(), 'tutorme-e2e-'));
  const child = spawn('java', ['-jar', JAR], {
    env: { ...inheritedEnv(), PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, WS_PING_INTERVAL_MS: '2000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Killed with this process too, should it end without stopping the server.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL'); // not left holding the port
      reject(new Error(`server did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk) => {
      output += chunk;
      const match = output.match(/listening on http:\/\/[^:]+:(\d+)/);
      if (match) {
        clearTimeout(timer);
        resolve({
          baseUrl: `http://127.0.0.1:${match[1]}`,
          output: () => output,
          stop: () => stop(child),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited ${code}:\n${output}`)));
  });
}

/** Stops the server as an operator would (SIGTERM), killing it if it has not gone in 15 s. */
function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => { clearTimeout(kill); done(); });
    child.kill('SIGTERM');
  });
}

/** For a test file's after(): closes the browser, then stops the server, whatever the first did. */
export async function closeBrowserAndServer(browser, server) {
  try {
    await browser?.close();
  } finally {
    await server?.stop();
  }
}

/** @param {{ grantMedia?: boolean }} options without grantMedia, camera access is refused */
export function launchBrowser({ grantMedia = true } = {}) {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      // Answers the permission prompt with "allow"; without it headless Chromium refuses.
      ...(grantMedia ? ['--use-fake-ui-for-media-stream'] : []),
      '--use-fake-device-for-media-stream',
      '--allow-loopback-in-peer-connection', // a machine with only a loopback interface
      '--auto-select-desktop-capture-source=Entire screen',
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** Polls a condition on the page until it holds; fails with the description after a while. */
export async function eventually(description, check, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${description} (last: ${last})`);
}

/** Frames of remote video decoded so far on this page. */
export function framesDecoded(page) {
  return page.evaluate(() => window.tutormeClassroom.framesDecoded());
}

/** Waits until the page decodes remote video frames, and they keep rising. */
export async function receivingVideo(page, label) {
  const first = await eventually(`${label} to decode video`, async () => {
    const frames = await framesDecoded(page);
    return frames > 0 ? frames : false;
  });
  await eventually(`${label}'s decoded frames to rise`, async () => (await framesDecoded(page)) > first + 5);
}

/** The classroom's connection status on this page (its data-state). */
export const statusOf = (page) => page.locator('#status').getAttribute('data-state');

/** Sends a chat line from one page and waits until the other page shows it. */
export async function chatReaches(from, to, text) {
  await from.getByRole('button', { name: /Chat/ }).click();
  await from.locator('#chat-input').fill(text);
  await from.locator('#chat-input').press('Enter');
  await to.getByRole('button', { name: /Chat/ }).click();
  await eventually(`the chat line "${text}"`, async () =>
    (await to.locator('#chat-log').textContent()).includes(text));
}

/**
 * A free port below the kernel's ephemeral range (32768 and up here): while the server is
 * away the pages keep dialling its port, and a port in that range could meanwhile be taken
 * by an outgoing connection (even one connected to itself), and the restart could not bind.
 */
export async function freePortBelowEphemeralRange() {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const free = await new Promise((resolve) => {
      const probe = createServer().once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 30000');
}
