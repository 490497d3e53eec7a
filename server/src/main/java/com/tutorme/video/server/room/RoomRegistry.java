package com.tutorme.video.server.room;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.protocol.IceServer;
import com.tutorme.video.protocol.PeerInfo;
import com.tutorme.video.protocol.ServerMessage;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The live rooms of this node, by session id. Joins, leaves and ends of one room are
 * serialised by a lock on that room, so presence events reach every peer in one order; relays
 * read the room's current peers without locking. An empty room is forgotten.
 *
 * <p>Ended sessions are remembered (for a while) so that a join racing with the end is refused
 * even when its database read saw the session still active.
 */
public final class RoomRegistry {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final long ENDED_MEMORY_NANOS = 24L * 3600 * 1_000_000_000L;
  /**
   * How long an exclusion outlives the booking write that made it: longer than a join's
   * look-up, read before the write, can take to arrive. Later joins read the booking as written.
   */
  private static final long EXCLUSION_MEMORY_NANOS = 60L * 1_000_000_000L;

  private final int capacity;
  private final ConcurrentHashMap<String, Room> rooms = new ConcurrentHashMap<>();
  private final Map<String, Long> ended = new ConcurrentHashMap<>();
  /** Who may not join a session whose booking lost them, and since when ({@link #exclude}). */
  private final Map<String, Exclusion> excluded = new ConcurrentHashMap<>();

  private record Exclusion(Predicate<PeerInfo> outsider, long since) {}

  /** @param capacity how many peers a session's room holds (two for a 1:1 lesson) */
  public RoomRegistry(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("room capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /**
   * Adds a peer to the session's room. A peer of the same user already there is replaced: it
   * is closed with {@link CloseCode#REPLACED} and the others see it leave. On success the new
   * peer is sent {@code session-joined} first, then the others {@code user-joined}, all under
   * the room's lock, so nobody can message the new peer before its acknowledgement.
   */
  public JoinResult join(String sessionId, String userId, String name, String role,
      PeerSink sink, String ref, List<IceServer> iceServers) {
    while (true) {
      Room room = rooms.computeIfAbsent(sessionId, Room::new);
      synchronized (room) {
        if (rooms.get(sessionId) != room) {
          continue; // forgotten while we waited for its lock; take the new one
        }
        if (ended.containsKey(sessionId)) {
          forgetIfEmpty(room);
          return new JoinResult.Refused(ErrorCode.SESSION_ENDED, "the session has ended");
        }
        PeerInfo info = new PeerInfo(newPeerId(), userId, name, role);
        if (isExcluded(sessionId, info)) {
          forgetIfEmpty(room);
          return new JoinResult.Refused(ErrorCode.FORBIDDEN,
              "only the booking's student or tutor may join");
        }
        for (Peer existing : room.peers()) {
          if (existing.info().userId().equals(userId)) {
            room.remove(existing);
            broadcast(room, new ServerMessage.UserLeft(existing.peerId(), userId,
                existing.info().name(), existing.info().role()), null);
            existing.sink().close(CloseCode.REPLACED);
          }
        }
        if (room.peers().size() >= capacity) {
          forgetIfEmpty(room);
          return new JoinResult.Refused(ErrorCode.ROOM_FULL,
              "the session already has " + capacity + " participants");
        }
        Peer peer = new Peer(sessionId, info, sink);
        List<PeerInfo> others = new ArrayList<>(room.peers().size());
        for (Peer other : room.peers()) {
          others.add(other.info());
        }
        // In the room before anyone hears of it: a client acts on these messages at once, and
        // what it sets off (its partner's join looking for its loop, a question about who is
        // in) must find it there. Messages relayed to it meanwhile come as tasks on its own
        // loop, where this runs, so they still follow its session-joined.
        room.add(peer);
        try {
          sink.send(new ServerMessage.SessionJoined(ref, sessionId, peer.peerId(),
              List.copyOf(others), iceServers));
          broadcast(room, ServerMessage.UserJoined.of(peer.info()), peer);
        } catch (RuntimeException e) {
          room.remove(peer); // the caller never got the peer, so nobody else would remove it
          forgetIfEmpty(room);
          throw e;
        }
        return new JoinResult.Joined(peer);
      }
    }
  }

  /** Removes the peer (idempotent); the others see it leave; an empty room is forgotten. */
  public void leave(Peer peer) {
    Room room = rooms.get(peer.sessionId());
    if (room == null) {
      return;
    }
    synchronized (room) {
      if (room.remove(peer)) {
        broadcast(room, ServerMessage.UserLeft.of(peer.info()), null);
      }
      forgetIfEmpty(room);
    }
  }

  /**
   * Sends a message from a peer to the peer named {@code to}, or to every other peer when
   * {@code to} is null. Returns null when sent, or the error code: NOT_JOINED when the sender
   * is no longer in its room (replaced, or the session ended), PEER_NOT_FOUND for an unknown
   * target.
   */
  public ErrorCode relay(Peer from, String to, ServerMessage message) {
    Room room = rooms.get(from.sessionId());
    if (room == null || !room.peers().contains(from)) {
      return ErrorCode.NOT_JOINED;
    }
    if (to == null) {
      broadcast(room, message, from);
      return null;
    }
    Peer target = room.find(to);
    if (target == null || target == from) {
      return ErrorCode.PEER_NOT_FOUND;
    }
    target.sink().send(message);
    return null;
  }

  /**
   * Ends a session: later joins are refused, every peer is sent {@code session-ended} and closed
   * with {@link CloseCode#SESSION_ENDED}, and the room is forgotten.
   */
  public void endSession(String sessionId, String reason) {
    long now = System.nanoTime();
    ended.put(sessionId, now);
    ended.values().removeIf(at -> now - at > ENDED_MEMORY_NANOS);
    Room room = rooms.get(sessionId);
    if (room == null) {
      return;
    }
    synchronized (room) {
      for (Peer peer : room.peers()) {
        peer.sink().send(new ServerMessage.SessionEnded(reason));
        peer.sink().close(CloseCode.SESSION_ENDED);
        room.remove(peer);
      }
      forgetIfEmpty(room);
    }
  }

  /**
   * Takes out of a session's room the peers {@code outsider} picks: each is sent {@code notice}
   * and closed with {@code code}, and the others see it leave. For a while its joins are
   * refused too, as a look-up read before the change may still admit it. For a booking whose
   * student or tutor changed; the latest call for a session decides.
   */
  public void exclude(String sessionId, Predicate<PeerInfo> outsider, ServerMessage notice,
      CloseCode code) {
    long now = System.nanoTime();
    excluded.put(sessionId, new Exclusion(outsider, now));
    excluded.values().removeIf(old -> now - old.since() > EXCLUSION_MEMORY_NANOS);
    Room room = rooms.get(sessionId);
    if (room == null) {
      return;
    }
    synchronized (room) {
      for (Peer peer : room.peers()) {
        if (outsider.test(peer.info()) && room.remove(peer)) {
          peer.sink().send(notice);
          peer.sink().close(code);
          broadcast(room, ServerMessage.UserLeft.of(peer.info()), null);
        }
      }
      forgetIfEmpty(room);
    }
  }

  private boolean isExcluded(String sessionId, PeerInfo info) {
    Exclusion exclusion = excluded.get(sessionId);
    return exclusion != null && System.nanoTime() - exclusion.since() <= EXCLUSION_MEMORY_NANOS
        && exclusion.outsider().test(info);
  }

  /** Rooms with at least one peer. */
  public int roomCount() {
    return rooms.size();
  }

  /** The peers of a session's room, oldest first (empty if none). */
  public List<PeerInfo> peersOf(String sessionId) {
    Room room = rooms.get(sessionId);
    if (room == null) {
      return List.of();
    }
    return room.peers().stream().map(Peer::info).toList();
  }

  /**
   * Where the peers of a session's room can be reached, oldest first (empty if none): for
   * transports that place a joining peer near its partner.
   */
  public List<PeerSink> sinksOf(String sessionId) {
    Room room = rooms.get(sessionId);
    return room == null ? List.of() : sinks(room);
  }

  /**
   * Visits where the peers of every live room can be reached, oldest first: for transports
   * that spread rooms over threads. Rooms opened or closed meanwhile may be missed or seen.
   */
  public void forEachRoom(Consumer<List<PeerSink>> visitor) {
    for (Room room : rooms.values()) {
      List<PeerSink> sinks = sinks(room);
      if (!sinks.isEmpty()) {
        visitor.accept(sinks);
      }
    }
  }

  private static List<PeerSink> sinks(Room room) {
    return room.peers().stream().map(Peer::sink).toList();
  }

  public int capacity() {
    return capacity;
  }

  private static void broadcast(Room room, ServerMessage message, Peer except) {
    for (Peer peer : room.peers()) {
      if (peer != except) {
        peer.sink().send(message);
      }
    }
  }

  private void forgetIfEmpty(Room room) {
    if (room.peers().isEmpty()) {
      rooms.remove(room.sessionId, room);
    }
  }

  /** 72 random bits: unguessable within a session, short in every relayed message. */
  private static String newPeerId() {
    byte[] bytes = new byte[9];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
