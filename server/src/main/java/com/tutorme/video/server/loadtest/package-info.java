/**
 * The load generator ({@code scripts/loadtest}): drives a running server over real WebSockets
 * with the project's own protocol and reports rates, latencies and the server's CPU and memory.
 */
package com.tutorme.video.server.loadtest;
