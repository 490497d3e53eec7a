package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A frame built in place must be byte for byte what Netty's server-side encoder writes. */
class TextFramesTest {
  @Test
  void framesOfEveryHeaderSizeMatchNettysEncoder() {
    Random random = new Random(3);
    for (int length : new int[] {0, 1, 125, 126, 127, 300, 1023, 1024, 65535, 65536, 70_000}) {
      byte[] payload = new byte[length];
      random.nextBytes(payload);

      ByteBuf ours = TextFrames.start(ByteBufAllocator.DEFAULT, 16);
      ours.writeBytes(payload);
      byte[] built = ByteBufUtil.getBytes(TextFrames.finish(ours));
      ours.release();

      assertThat(built).as("payload of %d bytes", length).isEqualTo(nettys(payload));
    }
  }

  @Test
  void aBuiltFramePassesNettysEncoderUntouched() {
    ByteBuf frame = TextFrames.start(ByteBufAllocator.DEFAULT, 16);
    frame.writeBytes(new byte[] {'{', '}'});
    TextFrames.finish(frame);
    EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));

    channel.writeOutbound(frame);

    ByteBuf out = channel.readOutbound();
    assertThat(ByteBufUtil.getBytes(out)).containsExactly(0x81, 2, '{', '}');
    out.release();
    assertThat(channel.finish()).isFalse();
  }

  /** What Netty's encoder writes for the payload, in one or two buffers, as one array. */
  private static byte[] nettys(byte[] payload) {
    EmbeddedChannel channel = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
    channel.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      all.writeBytes(part);
      part.release();
    }
    channel.finish();
    return ByteBufUtil.getBytes(all);
  }
}
