package com.tutorme.video.server;

import com.tutorme.video.server.http.HttpApiHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;

/** Builds each connection's pipeline: HTTP codec, bounded aggregation, the API handler. */
final class ServerChannelInitializer extends ChannelInitializer<SocketChannel> {
  static final String HTTP_CODEC = "http-codec";
  static final String AGGREGATOR = "aggregator";
  static final String API = "api";

  /** Request line (method, path, query) bound: a longer URI is refused. */
  static final int MAX_INITIAL_LINE = 8 * 1024;
  /** All header lines together. */
  static final int MAX_HEADER_SIZE = 16 * 1024;
  /** Request bodies are small JSON documents; a booking is a few hundred bytes. */
  static final int MAX_BODY_SIZE = 64 * 1024;

  private final ChannelGroup channels;
  private final HttpApiHandler api;

  ServerChannelInitializer(ChannelGroup channels, HttpApiHandler api) {
    this.channels = channels;
    this.api = api;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channels.add(channel); // so shutdown can close every open connection
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(HTTP_CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192));
    pipeline.addLast(AGGREGATOR, new HttpObjectAggregator(MAX_BODY_SIZE));
    pipeline.addLast(API, api);
  }
}
