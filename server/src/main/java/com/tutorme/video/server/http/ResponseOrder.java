package com.tutorme.video.server.http;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a connection's responses in the order of its requests. HTTP/1.1 lets a client send
 * requests without waiting for the answers (pipelining) and pairs the answers with them by
 * order alone (RFC 9112, 9.3.2): a request answered from memory must not overtake one that
 * waits on the database, nor a {@code Connection: close} end the connection before the
 * answers ahead of it are out. Touched only on the connection's event loop.
 *
 * <p>Only the answers of {@link HttpApiHandler} take turns. The refusals written before a
 * request reaches it (an oversized body's or an unmet Expect's, a timed-out request's, a CORS
 * preflight's) go out at once; behind a pipelined request still waiting, such a refusal could
 * overtake it, or close the connection first. Left so: pipelining clients are rare, and
 * pipelining such requests rarer.
 */
final class ResponseOrder {
  private static final Logger log = LoggerFactory.getLogger(ResponseOrder.class);
  private static final AttributeKey<ResponseOrder> KEY =
      AttributeKey.valueOf("tutorme.responseOrder");

  private final ArrayDeque<Turn> line = new ArrayDeque<>();

  /** The connection's order; made on its first request. On the connection's loop. */
  static ResponseOrder of(Channel channel) {
    ResponseOrder order = channel.attr(KEY).get();
    if (order == null) {
      order = new ResponseOrder();
      channel.attr(KEY).set(order);
    }
    return order;
  }

  /** A place in line for the request just read. On the connection's loop. */
  Turn next() {
    Turn turn = new Turn();
    line.add(turn);
    return turn;
  }

  /** One request's place in line. */
  final class Turn {
    private Runnable answer;

    /**
     * Runs {@code answer} (writes the response) once every earlier one has run: at once when
     * this is the first in line, as nearly always. From any thread.
     */
    void ready(EventExecutor loop, Runnable answer) {
      if (!loop.inEventLoop()) {
        loop.execute(() -> ready(loop, answer));
        return;
      }
      this.answer = answer;
      while (!line.isEmpty() && line.peek().answer != null) {
        try {
          line.poll().answer.run();
        } catch (RuntimeException e) { // the answers behind it must still go out
          log.warn("writing a response failed", e);
        }
      }
    }
  }
}
