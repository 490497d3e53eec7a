package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.ClientMessage;
import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.protocol.Limits;
import com.tutorme.video.protocol.ProtocolException;
import com.tutorme.video.protocol.ServerMessage;
import com.tutorme.video.protocol.SignalingCodec;
import com.tutorme.video.protocol.Utf8;
import com.tutorme.video.server.ConnectionErrors;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.ice.IceServersProvider;
import com.tutorme.video.server.room.JoinResult;
import com.tutorme.video.server.room.Peer;
import com.tutorme.video.server.room.RoomRegistry;
import com.tutorme.video.server.session.SessionService;
import com.tutorme.video.storage.DatabaseUnavailableException;
import com.tutorme.video.storage.SessionAccess;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated signaling connection: reads client messages, answers joins (one database
 * read, off the event loop), relays negotiation through the room with the sender stamped, and
 * leaves the room when the connection goes. It also answers the WebSocket's pings and closing
 * handshake, so a frame passes no stage of its own for them. Its state is touched only on its
 * event loop.
 */
public final class SignalingHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(SignalingHandler.class);

  private final Principal principal;
  private final SessionService sessions;
  private final RoomRegistry rooms;
  private final IceServersProvider ice;
  private final Closer closer;
  private final LoopAffinity affinity;
  private final SignalingStats stats;
  private final SignalingSettings settings;
  private final MessageRate rate = new MessageRate(System.nanoTime());
  private final Messages messages = new Messages();
  private Outbox outbox;
  private ChannelPeerSink sink;
  private LivenessTimer liveness;
  private ChannelHandlerContext ctx;
  private Peer peer;
  private final FragmentedText fragments = new FragmentedText();
  private boolean joining;

  private SignalingHandler(Principal principal, SessionService sessions, RoomRegistry rooms,
      IceServersProvider ice, SignalingSettings settings, Closer closer,
      LoopAffinity affinity, SignalingStats stats) {
    this.settings = settings;
    this.stats = stats;
    this.closer = closer;
    this.affinity = affinity;
    this.principal = principal;
    this.sessions = sessions;
    this.rooms = rooms;
    this.ice = ice;
  }

  /** Closes the connection for this cause; from any thread. */
  void close(CloseCode code) {
    sink.close(code);
  }

  /** The connection's liveness timer; for tests. */
  LivenessTimer liveness() {
    return liveness;
  }

  /**
   * Makes the handler of each authenticated connection; one factory per server.
   *
   * @param balancer where sessions go among the event loops; null leaves each session on the
   *     loop its first peer was accepted on
   */
  public static Function<Principal, SignalingHandler> factory(SessionService sessions,
      RoomRegistry rooms, IceServersProvider ice, SignalingSettings settings,
      SignalingStats stats, LoopBalancer balancer) {
    LoopAffinity affinity = new LoopAffinity(rooms, settings.loopAffinity(), balancer);
    Closer closer = new Closer(stats, settings.closeGraceMillis());
    return principal -> new SignalingHandler(principal, sessions, rooms, ice, settings, closer,
        affinity, stats);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    this.outbox = Outbox.attach(ctx.channel());
    this.sink = new ChannelPeerSink(ctx.channel(), outbox, closer, this);
    this.liveness = new LivenessTimer(ctx.channel(), settings, closer);
    liveness.resume();
  }

  /** Follows every read of the socket, whatever it held: a whole frame, a part, a pong. */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    liveness.inputArrived();
    ctx.fireChannelReadComplete();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    // Netty's decoder has checked the order of fragments: a continuation only follows an
    // unfinished message, and nothing else comes before its last fragment.
    if (frame instanceof TextWebSocketFrame text) {
      if (text.isFinalFragment()) {
        onText(text.content()); // nearly every message: one frame, no copy
      } else {
        fragments.begin(ctx.alloc(), 2 * text.content().readableBytes());
        addFragment(text);
      }
    } else if (frame instanceof ContinuationWebSocketFrame more && fragments.isOpen()) {
      addFragment(more);
    } else if (frame instanceof PingWebSocketFrame ping) {
      if (Closer.isClosing(ctx.channel())) {
        return;
      }
      // Pongs count toward the unread limit like any output: a client that pings without
      // reading would otherwise make the server buffer its pongs without bound.
      if (!ctx.channel().isWritable()) {
        sink.close(CloseCode.SLOW_CONSUMER);
        return;
      }
      ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
    } else if (frame instanceof CloseWebSocketFrame close) {
      closer.answer(ctx.channel(), close);
    } else if (frame instanceof BinaryWebSocketFrame) {
      sink.close(CloseCode.UNSUPPORTED_DATA);
    } // a pong: the liveness timer counted its arrival already
  }

  private void addFragment(WebSocketFrame frame) {
    if (!fragments.add(frame)) {
      sink.close(CloseCode.MESSAGE_TOO_BIG);
    } else if (frame.isFinalFragment()) {
      try {
        onText(fragments.whole());
      } finally {
        fragments.drop();
      }
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    liveness.pause();
    fragments.drop();
  }

  private void onText(ByteBuf utf8) {
    if (Closer.isClosing(ctx.channel())) {
      return; // closed for cause: nothing more it sends is acted on
    }
    int length = utf8.readableBytes();
    byte[] bytes = FrameBytes.array(utf8);
    int offset = FrameBytes.offset(utf8);
    if (!Utf8.isValid(bytes, offset, length)) { // every text message, as RFC 6455 asks
      sink.close(CloseCode.INVALID_PAYLOAD);
      return;
    }
    MessageRate.Verdict verdict = rate.next(System.nanoTime());
    if (verdict != MessageRate.Verdict.PASS) {
      if (verdict == MessageRate.Verdict.WARN) {
        reply(ErrorCode.RATE_LIMITED, "slow down: at most " + Limits.MESSAGES_PER_SECOND
            + " messages per second", null);
      } else if (verdict == MessageRate.Verdict.CLOSE) {
        sink.close(CloseCode.POLICY_VIOLATION); // it kept flooding after being told
      }
      return; // dropped
    }
    try {
      SignalingCodec.decodeUtf8(bytes, offset, length).accept(messages);
    } catch (ProtocolException e) {
      sink.send(ServerMessage.Error.of(e));
    }
  }

  private void reply(ErrorCode code, String message, String ref) {
    sink.send(new ServerMessage.Error(code, message, ref));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    gone();
    super.channelInactive(ctx);
  }

  /** The connection is closed: out of the room, timer stopped, buffers released. */
  private void gone() {
    liveness.pause();
    fragments.drop();
    if (peer != null) {
      rooms.leave(peer);
      peer = null;
    }
  }

  /**
   * Moves this connection, joined to a session, to another loop, as the {@link LoopBalancer}
   * asks; on its loop. The partner is moved by its own handler: a message between them
   * meanwhile crosses threads, or waits for the one in transit to arrive.
   */
  void moveTo(EventLoop target) {
    Channel channel = ctx.channel();
    if (peer == null || joining || channel.eventLoop() == target || !channel.isActive()
        || Closer.isClosing(channel)) {
      return;
    }
    LoopAffinity.move(channel, outbox, liveness, target, stats::movedLive, this::gone);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof CorruptedWebSocketFrameException broken) {
      // Netty's decoder found a frame it cannot read, said why, and discards what follows.
      sink.close(switch (broken.closeStatus().code()) {
        case 1009 -> CloseCode.MESSAGE_TOO_BIG;
        case 1007 -> CloseCode.INVALID_PAYLOAD;
        default -> CloseCode.PROTOCOL_ERROR;
      });
    } else if (ConnectionErrors.isPeerGone(cause)) {
      ConnectionErrors.log(ctx, cause);
      ctx.close(); // no one is left to read a close frame
    } else {
      log.warn("signaling connection failed", cause);
      sink.close(CloseCode.INTERNAL_ERROR);
    }
  }

  private void finishJoin(ClientMessage.JoinSession join, Optional<SessionAccess> found,
      Throwable failure) {
    joining = false;
    if (!ctx.channel().isActive() || Closer.isClosing(ctx.channel())) {
      return; // a closing connection joins no lesson: its partner would wait on it
    }
    if (failure != null) {
      Throwable cause = failure instanceof CompletionException && failure.getCause() != null
          ? failure.getCause() : failure;
      if (cause instanceof DatabaseUnavailableException) {
        reply(ErrorCode.DATABASE_UNAVAILABLE, "the database is unavailable; retry shortly",
            join.id());
      } else {
        log.error("join failed", cause);
        reply(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(), join.id());
      }
      return;
    }
    if (found.isEmpty()) {
      reply(ErrorCode.SESSION_NOT_FOUND, "no session has this token", join.id());
      return;
    }
    SessionAccess access = found.get();
    if (!access.session().isActive()) {
      reply(ErrorCode.SESSION_ENDED, "the session has ended", join.id());
      return;
    }
    if (!principal.isPrivileged() && !access.booking().isParticipant(principal.userId())) {
      reply(ErrorCode.FORBIDDEN, "only the booking's student or tutor may join", join.id());
      return;
    }
    EventLoop target = affinity.loopForJoin(access.session().id(), ctx.channel());
    if (target == null) {
      enterRoom(join, access);
    } else {
      joining = true; // until it has arrived; nothing is read meanwhile
      boolean moving = LoopAffinity.move(ctx.channel(), outbox, liveness, target, () -> {
        joining = false;
        stats.movedOnJoin();
        if (ctx.channel().isActive() && !Closer.isClosing(ctx.channel())) {
          enterRoom(join, access);
        }
      }, this::gone);
      if (!moving) { // the target loop is shutting down: the server is stopping
        joining = false;
        enterRoom(join, access);
      }
    }
  }

  private void enterRoom(ClientMessage.JoinSession join, SessionAccess access) {
    JoinResult result = rooms.join(access.session().id(), principal.userId(), principal.name(),
        principal.role().wireName(), sink, join.id(), ice.forUser(principal.userId()));
    if (result instanceof JoinResult.Joined joined) {
      peer = joined.peer();
    } else if (result instanceof JoinResult.Refused refused) {
      reply(refused.code(), refused.message(), join.id());
    }
  }

  private void relay(ClientMessage.Relayable message, ServerMessage outgoing) {
    if (peer == null) {
      reply(ErrorCode.NOT_JOINED, "join a session first", message.id());
      return;
    }
    ErrorCode failure = rooms.relay(peer, message.to(), outgoing);
    if (failure == null) {
      stats.relayed(); // the load the loop balancer weighs
    } else if (failure == ErrorCode.NOT_JOINED) {
      peer = null; // replaced or ended under us
      reply(failure, "this connection is no longer in the session", message.id());
    } else if (failure != null) {
      reply(failure, "no peer " + message.to() + " in this session", message.id());
    }
  }

  /** What each client message does; an unhandled new variant fails to compile here. */
  private final class Messages implements ClientMessage.Handler<Void> {
    @Override
    public Void joinSession(ClientMessage.JoinSession join) {
      if (peer != null) {
        reply(ErrorCode.ALREADY_JOINED, "leave the session before joining another", join.id());
      } else if (joining) {
        reply(ErrorCode.ALREADY_JOINED, "a join is already in progress", join.id());
      } else {
        joining = true;
        sessions.findAccessByToken(join.sessionToken()).whenComplete((found, failure) ->
            ctx.executor().execute(() -> finishJoin(join, found, failure)));
      }
      return null;
    }

    @Override
    public Void offer(ClientMessage.Offer m) {
      relay(m, peer == null ? null : new ServerMessage.Offer(m.sdp(), peer.sender()));
      return null;
    }

    @Override
    public Void answer(ClientMessage.Answer m) {
      relay(m, peer == null ? null : new ServerMessage.Answer(m.sdp(), peer.sender()));
      return null;
    }

    @Override
    public Void iceCandidate(ClientMessage.IceCandidate m) {
      relay(m, peer == null ? null
          : new ServerMessage.IceCandidate(m.candidate(), peer.sender()));
      return null;
    }

    @Override
    public Void chat(ClientMessage.Chat m) {
      relay(m, peer == null ? null
          : new ServerMessage.Chat(m.text(), peer.sender(), Instant.now().toString()));
      return null;
    }

    @Override
    public Void mediaState(ClientMessage.MediaState m) {
      relay(m, peer == null ? null : new ServerMessage.MediaState(m.audio(), m.video(),
          m.screen(), peer.sender()));
      return null;
    }

    @Override
    public Void leaveSession(ClientMessage.LeaveSession m) {
      if (peer == null && joining) { // said so: the join's answer, still to come, may be a yes
        reply(ErrorCode.NOT_JOINED, "a join is in progress; leave once it is answered", m.id());
      } else if (peer == null) {
        reply(ErrorCode.NOT_JOINED, "not in a session", m.id());
      } else {
        rooms.leave(peer);
        peer = null;
      }
      return null;
    }

    @Override
    public Void ping(ClientMessage.Ping m) {
      sink.send(new ServerMessage.Pong(m.id()));
      return null;
    }
  }
}
