// The SDK's front door: one participant's side of a 1:1 lesson. Joins the session over the
// signaling socket, owns the peer connection to the other participant, and reports what
// happens as events. A booking front end can use it on its own pages:
//
//   const lesson = new Lesson({ serverUrl, token, localStream });
//   lesson.addEventListener('remote-stream', (e) => video.srcObject = e.detail);
//   await lesson.join(sessionToken);
//
// Events: state (connecting | connected | reconnecting | disconnected), peer-joined,
// peer-left, remote-stream, connection-state (the RTCPeerConnection's), media-state, chat,
// session-ended, error, closed (for good, after joining: { code } as in docs/protocol.md, or
// 'UNAUTHENTICATED' when the token is no longer accepted).

import { SignalingClient } from './signaling.js';
import { PeerLink } from './peer.js';
import { trace } from './log.js';

export class Lesson extends EventTarget {
  /**
   * @param {object} options
   * @param {string} options.serverUrl http(s) origin of the video server
   * @param {string} options.token the user's JWT
   * @param {MediaStream} options.localStream what to send (may have no tracks)
   */
  constructor({ serverUrl, token, localStream }) {
    super();
    const wsUrl = serverUrl.replace(/^http/, 'ws') + '/ws';
    this.signaling = new SignalingClient(wsUrl, token, () => tokenAccepted(serverUrl, token));
    this.joined = false;
    this.localStream = localStream;
    this.link = null;
    this.remotePeer = null;
    this.iceServers = [];
    // What we send from the start: a stream without a camera shows "Camera off" over there.
    this.mediaState = {
      audio: localStream.getAudioTracks().length > 0,
      video: localStream.getVideoTracks().length > 0,
      screen: false,
    };
    this.#wire();
  }

  /** Joins the session; resolves with the acknowledgement, rejects with a coded Error. */
  join(sessionToken) {
    return this.signaling.join(sessionToken);
  }

  /** Tells the other side our microphone / camera / screen state. */
  setMediaState(state) {
    this.mediaState = { ...this.mediaState, ...state };
    this.signaling.send({ type: 'media-state', ...this.mediaState });
  }

  sendChat(text) {
    return this.signaling.send({ type: 'chat', text });
  }

  /** Sends a different track (screen, another camera) without renegotiation. */
  async replaceTrack(kind, track) {
    const old = this.localStream.getTracks().find((t) => t.kind === kind);
    if (old) this.localStream.removeTrack(old);
    this.localStream.addTrack(track);
    await this.link?.replaceTrack(kind, track);
  }

  async framesDecoded() {
    return this.link ? this.link.framesDecoded() : 0;
  }

  leave() {
    this.link?.close();
    this.link = null;
    this.signaling.close();
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  #wire() {
    const s = this.signaling;
    s.addEventListener('state', (e) => this.#emit('state', e.detail));
    s.addEventListener('session-joined', (e) => {
      this.joined = true;
      this.iceServers = e.detail.iceServers;
      const before = this.remotePeer;
      this.#dropLink();
      const other = e.detail.peers[0];
      if (other) this.#linkTo(other);
      else if (before) this.#emit('peer-left', before); // gone while we were away
      this.setMediaState({});
    });
    // Before the join, join() rejects with it instead.
    s.addEventListener('closed', (e) => {
      if (!e.detail.final || !this.joined) return;
      this.#dropLink();
      this.#emit('closed', e.detail);
    });
    s.addEventListener('user-joined', (e) => {
      this.#dropLink();
      this.#linkTo(e.detail);
      this.setMediaState({}); // the newcomer has not heard our state yet
    });
    s.addEventListener('user-left', (e) => {
      if (this.remotePeer?.peerId !== e.detail.peerId) return;
      this.#dropLink();
      this.#emit('peer-left', e.detail);
    });
    s.addEventListener('offer', (e) => this.#description('offer', e.detail));
    s.addEventListener('answer', (e) => this.#description('answer', e.detail));
    s.addEventListener('ice-candidate', (e) => {
      if (this.#fromRemote(e.detail)) this.link.receiveCandidate(e.detail.candidate);
    });
    s.addEventListener('media-state', (e) => this.#emit('media-state', e.detail));
    s.addEventListener('chat', (e) => this.#emit('chat', e.detail));
    s.addEventListener('session-ended', (e) => {
      this.#dropLink();
      this.#emit('session-ended', e.detail);
    });
    s.addEventListener('error', (e) => this.#emit('error', e.detail));
  }

  #linkTo(peer) {
    trace('link to', peer.peerId, 'me', this.signaling.peerId);
    this.remotePeer = peer;
    this.link = new PeerLink({
      iceServers: this.iceServers,
      // Deterministic roles: both sides compare the same two ids.
      polite: this.signaling.peerId > peer.peerId,
      signal: (message) => this.signaling.send({ ...message, to: peer.peerId }),
      localStream: this.localStream,
    });
    this.link.addEventListener('track', (e) => this.#emit('remote-stream', e.detail));
    this.link.addEventListener('state', (e) => this.#emit('connection-state', e.detail));
    this.link.addEventListener('error', (e) => this.#emit('error', { message: String(e.detail) }));
    this.#emit('peer-joined', peer);
  }

  #dropLink() {
    if (this.link) {
      this.link.close();
      this.link = null;
      this.#emit('connection-state', 'closed');
    }
    this.remotePeer = null;
  }

  #fromRemote(message) {
    return this.link && message.from?.peerId === this.remotePeer?.peerId;
  }

  async #description(type, message) {
    if (!this.#fromRemote(message)) {
      trace('dropped', type, 'from', message.from?.peerId, 'expected', this.remotePeer?.peerId);
      return;
    }
    try {
      await this.link.receiveDescription(type, message.sdp);
    } catch (error) {
      this.#emit('error', { message: String(error) });
    }
  }
}

/**
 * Whether the server still takes the token: false only for a 401 from the API. Bounded, as
 * the path it asks over may be the one that just failed.
 */
async function tokenAccepted(serverUrl, token) {
  const response = await fetch(`${serverUrl}/api/video/ice-servers`, {
    headers: { Authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5_000),
  });
  return response.status !== 401;
}
