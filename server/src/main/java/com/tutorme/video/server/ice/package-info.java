/**
 * ICE server configuration for clients: STUN defaults and, with a TURN secret, TURN entries
 * with time-limited credentials in coturn's REST API scheme.
 */
package com.tutorme.video.server.ice;
