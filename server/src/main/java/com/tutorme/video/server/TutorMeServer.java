package com.tutorme.video.server;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.protocol.ServerMessage;
import com.tutorme.video.server.auth.JwtTokenVerifier;
import com.tutorme.video.server.auth.Role;
import com.tutorme.video.server.auth.TokenMinter;
import com.tutorme.video.server.auth.TokenVerifier;
import com.tutorme.video.server.dev.DemoLesson;
import com.tutorme.video.server.dev.DevRoutes;
import com.tutorme.video.server.dev.DevTokenRoutes;
import com.tutorme.video.server.http.BookingRoutes;
import com.tutorme.video.server.http.HealthRoutes;
import com.tutorme.video.server.http.HttpApiHandler;
import com.tutorme.video.server.http.HttpAuthenticator;
import com.tutorme.video.server.http.IceRoutes;
import com.tutorme.video.server.http.MetricsRoutes;
import com.tutorme.video.server.http.Router;
import com.tutorme.video.server.http.SessionRoutes;
import com.tutorme.video.server.http.StaticFiles;
import com.tutorme.video.server.http.WebRoutes;
import com.tutorme.video.server.ice.IceServersProvider;
import com.tutorme.video.server.limit.KeyedRateLimiter;
import com.tutorme.video.server.room.RoomRegistry;
import com.tutorme.video.server.session.SessionService;
import com.tutorme.video.server.ws.SignalingHandler;
import com.tutorme.video.server.ws.LoopBalancer;
import com.tutorme.video.server.ws.SignalingStats;
import com.tutorme.video.server.ws.WebSocketGate;
import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.VideoSession;
import com.tutorme.video.storage.jdbi.Database;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running TutorMe Video server: one port for the HTTP API and signaling. This is also the
 * embedding API: another JVM backend starts one with {@link #start(ServerConfig)} and stops it
 * with {@link #close()}.
 */
public final class TutorMeServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TutorMeServer.class);

  /** Where WebSocket upgrades are accepted. */
  public static final String WEBSOCKET_PATH = "/ws";

  private final ServerConfig config;
  private final Database database;
  private final boolean ownsDatabase;
  private final BlockingExecutor blocking;
  private final EventLoopGroup bossGroup;
  private final EventLoopGroup workerGroup;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Channel serverChannel;
  private final Transport transport;
  private volatile boolean closed;

  private final SessionService sessions;
  private final JwtTokenVerifier jwtVerifier;
  private final DemoLesson demo;
  private final RoomRegistry rooms;
  private final WebSocketGate gate;
  private final SignalingStats signalingStats = new SignalingStats();
  private final LoopBalancer balancer;
  private final Future<?> balancing;

  private TutorMeServer(ServerConfig config, Database database, boolean ownsDatabase,
      TokenVerifier customVerifier) throws InterruptedException {
    TokenVerifier verifier = customVerifier;
    this.config = config;
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.blocking = new BlockingExecutor(database.maxConnections(), 1_000);
    this.transport = Transport.best();
    this.bossGroup = transport.newGroup("tutorme-accept", 1);
    this.workerGroup = transport.newGroup("tutorme-loop", config.resolvedEventLoops());
    try {
      this.jwtVerifier = verifier == null ? new JwtTokenVerifier(config.auth()) : null;
      if (verifier == null) {
        verifier = jwtVerifier;
      }
      this.sessions = new SessionService(database.bookings(), database.sessions(), blocking,
          new KeyedRateLimiter(config.sessionCreatesPerMinute() / 60.0,
              Math.min(10, config.sessionCreatesPerMinute())));
      HttpAuthenticator auth = new HttpAuthenticator(verifier);
      Router router = new Router();
      HealthRoutes.register(router,
          timeout -> blocking.submit(() -> database.isReachable(timeout)),
          () -> jwtVerifier == null || jwtVerifier.isReady());
      SessionRoutes.register(router, auth, sessions);
      BookingRoutes.register(router, auth, sessions);
      IceServersProvider iceServers = new IceServersProvider(config.ice(), Clock.systemUTC());
      IceRoutes.register(router, auth, iceServers);
      WebRoutes.register(router, new StaticFiles(StaticFiles.WEB_CLIENT));
      if (config.auth().isDevelopment()) {
        TokenMinter minter = new TokenMinter(config.auth(), Clock.systemUTC());
        this.demo = DemoLesson.seed(sessions, minter, Clock.systemUTC());
        DevRoutes.register(router, demo, this::port);
        DevTokenRoutes.register(router, minter);
      } else {
        this.demo = null;
      }
      HttpApiHandler api = new HttpApiHandler(router, WEBSOCKET_PATH);
      this.rooms = new RoomRegistry(config.signaling().roomCapacity());
      sessions.addSessionEndListener((session, reason) -> rooms.endSession(session.id(),
          reason.wireName()));
      sessions.addBookingChangeListener((session, booking) -> dropNonParticipants(session, booking));
      TokenVerifier wsVerifier = verifier;
      // With one loop there is nothing to balance.
      this.balancer = config.signaling().balancesLoops() && config.resolvedEventLoops() > 1
          ? new LoopBalancer(workerGroup, rooms, signalingStats,
              config.signaling().messagesPerLoop())
          : null;
      this.gate = new WebSocketGate(WEBSOCKET_PATH, config.allowedOrigins(),
          wsVerifier, config.signaling(), ServerChannelInitializer.HTTP_ONLY,
          SignalingHandler.factory(sessions, rooms, iceServers, config.signaling(),
              signalingStats, balancer));
      ServerMetrics metrics = new ServerMetrics(rooms, gate, signalingStats, blocking);
      MetricsRoutes.register(router, metrics::scrape);
      ChannelFuture bound = new ServerBootstrap()
          .group(bossGroup, workerGroup)
          .channel(transport.serverChannelType())
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true) // signaling is latency-bound, not bulk
          // A peer more than 1 MiB behind has stopped reading: its next message closes it.
          .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
              new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
          .childHandler(new ServerChannelInitializer(channels, config, api, gate))
          .bind(config.host(), config.port())
          .await();
      // Not sync(): it rethrows the native transport's checked bind failure unannounced,
      // past the clean-up below and past Main's handling of it.
      if (!bound.isSuccess()) {
        throw new ListenException(config.host(), config.port(), bound.cause());
      }
      this.serverChannel = bound.channel();
      // On the accepting loop, which has little else to do; a tick that failed is logged and
      // the next one runs (a task that throws would stop the schedule).
      this.balancing = balancer == null ? null : bossGroup.next().scheduleAtFixedRate(() -> {
        try {
          balancer.tick();
        } catch (RuntimeException e) {
          log.warn("balancing sessions over the event loops failed", e);
        }
      }, 1, 1, TimeUnit.SECONDS);
    } catch (RuntimeException | InterruptedException e) {
      shutdownLoops();
      blocking.close();
      throw e;
    }
  }

  /**
   * Whoever is in the lesson's room but no longer its booking's student or tutor (a reassigned
   * booking) leaves it: told why, and closed so that it does not reconnect. Admins and the
   * booking backend (service) stay.
   */
  private void dropNonParticipants(VideoSession session, Booking booking) {
    rooms.exclude(session.id(),
        peer -> !Role.isPrivileged(peer.role()) && !booking.isParticipant(peer.userId()),
        new ServerMessage.Error(ErrorCode.FORBIDDEN,
            "you are no longer the student or tutor of this booking", null),
        CloseCode.NOT_A_PARTICIPANT);
  }

  /** The live rooms, for embedders that want to watch presence. */
  public RoomRegistry rooms() {
    return rooms;
  }

  /** How many event loops carry sessions now: all of them when loop balancing is off. */
  public int eventLoopsInUse() {
    return balancer == null ? eventLoops() : balancer.loopsInUse();
  }

  /** Counters of the signaling edge. */
  public SignalingStats signalingStats() {
    return signalingStats;
  }

  /** The demo lesson when running in development mode. */
  public Optional<DemoLesson> demoLesson() {
    return Optional.ofNullable(demo);
  }

  /**
   * Opens the configured database (migrating it), binds the port and starts serving. The
   * database is closed with the server.
   *
   * @throws com.tutorme.video.storage.DatabaseUnavailableException if the database cannot be
   *     reached
   * @throws com.tutorme.video.storage.SchemaMigrationException if its schema cannot be migrated
   * @throws ListenException if the port is taken or the host is not an address to listen on
   */
  public static TutorMeServer start(ServerConfig config) throws InterruptedException {
    return builder(config).start();
  }

  /** For embedders and tests that bring their own database or token verifier. */
  public static Builder builder(ServerConfig config) {
    return new Builder(config);
  }

  /** Options beyond the configuration, for embedding. */
  public static final class Builder {
    private final ServerConfig config;
    private Database database;
    private TokenVerifier verifier;

    private Builder(ServerConfig config) {
      this.config = config;
    }

    /** Serve from a database the caller opened and will close. */
    public Builder database(Database database) {
      this.database = database;
      return this;
    }

    /** Authenticate callers with this verifier instead of the configured JWT settings. */
    public Builder tokenVerifier(TokenVerifier verifier) {
      this.verifier = verifier;
      return this;
    }

    public TutorMeServer start() throws InterruptedException {
      if (database != null) {
        return new TutorMeServer(config, database, false, verifier);
      }
      Database opened = Database.open(config.database());
      try {
        return new TutorMeServer(config, opened, true, verifier);
      } catch (RuntimeException | InterruptedException e) {
        opened.close();
        throw e;
      }
    }
  }

  /** The port actually bound, which differs from the configured one when that was 0. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  /** How many event loops serve connections. */
  public int eventLoops() {
    return ((MultiThreadIoEventLoopGroup) workerGroup).executorCount();
  }

  public ServerConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  /**
   * Sessions and booking intake, for an embedding backend: the same operations, rules and
   * live-room notifications as the HTTP API.
   */
  public SessionService sessions() {
    return sessions;
  }

  String transportName() {
    return transport.name();
  }

  /**
   * Stops accepting, tells every WebSocket it is going away, lets in-flight requests finish and
   * answers them (for up to 5 s), closes every connection, and closes the pool if this server
   * opened it. Safe to call more than once.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    if (balancing != null) {
      balancing.cancel(false); // no connection starts a move from now on
    }
    // Joined or not, each WebSocket is told why (its frame queued before the close below).
    gate.closeAll(channels, CloseCode.GOING_AWAY);
    // Requests in flight finish, for up to 5 s, and are answered before their connections
    // close: closed at once, a booking written was never confirmed to its sender. Requests
    // arriving meanwhile are answered 503.
    blocking.close();
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    shutdownLoops();
    if (jwtVerifier != null) {
      jwtVerifier.close();
    }
    if (ownsDatabase) {
      database.close();
    }
    log.info("stopped");
  }

  private void shutdownLoops() {
    // No quiet period: the channels are already closed, nothing more will arrive.
    bossGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
    workerGroup.shutdownGracefully(0, 5, TimeUnit.SECONDS)
        .awaitUninterruptibly(6, TimeUnit.SECONDS);
  }
}
