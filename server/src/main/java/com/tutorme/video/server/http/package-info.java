/**
 * The HTTP edge: routing, request parsing, JSON responses and errors. Handlers return futures;
 * blocking work runs on the server's blocking executor and the answer is written back to the
 * channel, so no event loop ever waits on the database.
 */
package com.tutorme.video.server.http;
