// The lesson page (/lessons/{bookingId}): the original VideoClassroomWrapper and
// VideoClassroom. Gets the session for the booking, asks for camera and microphone, joins,
// and shows the call with its controls. All wording for people lives here.

import { SessionApi } from './api.js';
import { Lesson } from './lesson.js';
import { openMedia, listDevices, describeMediaError, mediaErrorTitle } from './media.js';

const $ = (id) => document.getElementById(id);
const bookingId = decodeURIComponent(location.pathname.split('/').pop());
const token = takeToken();
const me = token ? claims(token) : {};
const other = me.role === 'tutor' ? 'student' : 'tutor';

let lesson = null;
let session = null;
let media = null;
let cameraTrack = null;

// A debugging handle; the browser tests use it to look inside and to drop the network.
const statusHistory = [];
window.tutormeClassroom = {
  get lesson() { return lesson; },
  statusHistory,
  framesDecoded: () => (lesson ? lesson.framesDecoded() : 0),
  simulateNetworkDrop: () => lesson?.signaling.simulateNetworkDrop(),
};

start();

async function start() {
  notice('Loading your lesson…', '');
  if (!token) {
    return notice('You are not signed in', 'Open this lesson from your booking page.');
  }
  const api = new SessionApi(location.origin, token);
  try {
    session = await api.createOrGet(bookingId);
  } catch (error) {
    return showApiError(error);
  }
  if (session.status === 'ENDED') return showEnded();

  notice('Starting your camera…', 'Allow camera and microphone access when your browser asks.');
  try {
    media = await openMedia();
  } catch (error) {
    return notice(mediaErrorTitle(error), describeMediaError(error), start);
  }
  cameraTrack = media.stream.getVideoTracks()[0] ?? null;
  $('local-video').srcObject = media.stream;

  lesson = new Lesson({ serverUrl: location.origin, token, localStream: media.stream });
  wireLesson(api);
  wireControls(api);
  showStage();
  $('waiting').textContent = `Waiting for your ${other} to join…`;
  if (media.note) addSystemLine(media.note);
  try {
    await lesson.join(session.sessionToken);
  } catch (error) {
    if (error.code === 'SESSION_ENDED') return showEnded();
    if (error.code === 'FORBIDDEN') return showForbidden();
    if (error.code === 'UNAUTHENTICATED' || typeof error.code === 'number') {
      return showClosed(error.code);
    }
    leaveWith('failed', 'Could not join the lesson', error.message, () => location.reload());
  }
}

function wireLesson(api) {
  lesson.addEventListener('state', (e) => setStatus(e.detail));
  lesson.addEventListener('connection-state', (e) => {
    if (e.detail === 'connected') setStatus('connected');
    else if (e.detail === 'failed' || e.detail === 'disconnected') setStatus('reconnecting');
  });
  lesson.addEventListener('peer-joined', (e) => {
    $('remote-name').textContent = e.detail.name;
    $('waiting').textContent = `${e.detail.name} is joining…`;
  });
  lesson.addEventListener('remote-stream', (e) => {
    $('remote-video').srcObject = e.detail;
    $('waiting').hidden = true;
  });
  lesson.addEventListener('peer-left', () => {
    $('remote-video').srcObject = null;
    $('remote-name').textContent = '';
    setStatus(lesson.signaling.state);
    $('waiting').hidden = false;
    $('waiting').textContent = `Your ${other} left. Waiting for them to come back…`;
    setRemoteBadges({ audio: true, video: true, screen: false });
  });
  lesson.addEventListener('media-state', (e) => setRemoteBadges(e.detail));
  lesson.addEventListener('chat', (e) => addChatLine(e.detail.from, e.detail.text));
  lesson.addEventListener('session-ended', (e) => showEnded(e.detail.reason));
  lesson.addEventListener('closed', (e) => showClosed(e.detail.code));
  lesson.addEventListener('error', (e) => {
    console.warn('lesson error', e.detail.code ?? '', e.detail.message);
    if (e.detail.code === 'SESSION_ENDED') showEnded();
    else if (e.detail.code === 'FORBIDDEN') showForbidden();
  });
}

function wireControls(api) {
  $('mic').onclick = () => toggleTrack('audio', $('mic'), 'Mute', 'Unmute');
  $('camera').onclick = () => toggleTrack('video', $('camera'), 'Camera off', 'Camera on');
  // Joined without a camera or a microphone: nothing to turn off, or to share the screen in
  // place of (there is no video sender to swap).
  $('camera').disabled = !cameraTrack;
  $('screen').disabled = !cameraTrack;
  $('mic').disabled = media.stream.getAudioTracks().length === 0;
  $('screen').onclick = toggleScreenShare;
  // The whole page, so that the controls stay in reach.
  $('fullscreen').onclick = () => (document.fullscreenElement
    ? document.exitFullscreen() : document.documentElement.requestFullscreen?.());
  $('settings').onclick = openSettings;
  $('chat-toggle').onclick = () => {
    const chat = $('chat');
    chat.hidden = !chat.hidden;
    $('chat-toggle').setAttribute('aria-pressed', String(!chat.hidden));
    $('chat-toggle').classList.remove('unread');
    if (!chat.hidden) $('chat-input').focus();
  };
  $('chat-form').onsubmit = (event) => {
    event.preventDefault();
    const text = $('chat-input').value.trim();
    if (!text) return;
    // Chat is relayed, not kept: a line sent to nobody would look sent and never arrive.
    if (!lesson.remotePeer) {
      addSystemLine(`Your ${other} is not here yet and messages are not kept: send it when they join.`);
    } else if (!lesson.sendChat(text)) {
      addSystemLine('Not sent: the connection is down. It will be back shortly; try again then.');
    } else {
      addChatLine(null, text);
      $('chat-input').value = '';
    }
  };
  $('end').onclick = () => $('end-dialog').showModal();
  $('end-dialog').addEventListener('close', async () => {
    if ($('end-dialog').returnValue !== 'end') return;
    try {
      await api.end(session.id);
    } catch (error) {
      addSystemLine(`Could not end the session: ${error.message}`);
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement) return;
    // Ctrl+F is the browser's find, Ctrl+M and Cmd+M its own: only the bare key is ours.
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    const key = event.key.toLowerCase();
    if (key === 'm') $('mic').click();
    if (key === 'v') $('camera').click();
    if (key === 'f') $('fullscreen').click();
  });
}

function toggleTrack(kind, button, onLabel, offLabel) {
  const track = media.stream.getTracks().find((t) => t.kind === kind);
  if (!track) return;
  track.enabled = !track.enabled;
  // The label says what a press does; a pressed state beside it would say the opposite.
  button.classList.toggle('off', !track.enabled);
  button.querySelector('span').textContent = track.enabled ? onLabel : offLabel;
  lesson.setMediaState({ [kind]: track.enabled });
}

async function toggleScreenShare() {
  const button = $('screen');
  if (lesson.mediaState.screen) return stopScreenShare();
  let screen;
  try {
    screen = await navigator.mediaDevices.getDisplayMedia({ video: true });
  } catch {
    return; // the person cancelled the picker
  }
  const track = screen.getVideoTracks()[0];
  track.onended = stopScreenShare; // the browser's own "Stop sharing" button
  await lesson.replaceTrack('video', track);
  $('local-video').srcObject = lesson.localStream;
  button.setAttribute('aria-pressed', 'true');
  button.querySelector('span').textContent = 'Stop sharing';
  lesson.setMediaState({ screen: true });
}

async function stopScreenShare() {
  const shared = lesson.localStream.getVideoTracks()[0];
  if (cameraTrack) await lesson.replaceTrack('video', cameraTrack);
  if (shared && shared !== cameraTrack) shared.stop();
  $('screen').setAttribute('aria-pressed', 'false');
  $('screen').querySelector('span').textContent = 'Share screen';
  lesson.setMediaState({ screen: false });
}

async function openSettings() {
  const devices = await listDevices();
  fillSelect($('camera-select'), devices.videoinput, cameraTrack?.getSettings().deviceId);
  fillSelect($('mic-select'), devices.audioinput,
    media.stream.getAudioTracks()[0]?.getSettings().deviceId);
  fillSelect($('speaker-select'), devices.audiooutput, $('remote-video').sinkId);
  $('speaker-select').disabled = !('setSinkId' in HTMLMediaElement.prototype);
  $('camera-select').onchange = (e) => switchDevice('video', e.target.value);
  $('mic-select').onchange = (e) => switchDevice('audio', e.target.value);
  $('speaker-select').onchange = (e) => $('remote-video').setSinkId(e.target.value);
  $('settings-dialog').showModal();
}

/** Switches camera or microphone in place: the call goes on, nothing is renegotiated. */
async function switchDevice(kind, deviceId) {
  const stream = await navigator.mediaDevices.getUserMedia({ [kind]: { deviceId: { exact: deviceId } } });
  const track = stream.getTracks()[0];
  const old = media.stream.getTracks().find((t) => t.kind === kind);
  track.enabled = old ? old.enabled : true;
  await lesson.replaceTrack(kind, track);
  if (kind === 'video') cameraTrack = track;
  old?.stop();
  $('local-video').srcObject = lesson.localStream;
}

function fillSelect(select, devices, current) {
  select.replaceChildren(...devices.map((device, i) => {
    const option = new Option(device.label || `Device ${i + 1}`, device.deviceId);
    option.selected = device.deviceId === current;
    return option;
  }));
}

function setRemoteBadges({ audio, video, screen }) {
  $('remote-muted').hidden = audio !== false;
  $('remote-camera-off').hidden = video !== false;
  $('remote-sharing').hidden = screen !== true;
}

const STATUS_TEXT = {
  connecting: 'Connecting…',
  waiting: 'Waiting',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
};

function setStatus(state) {
  // The socket being up is not the call being up: "connected" waits for the media path, and
  // alone in the room it is "waiting".
  let effective = state;
  if (state === 'connected' && !lesson?.link) effective = 'waiting';
  else if (state === 'connected' && lesson.link.pc.connectionState !== 'connected') {
    effective = 'connecting';
  }
  if (statusHistory.at(-1) !== effective) statusHistory.push(effective);
  $('status').dataset.state = effective;
  $('status-text').textContent = STATUS_TEXT[effective] ?? effective;
}

function addChatLine(from, text) {
  const item = document.createElement('li');
  item.className = from ? 'them' : 'me';
  const who = document.createElement('strong');
  who.textContent = from ? (lesson.remotePeer?.name ?? from.userId) : 'You';
  item.append(who, document.createTextNode(` ${text}`));
  $('chat-log').append(item);
  item.scrollIntoView({ block: 'end' });
  if ($('chat').hidden && from) $('chat-toggle').classList.add('unread');
}

function addSystemLine(text) {
  const item = document.createElement('li');
  item.className = 'system';
  item.textContent = text;
  $('chat-log').append(item);
}

function showStage() {
  $('status').hidden = false;
  $('notice').hidden = true;
  $('stage').hidden = false;
  $('controls').hidden = false;
  $('lesson-title').textContent = `Lesson ${bookingId}`;
}

/** @param {string} [reason] session-ended's: 'ended' over the API, or 'booking-cancelled' */
function showEnded(reason) {
  leaveWith('ended', 'This lesson has ended', reason === 'booking-cancelled'
    ? 'The booking was cancelled. You can close this tab.'
    : 'The session was ended. You can close this tab.');
}

function showForbidden() {
  leaveWith('forbidden', 'This lesson is not yours',
    'Only the student and the tutor of this booking can join its video session.');
}

/** The socket closed for good after joining (docs/protocol.md's final close codes). */
function showClosed(code) {
  if (code === 4002) return showEnded();
  if (code === 4005) return showForbidden();
  if (code === 4001) {
    return leaveWith('elsewhere', 'This lesson is open somewhere else',
      'You joined it from another tab or device, so this one has left. Press the button to '
      + 'continue here instead.', () => location.reload());
  }
  if (code === 'UNAUTHENTICATED') {
    return leaveWith('signed-out', 'Your sign-in has expired',
      'Sign in again from your booking page to rejoin the lesson.');
  }
  return leaveWith('closed', 'You were disconnected',
    `The video server closed the connection (${code}).`, () => location.reload());
}

/** Leaves the call, frees camera and microphone, and says why. */
function leaveWith(view, title, text, retry) {
  lesson?.leave();
  media?.stream.getTracks().forEach((t) => t.stop());
  setStatus('disconnected');
  notice(title, text, retry);
  document.body.dataset.view = view;
}

function showApiError(error) {
  if (error.status === 403) return showForbidden();
  if (error.status === 401) {
    return notice('Your sign-in has expired', 'Sign in again from your booking page.');
  }
  if (error.status === 404) return notice('No such lesson', 'Check the link to your lesson.');
  if (error.code === 'BOOKING_NOT_CONFIRMED' || error.code === 'BOOKING_NOT_ONLINE') {
    return notice('The video room is not open', error.message);
  }
  if (error.code === 'UNREACHABLE' || error.status >= 500) {
    return notice('The video server cannot be reached',
      'Check your connection; we will try again when you press the button.', start);
  }
  return notice('Something went wrong', error.message, start);
}

function notice(title, text, retry) {
  $('status').hidden = true; // a notice is not a call: no connection state to show
  $('stage').hidden = true;
  $('controls').hidden = true;
  $('notice').hidden = false;
  $('notice-title').textContent = title;
  $('notice-text').textContent = text;
  $('notice-retry').hidden = !retry;
  $('notice-retry').onclick = retry ?? null;
}

/** The token from the link's fragment (kept for reloads), then removed from the address bar. */
function takeToken() {
  const key = `tutorme.token.${bookingId}`;
  const fromLink = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromLink) {
    sessionStorage.setItem(key, fromLink);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem(key);
}

/** The token's claims, for wording only ("your tutor"); the server decides what is allowed. */
function claims(jwt) {
  try {
    return JSON.parse(atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
  } catch {
    return {};
  }
}
