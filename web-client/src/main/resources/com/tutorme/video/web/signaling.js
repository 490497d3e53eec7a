// The signaling socket: connects with a token, joins a session, reconnects with backoff and
// re-joins by itself. Speaks the protocol of docs/protocol.md; knows nothing of WebRTC.

import { trace } from './log.js';

/** Close codes after which reconnecting would not help (docs/protocol.md). */
const FINAL_CLOSES = new Set([1002, 1003, 1007, 1008, 1009, 4001, 4002, 4005]);
const MAX_BACKOFF_MS = 10_000;
/**
 * A joined socket pings this often, and one whose ping is still unanswered this long after is
 * taken for dead and replaced: a path that silently stops (a proxy, a sleeping laptop's Wi-Fi)
 * leaves the browser's socket open for as long as TCP takes to notice, minutes. Tests shorten
 * it.
 */
const LIVENESS_MS = globalThis.TUTORME_LIVENESS_MS ?? 10_000;

export class SignalingClient extends EventTarget {
  /**
   * @param {string} url ws:// or wss:// URL of /ws
   * @param {string} token the user's JWT; sent as a subprotocol entry, never in the URL
   * @param {() => Promise<boolean>} [tokenAccepted] asks the server whether the token is still
   *     good (false only for a clear no). A browser shows a refused upgrade (401) as a dropped
   *     connection (1006), so without it an expired token would be retried for ever.
   */
  constructor(url, token, tokenAccepted = async () => true) {
    super();
    this.url = url;
    this.token = token;
    this.tokenAccepted = tokenAccepted;
    this.socket = null;
    this.state = 'idle';
    this.sessionToken = null;
    this.peerId = null;
    this.attempt = 0;
    this.stopped = false;
    this.retryTimer = null;
    this.livenessTimer = null;
    this.lastHeard = 0;
    this.pingSentAt = null;
    this.refusals = 0;
  }

  /** Opens the socket and joins the session; resolves with the join acknowledgement. */
  join(sessionToken) {
    this.sessionToken = sessionToken;
    this.stopped = false;
    return new Promise((resolve, reject) => {
      const onJoined = (event) => { cleanup(); resolve(event.detail); };
      const onError = (event) => {
        if (event.detail.ref === 'join') { cleanup(); reject(protocolError(event.detail)); }
      };
      const onClosed = (event) => {
        if (event.detail.final) { cleanup(); reject(protocolError(event.detail)); }
      };
      const cleanup = () => {
        this.removeEventListener('session-joined', onJoined);
        this.removeEventListener('error', onError);
        this.removeEventListener('closed', onClosed);
      };
      this.addEventListener('session-joined', onJoined);
      this.addEventListener('error', onError);
      this.addEventListener('closed', onClosed);
      this.#open();
    });
  }

  /** Sends a protocol message; dropped (false) while disconnected. */
  send(message) {
    if (this.socket?.readyState !== WebSocket.OPEN) {
      trace('not connected; dropped', message.type);
      return false;
    }
    this.socket.send(JSON.stringify(message));
    return true;
  }

  /** Leaves the session and closes for good. */
  close() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.livenessTimer);
    if (this.socket?.readyState === WebSocket.OPEN) {
      this.send({ type: 'leave-session' });
      this.socket.close(1000, 'bye');
    }
    this.#setState('disconnected');
  }

  /** Drops the socket as a network failure would; the client reconnects. For tests. */
  simulateNetworkDrop() {
    this.socket?.close(4999, 'simulated drop');
  }

  #open() {
    this.#setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
    const socket = new WebSocket(this.url, ['tutorme-v1', `access_token.${this.token}`]);
    this.socket = socket;
    socket.opened = false;
    socket.onopen = () => {
      socket.opened = true;
      this.refusals = 0;
      this.lastHeard = performance.now();
      socket.send(JSON.stringify({ type: 'join-session', id: 'join', sessionToken: this.sessionToken }));
    };
    socket.onmessage = (event) => this.#receive(event.data);
    socket.onclose = (event) => this.#closed(socket, event);
  }

  #receive(data) {
    this.lastHeard = performance.now();
    let message;
    try {
      message = JSON.parse(data);
    } catch {
      return;
    }
    if (message.type === 'session-joined') {
      this.peerId = message.peerId;
      this.attempt = 0;
      this.#setState('connected');
      this.#watchLiveness(this.socket);
    }
    if (message.type !== 'ice-candidate') trace('received', message.type);
    this.dispatchEvent(new CustomEvent(message.type, { detail: message }));
  }

  /**
   * Pings the joined socket; one that leaves a ping unanswered for an interval is closed and
   * replaced. Judged by the ping, not by the time since the last message: a background tab's
   * timers may fire only once a minute, and its own late tick is no silence of the server's.
   */
  #watchLiveness(socket) {
    clearInterval(this.livenessTimer);
    this.pingSentAt = null;
    this.livenessTimer = setInterval(() => {
      if (socket !== this.socket) return clearInterval(this.livenessTimer);
      const now = performance.now();
      const unanswered = this.pingSentAt !== null && this.lastHeard < this.pingSentAt;
      if (!unanswered) {
        this.pingSentAt = now;
        this.send({ type: 'ping' });
        return;
      }
      if (now - this.pingSentAt < LIVENESS_MS) return;
      clearInterval(this.livenessTimer);
      trace('no answer for', now - this.pingSentAt, 'ms; reconnecting');
      // Its close handshake would wait on the same dead path: do not wait for onclose.
      socket.onclose = null;
      socket.close(4000, 'no answer');
      this.#closed(socket, { code: 4003, reason: 'no answer from the server' });
    }, LIVENESS_MS);
  }

  async #closed(socket, event) {
    if (socket !== this.socket || this.stopped) return;
    clearInterval(this.livenessTimer);
    let final = FINAL_CLOSES.has(event.code);
    let code = event.code;
    // Refused before it opened, after a first retry: a server that is down gives the same, so
    // ask over HTTP, whose 401 a page can read. Three refusals in a row, seconds apart with
    // the backoff, before giving up: a server whose keys are still loading refuses too.
    if (!final && !socket.opened && this.attempt >= 1) {
      this.refusals = (await this.#stillAccepted()) ? 0 : this.refusals + 1;
      if (this.refusals >= 3) {
        final = true;
        code = 'UNAUTHENTICATED';
      }
    }
    if (socket !== this.socket || this.stopped) return;
    this.dispatchEvent(new CustomEvent('closed', {
      detail: { code, reason: event.reason, final },
    }));
    if (final) {
      this.#setState('disconnected');
      return;
    }
    // Exponential backoff with jitter, so a restarted server is not hit by everyone at once.
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    this.#setState('reconnecting');
    this.retryTimer = setTimeout(() => this.#open(), delay);
  }

  async #stillAccepted() {
    try {
      return await this.tokenAccepted();
    } catch {
      return true; // no answer is no verdict: keep retrying
    }
  }

  #setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}

function protocolError(detail) {
  const error = new Error(detail.message || detail.reason || 'connection closed');
  error.code = detail.code;
  return error;
}
