package com.tutorme.video.server;

import com.tutorme.video.server.http.HealthRoutes;
import com.tutorme.video.server.http.HttpApiHandler;
import com.tutorme.video.server.http.Router;
import com.tutorme.video.storage.jdbi.Database;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
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

  private TutorMeServer(ServerConfig config, Database database, boolean ownsDatabase)
      throws InterruptedException {
    this.config = config;
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.blocking = new BlockingExecutor(database.maxConnections(), 1_000);
    this.transport = Transport.best();
    this.bossGroup = transport.newGroup(1);
    this.workerGroup = transport.newGroup(0); // Netty's default: two loops per core
    try {
      Router router = new Router();
      HealthRoutes.register(router,
          timeout -> blocking.submit(() -> database.isReachable(timeout)));
      HttpApiHandler api = new HttpApiHandler(router, WEBSOCKET_PATH);
      this.serverChannel = new ServerBootstrap()
          .group(bossGroup, workerGroup)
          .channel(transport.serverChannelType())
          .option(ChannelOption.SO_BACKLOG, 1024)
          .childOption(ChannelOption.TCP_NODELAY, true) // signaling is latency-bound, not bulk
          .childHandler(new ServerChannelInitializer(channels, api))
          .bind(config.host(), config.port())
          .sync()
          .channel();
    } catch (RuntimeException | InterruptedException e) {
      shutdownLoops();
      blocking.close();
      throw e;
    }
  }

  /**
   * Opens the configured database (migrating it), binds the port and starts serving. The
   * database is closed with the server.
   *
   * @throws com.tutorme.video.storage.DatabaseUnavailableException if the database cannot be
   *     reached or migrated
   */
  public static TutorMeServer start(ServerConfig config) throws InterruptedException {
    Database database = Database.open(config.database());
    try {
      return new TutorMeServer(config, database, true);
    } catch (RuntimeException | InterruptedException e) {
      database.close();
      throw e;
    }
  }

  /** Starts serving on a database the caller opened and will close. */
  public static TutorMeServer start(ServerConfig config, Database database)
      throws InterruptedException {
    return new TutorMeServer(config, database, false);
  }

  /** The port actually bound, which differs from the configured one when that was 0. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  public ServerConfig config() {
    return config;
  }

  public Database database() {
    return database;
  }

  String transportName() {
    return transport.name();
  }

  /**
   * Stops accepting, closes every open connection, lets in-flight database work finish, and
   * closes the pool if this server opened it. Safe to call more than once.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    shutdownLoops();
    blocking.close();
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
