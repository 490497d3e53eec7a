/**
 * Live rooms: the peers connected to each session, presence, relay and session end. No Netty
 * here: a room reaches its peers through {@link com.tutorme.video.server.room.PeerSink}, so a
 * later multi-node router (peers of one session on different nodes, over Redis pub/sub) can
 * stand behind the same interface.
 */
package com.tutorme.video.server.room;
