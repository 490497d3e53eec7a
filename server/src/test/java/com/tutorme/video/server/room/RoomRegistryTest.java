package com.tutorme.video.server.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.protocol.ServerMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Room logic with fake sinks: presence order, replacement, capacity, relay and end. */
class RoomRegistryTest {

  /** Records what a peer was sent and how it was closed. */
  static class FakeSink implements PeerSink {
    final List<ServerMessage> sent = new ArrayList<>();
    CloseCode closed;

    @Override
    public void send(ServerMessage message) {
      sent.add(message);
    }

    @Override
    public void close(CloseCode code) {
      closed = code;
    }

    List<String> types() {
      return sent.stream().map(m -> m.getClass().getSimpleName()).toList();
    }
  }

  final RoomRegistry rooms = new RoomRegistry(2);

  Peer join(String user, FakeSink sink) {
    JoinResult result = rooms.join("s1", user, user, "student", sink, null, List.of());
    return ((JoinResult.Joined) result).peer();
  }

  @Test
  void theSecondPeerIsAcknowledgedWithTheFirstAndTheFirstHearsOfIt() {
    FakeSink a = new FakeSink();
    FakeSink b = new FakeSink();
    Peer first = join("a", a);
    join("b", b);

    assertThat(a.types()).containsExactly("SessionJoined", "UserJoined");
    ServerMessage.SessionJoined ack = (ServerMessage.SessionJoined) b.sent.get(0);
    assertThat(ack.peers()).containsExactly(first.info());
  }

  @Test
  void aPeerIsInTheRoomBeforeAnyoneIsToldOfIt() {
    List<String> inRoomWhenTold = new ArrayList<>();
    FakeSink a = new FakeSink() {
      @Override
      public void send(ServerMessage message) {
        super.send(message);
        inRoomWhenTold.add(message.getClass().getSimpleName() + ":" + rooms.peersOf("s1").size());
      }
    };
    FakeSink b = new FakeSink() {
      @Override
      public void send(ServerMessage message) {
        super.send(message);
        inRoomWhenTold.add(message.getClass().getSimpleName() + ":" + rooms.sinksOf("s1").size());
      }
    };
    join("a", a);
    join("b", b);

    // Each told of a join only once the room lists the joiner.
    assertThat(inRoomWhenTold).containsExactly("SessionJoined:1", "SessionJoined:2",
        "UserJoined:2");
  }

  @Test
  void aJoinWhoseAnswerCannotBeSentLeavesNoGhostInTheRoom() {
    FakeSink broken = new FakeSink() {
      @Override
      public void send(ServerMessage message) {
        throw new IllegalStateException("encoding failed");
      }
    };
    try {
      join("a", broken);
    } catch (IllegalStateException expected) {
      // the caller sees the failure
    }

    assertThat(rooms.peersOf("s1")).isEmpty();
    assertThat(rooms.roomCount()).isZero();
  }

  @Test
  void aThirdPeerIsRefusedButTheSameUserReplacesItsOldConnection() {
    FakeSink a = new FakeSink();
    FakeSink b = new FakeSink();
    join("a", a);
    Peer oldB = join("b", b);

    JoinResult third = rooms.join("s1", "c", "c", "student", new FakeSink(), "r", List.of());
    FakeSink newB = new FakeSink();
    Peer replacement = join("b", newB);

    assertThat(third).isEqualTo(new JoinResult.Refused(ErrorCode.ROOM_FULL,
        "the session already has 2 participants"));
    assertThat(b.closed).isEqualTo(CloseCode.REPLACED);
    assertThat(a.types()).containsExactly("SessionJoined", "UserJoined", "UserLeft",
        "UserJoined");
    assertThat(rooms.relay(oldB, null, new ServerMessage.Chat("x", oldB.sender(), "t")))
        .isEqualTo(ErrorCode.NOT_JOINED);
    assertThat(rooms.peersOf("s1")).extracting(info -> info.peerId())
        .contains(replacement.peerId());
  }

  @Test
  void relayGoesToTheNamedPeerOrToEveryOtherButNeverBack() {
    FakeSink a = new FakeSink();
    FakeSink b = new FakeSink();
    Peer first = join("a", a);
    Peer second = join("b", b);

    assertThat(rooms.relay(first, null, new ServerMessage.Chat("hi", first.sender(), "t")))
        .isNull();
    assertThat(rooms.relay(second, first.peerId(), new ServerMessage.Answer("v", null)))
        .isNull();
    assertThat(rooms.relay(first, "nobody", new ServerMessage.Offer("v", null)))
        .isEqualTo(ErrorCode.PEER_NOT_FOUND);
    assertThat(rooms.relay(first, first.peerId(), new ServerMessage.Offer("v", null)))
        .isEqualTo(ErrorCode.PEER_NOT_FOUND);

    assertThat(b.types()).containsExactly("SessionJoined", "Chat");
    assertThat(a.types()).containsExactly("SessionJoined", "UserJoined", "Answer");
  }

  @Test
  void leavingForgetsAnEmptyRoom() {
    FakeSink a = new FakeSink();
    FakeSink b = new FakeSink();
    Peer first = join("a", a);
    Peer second = join("b", b);

    rooms.leave(first);
    rooms.leave(first);
    assertThat(b.types()).containsExactly("SessionJoined", "UserLeft");
    rooms.leave(second);
    assertThat(rooms.roomCount()).isZero();
  }

  @Test
  void endingTellsEveryPeerClosesThemAndRefusesLaterJoins() {
    FakeSink a = new FakeSink();
    join("a", a);

    rooms.endSession("s1", "ended");
    JoinResult late = rooms.join("s1", "b", "b", "tutor", new FakeSink(), null, List.of());

    assertThat(a.sent.get(a.sent.size() - 1)).isEqualTo(new ServerMessage.SessionEnded("ended"));
    assertThat(a.closed).isEqualTo(CloseCode.SESSION_ENDED);
    assertThat(late).isInstanceOf(JoinResult.Refused.class);
    assertThat(((JoinResult.Refused) late).code()).isEqualTo(ErrorCode.SESSION_ENDED);
    assertThat(rooms.roomCount()).isZero();
  }

  @Test
  void excludingTakesOutWhomItPicksTellsThePartnerAndRefusesTheirJoin() {
    FakeSink former = new FakeSink();
    FakeSink tutor = new FakeSink();
    join("former", former);
    join("tutor", tutor);
    ServerMessage.Error notice = new ServerMessage.Error(ErrorCode.FORBIDDEN, "gone", null);

    rooms.exclude("s1", peer -> peer.userId().equals("former"), notice,
        CloseCode.NOT_A_PARTICIPANT);
    // A join whose look-up was read before the booking changed still comes: refused.
    JoinResult again = rooms.join("s1", "former", "former", "student", new FakeSink(), null,
        List.of());
    JoinResult newcomer = rooms.join("s1", "new", "new", "student", new FakeSink(), null,
        List.of());

    assertThat(former.sent.get(former.sent.size() - 1)).isEqualTo(notice);
    assertThat(former.closed).isEqualTo(CloseCode.NOT_A_PARTICIPANT);
    assertThat(tutor.types()).containsExactly("SessionJoined", "UserLeft", "UserJoined");
    assertThat(tutor.closed).isNull();
    assertThat(((JoinResult.Refused) again).code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(newcomer).isInstanceOf(JoinResult.Joined.class);
  }

  @Test
  void theLatestExclusionOfASessionDecides() {
    rooms.exclude("s1", peer -> peer.userId().equals("a"), null, CloseCode.NOT_A_PARTICIPANT);
    rooms.exclude("s1", peer -> peer.userId().equals("b"), null, CloseCode.NOT_A_PARTICIPANT);

    assertThat(rooms.join("s1", "a", "a", "student", new FakeSink(), null, List.of()))
        .isInstanceOf(JoinResult.Joined.class);
    assertThat(rooms.join("s1", "b", "b", "tutor", new FakeSink(), null, List.of()))
        .isInstanceOf(JoinResult.Refused.class);
  }
}
