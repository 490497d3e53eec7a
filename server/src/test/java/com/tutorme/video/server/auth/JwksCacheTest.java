package com.tutorme.video.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.sun.net.httpserver.HttpServer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwksCacheTest {

  /**
   * An identity provider that never answers: one chain of retries beside the periodic
   * refresh. Each failed periodic refresh used to start another, so fetches grew without end.
   */
  @Test
  void retriesDoNotPileUpWhileTheKeySetNeverLoads() throws Exception {
    AtomicInteger fetches = new AtomicInteger();
    HttpServer down = JwtTokenVerifierTest.jwksServing(new RSAKeyGenerator(2048).generate(),
        fetches, fetch -> false);
    try (JwksCache cache = new JwksCache(URI.create("http://127.0.0.1:"
        + down.getAddress().getPort() + "/jwks.json"), Duration.ofMillis(100),
        Duration.ofMillis(100))) {
      Thread.sleep(3_000); // the time over which fetches are counted, not a wait for an event

      assertThat(cache.isLoaded()).isFalse();
      // One chain and the refresh: about 60 in 3 s; piled up, ten times that. A slow machine
      // only fetches less.
      assertThat(fetches.get()).isBetween(2, 90);
    } finally {
      down.stop(0);
    }
  }
}
