/**
 * Bookings and video sessions: the row records and the store interfaces the server uses.
 * Nothing here knows of Netty; every method may block and must run off the event loops.
 */
package com.tutorme.video.storage;
