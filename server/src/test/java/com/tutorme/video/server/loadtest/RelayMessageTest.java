package com.tutorme.video.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tutorme.video.protocol.ClientMessage;
import com.tutorme.video.protocol.Limits;
import com.tutorme.video.protocol.SignalingCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RelayMessageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theSendTimeSurvivesTheServersStampAndTheMessageIsValidJsonOfTheAskedSize()
      throws Exception {
    RelayMessage message = new RelayMessage(300);
    ByteBuf sent = message.encode(ByteBufAllocator.DEFAULT, 123_456_789_012_345L);
    try {
      String text = sent.toString(StandardCharsets.UTF_8);
      ObjectNode parsed = (ObjectNode) JSON.readTree(text);
      assertThat(parsed.get("type").asText()).isEqualTo("ice-candidate");
      assertThat(parsed.at("/candidate/candidate").asText()).endsWith(" ts=123456789012345");
      assertThat(text.length()).isEqualTo(300);

      parsed.putObject("from").put("peerId", "p1").put("name", "no ts=9 here");
      ByteBuf relayed = Unpooled.copiedBuffer(parsed.toString(), StandardCharsets.UTF_8);
      assertThat(RelayMessage.sentAtNanos(relayed)).isEqualTo(123_456_789_012_345L);
      assertThat(relayed.readerIndex()).isZero();
    } finally {
      sent.release();
    }
  }

  @Test
  void theLargestMessageWithTheLongestTimeIsOneTheProtocolTakes() {
    ByteBuf largest = new RelayMessage(RelayMessage.MAX_BYTES)
        .encode(ByteBufAllocator.DEFAULT, Long.MAX_VALUE);
    try {
      String text = largest.toString(StandardCharsets.UTF_8);
      ClientMessage.IceCandidate decoded = (ClientMessage.IceCandidate) SignalingCodec.decode(text);
      assertThat(decoded.candidate().candidate()).hasSize(Limits.MAX_CANDIDATE_CHARS);
    } finally {
      largest.release();
    }
    ByteBuf smallest = new RelayMessage(RelayMessage.MIN_BYTES)
        .encode(ByteBufAllocator.DEFAULT, 123_456_789_012_345L);
    assertThat(smallest.readableBytes()).isEqualTo(RelayMessage.MIN_BYTES);
    smallest.release();
  }

  @Test
  void otherFramesCarryNoSendTime() {
    assertThat(RelayMessage.sentAtNanos(utf8("{\"type\":\"user-left\",\"name\":\" ts=5\"}")))
        .isEqualTo(-1);
    assertThat(RelayMessage.sentAtNanos(utf8("{\"type\":\"ice-candidate\",\"candidate\":null}")))
        .isEqualTo(-1);
    assertThat(RelayMessage.sentAtNanos(utf8("{\"type\":\"ice-candidate\",\"x\":\" ts=\"}")))
        .isEqualTo(-1);
    assertThat(RelayMessage.sentAtNanos(utf8(""))).isEqualTo(-1);
  }

  private static ByteBuf utf8(String text) {
    return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
  }
}
