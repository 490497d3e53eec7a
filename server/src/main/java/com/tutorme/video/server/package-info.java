/**
 * The server: configuration, start-up and shutdown, {@code main}, and {@link
 * com.tutorme.video.server.TutorMeServer}, the API for embedding it in another JVM backend.
 */
package com.tutorme.video.server;
