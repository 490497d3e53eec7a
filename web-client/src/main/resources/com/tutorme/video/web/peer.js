// One RTCPeerConnection to the other participant, negotiated with the "perfect negotiation"
// pattern (https://w3c.github.io/webrtc-pc/#perfect-negotiation-example): after the first
// offer (always the impolite side's) both sides may offer at any time, and on a collision the
// polite side (the larger peer id) yields, so simultaneous offers never deadlock. Knows
// nothing of sockets: it sends through `signal`.

import { trace } from './log.js';

export class PeerLink extends EventTarget {
  /**
   * @param {object} options
   * @param {RTCIceServer[]} options.iceServers from the join acknowledgement
   * @param {boolean} options.polite whether this side yields on an offer collision
   * @param {(message: object) => void} options.signal sends offer/answer/ice-candidate
   * @param {MediaStream} options.localStream camera and microphone, may be empty
   */
  constructor({ iceServers, polite, signal, localStream }) {
    super();
    this.polite = polite;
    this.signal = signal;
    this.makingOffer = false;
    this.ignoreOffer = false;
    this.settingRemoteAnswer = false;
    this.pendingCandidates = [];
    this.remoteStream = new MediaStream();
    this.pc = new RTCPeerConnection({ iceServers });
    this.senders = new Map();
    for (const track of localStream.getTracks()) {
      this.senders.set(track.kind, this.pc.addTrack(track, localStream));
    }
    // Receive both kinds even when we send none (no camera): the other side may have one.
    for (const kind of ['audio', 'video']) {
      if (!this.senders.has(kind)) this.pc.addTransceiver(kind, { direction: 'recvonly' });
    }
    this.pc.onnegotiationneeded = () => {
      // The first offer always comes from the impolite side. Both sides offering at once is
      // handled by the pattern, but Chrome can lose the ICE candidates of an offer it rolls
      // back, leaving a call that never connects; avoiding the first collision avoids that.
      if (this.polite && !this.pc.remoteDescription) {
        trace('negotiationneeded: waiting for the first offer');
        return;
      }
      trace('negotiationneeded, polite:', this.polite);
      this.#negotiate();
    };
    // End-of-candidates (null) is not signalled: after an offer collision it can arrive for
    // the rolled-back offer's gathering and make the other side refuse the real candidates
    // that follow. Browsers connect without it.
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate) this.signal({ type: 'ice-candidate', candidate: candidate.toJSON() });
    };
    this.pc.ontrack = ({ track }) => {
      this.remoteStream.addTrack(track);
      this.dispatchEvent(new CustomEvent('track', { detail: this.remoteStream }));
    };
    this.pc.onsignalingstatechange = () => trace('signaling state', this.pc.signalingState);
    // An unreachable STUN server is not fatal: host candidates still connect on a LAN.
    this.pc.onicecandidateerror = () => {};
    this.pc.onconnectionstatechange = () => {
      trace('connection state', this.pc.connectionState);
      const state = this.pc.connectionState;
      if (state === 'failed') this.pc.restartIce(); // renegotiates with fresh candidates
      this.dispatchEvent(new CustomEvent('state', { detail: state }));
    };
  }

  async #negotiate() {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      trace('sending offer', this.pc.signalingState);
      this.signal({ type: 'offer', sdp: this.pc.localDescription.sdp });
    } catch (error) {
      this.dispatchEvent(new CustomEvent('error', { detail: error }));
    } finally {
      this.makingOffer = false;
    }
  }

  /** Handles a relayed offer or answer. */
  async receiveDescription(type, sdp) {
    // As in the specification's example: while our answer is being applied we are as good as
    // stable, so an offer then is not a collision.
    const readyForOffer = !this.makingOffer
      && (this.pc.signalingState === 'stable' || this.settingRemoteAnswer);
    const collision = type === 'offer' && !readyForOffer;
    this.ignoreOffer = !this.polite && collision;
    trace('received', type, { collision, ignore: this.ignoreOffer, state: this.pc.signalingState });
    if (this.ignoreOffer) return;
    this.settingRemoteAnswer = type === 'answer';
    try {
      await this.pc.setRemoteDescription({ type, sdp });
    } finally {
      this.settingRemoteAnswer = false;
    }
    // Candidates that came before the description could not be added; add them now.
    for (const candidate of this.pendingCandidates.splice(0)) {
      await this.#addCandidate(candidate);
    }
    if (type === 'offer') {
      await this.pc.setLocalDescription();
      this.signal({ type: 'answer', sdp: this.pc.localDescription.sdp });
    }
  }

  /** Handles a relayed ICE candidate; end-of-candidates (null) is ignored, as above. */
  async receiveCandidate(candidate) {
    if (!candidate) return;
    if (!this.pc.remoteDescription) {
      this.pendingCandidates.push(candidate);
      return;
    }
    await this.#addCandidate(candidate);
  }

  async #addCandidate(candidate) {
    try {
      await this.pc.addIceCandidate(candidate);
    } catch (error) {
      if (!this.ignoreOffer) this.dispatchEvent(new CustomEvent('error', { detail: error }));
    }
  }

  /** Sends another track of the same kind without renegotiating (screen share, new camera). */
  async replaceTrack(kind, track) {
    const sender = this.senders.get(kind);
    if (sender) await sender.replaceTrack(track);
  }

  /** Frames of remote video decoded so far, from getStats; for the status and the tests. */
  async framesDecoded() {
    let frames = 0;
    const stats = await this.pc.getStats();
    stats.forEach((report) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames += report.framesDecoded ?? 0;
    });
    return frames;
  }

  close() {
    trace('closing link');
    this.pc.close();
  }
}
