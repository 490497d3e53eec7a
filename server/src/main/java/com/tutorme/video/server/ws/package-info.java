/**
 * The signaling edge: the authenticated WebSocket upgrade on {@code /ws}, frames to protocol
 * messages and back, liveness, rate and buffer limits. Room logic lives in {@code
 * server.room}; this package only connects sockets to it.
 */
package com.tutorme.video.server.ws;
