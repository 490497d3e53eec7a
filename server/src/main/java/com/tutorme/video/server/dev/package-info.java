/**
 * Development mode: with no JWT key configured, a demo booking and tokens for its student and
 * tutor, so that a newcomer can open a lesson in two browser tabs. Never installed when a key
 * is configured.
 */
package com.tutorme.video.server.dev;
