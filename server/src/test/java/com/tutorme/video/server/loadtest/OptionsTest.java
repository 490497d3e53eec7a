package com.tutorme.video.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.auth.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's flags: bounded, checked together, and none taken and then ignored. */
class OptionsTest {

  @Test
  void flagsAreBoundedAndUnknownOnesRefused() {
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--pairs", "0"}))
        .hasMessageContaining("--pairs must be 1..5000");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--seconds", "9999"}))
        .hasMessageContaining("--seconds must be 1..600");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--turbo", "1"}))
        .hasMessageContaining("unknown flag --turbo");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--runs", "11"}))
        .isInstanceOf(Options.UsageException.class);
    assertThat(Options.parse(new String[] {"relay", "--runs", "3"}).runs()).isEqualTo(3);
    assertThat(Options.parse(new String[] {"ramp", "--bare", "--runs", "2"}).bare()).isTrue();
    assertThat(Options.parse(new String[] {"relay"}).bare()).isFalse();
    assertThatThrownBy(() -> Options.parse(new String[] {"join-storm", "--bare"}))
        .hasMessage("--bare does not apply to join-storm (only to ramp, relay)");
    assertThatThrownBy(() -> Options.parse(new String[] {"join-storm", "--lead-in", "0"}))
        .hasMessage("--lead-in does not apply to join-storm (only to ramp, relay); join-storm"
            + " has --lead-in-storms");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--lead-in-storms", "2"}))
        .hasMessage("--lead-in-storms does not apply to relay (only to join-storm)");
    assertThat(Options.parse(new String[] {"join-storm"}).leadInStorms()).isEqualTo(10);
    assertThat(Options.parse(new String[] {"ramp", "--timeline", "5"}).timelineSeconds())
        .isEqualTo(5);
    assertThat(Options.parse(new String[] {"relay"}).timelineSeconds()).isZero();
    assertThatThrownBy(() -> Options.parse(new String[] {"idle", "--timeline", "1"}))
        .hasMessage("--timeline does not apply to idle (only to ramp, relay)");
    assertThatThrownBy(() -> Options.parse(new String[] {"stampede"}))
        .hasMessageContaining("unknown scenario");
    assertThat(Options.parse(new String[] {"relay"}).pairs()).isEqualTo(500);
    assertThat(Options.parse(new String[] {"relay"}).loops()).isEqualTo(2);
    assertThat(Options.parse(new String[] {"join-storm", "--loops", "8"}).loops()).isEqualTo(8);
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--loops", "0"}))
        .hasMessage("--loops must be 1..8");
    assertThat(Options.parse(new String[] {"relay", "--server", "http://localhost:9/"}).server())
        .isEqualTo("http://localhost:9");
    assertThat(Options.parse(new String[] {"relay", "--server", "http://localhost"}).server())
        .isEqualTo("http://localhost:80");
    assertThat(Options.parse(new String[] {"relay", "--server", "HTTP://h:08080"}).server())
        .isEqualTo("http://h:8080");
    assertThat(Options.parse(new String[] {"relay", "--server", "http://h:"}).server())
        .isEqualTo("http://h:80");
    assertThat(Options.parse(new String[] {"relay", "--server", "http://[::1]:1"}).server())
        .isEqualTo("http://[::1]:1");
    for (String bad : List.of("localhost:8080", "ws://h:1", "https://h:1", "http://h:1/api",
        "http://h:1?x=1", "http://", "http://h: 1", "http://h:0", "http://h:65536",
        "http://u@h:1")) {
      assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--server", bad}))
          .as(bad).hasMessage("--server must be http://host[:port], got '" + bad + "'");
    }
    assertThat(Options.parse(new String[] {"idle"}).connections()).isEqualTo(5000);
    assertThat(Options.parse(new String[] {"join-storm"}).connections()).isEqualTo(2000);
  }

  @Test
  void flagsAScenarioWouldIgnoreAreRefused() {
    for (String[] args : List.of(new String[] {"idle", "--pairs", "5"},
        new String[] {"join-storm", "--seconds", "5"},
        new String[] {"join-storm", "--rate", "5"},
        new String[] {"idle", "--message-bytes", "300"},
        new String[] {"relay", "--connections", "10"},
        new String[] {"relay", "--max-rate", "10"})) {
      assertThatThrownBy(() -> Options.parse(args)).as(String.join(" ", args))
          .hasMessageStartingWith(args[1] + " does not apply to " + args[0] + " (only to ");
    }
    assertThat(Options.parse(new String[] {"relay", "--concurrency", "7"}).concurrency())
        .isEqualTo(7);
    assertThat(Options.parse(new String[] {"idle", "--seconds", "3"}).seconds()).isEqualTo(3);
  }

  @Test
  void helpIsAskedForAnywhereAndAScenarioIsNeeded() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"-h"},
        new String[] {"relay", "-h"}, new String[] {"ramp", "--rate", "5", "--help"})) {
      assertThatThrownBy(() -> Options.parse(args)).isInstanceOf(Options.UsageException.class)
          .hasMessage(null);
    }
    assertThatThrownBy(() -> Options.parse(new String[0]))
        .hasMessage("name a scenario: relay, ramp, join-storm or idle");
    assertThat(Options.HELP).contains("--jwt-audience").contains("LOADTEST_JAVA_OPTS")
        .contains("99.9 %").contains(RelayMessage.MIN_BYTES + ".." + RelayMessage.MAX_BYTES);
  }

  @Test
  void valuesAreCheckedTogether() {
    assertThatThrownBy(() -> Options.parse(new String[] {"idle", "--connections", "11"}))
        .hasMessage("--connections must be even: connections join in pairs");
    assertThatThrownBy(() -> Options.parse(new String[] {"ramp", "--rate", "100",
        "--max-rate", "50"})).hasMessage("--max-rate must be at least --rate (100)");
    assertThatThrownBy(() -> Options.parse(new String[] {"ramp", "--rate", "1",
        "--max-rate", "1000000", "--seconds", "600"}))
        .hasMessageStartingWith("a ramp of 1000000 steps of 600 s could run 600000000 s");
    assertThat(Options.parse(new String[] {"ramp"}).maxRate()).isEqualTo(100_000);
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--pairs", "99999999999"}))
        .hasMessage("--pairs must be 1..5000");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--pairs", "12x"}))
        .hasMessage("--pairs must be a number, got '12x'");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--message-bytes",
        Integer.toString(RelayMessage.MAX_BYTES + 1)}))
        .hasMessage("--message-bytes must be " + RelayMessage.MIN_BYTES + ".."
            + RelayMessage.MAX_BYTES);
  }

  @Test
  void tokensAreMintedAsTheServerChecksThem(@TempDir Path temp) throws Exception {
    String secret = "a-secret-of-at-least-thirty-two-bytes!";
    Options options = Options.parse(new String[] {"relay", "--jwt-secret", secret,
        "--jwt-issuer", "https://auth.example", "--jwt-audience", "tutorme"});
    JWTClaimsSet claims = SignedJWT.parse(options.minter().mint(new Principal("u-1", null,
        Role.STUDENT), Duration.ofMinutes(1))).getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("https://auth.example");
    assertThat(claims.getAudience()).containsExactly("tutorme");
    assertThat(Options.parse(new String[] {"relay"}).minter()).isNull();
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--jwt-secret", "short"}))
        .isInstanceOf(Options.UsageException.class)
        .hasMessageStartingWith("--jwt-secret: an HS256 secret must be at least 32 bytes");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--jwt-audience", "x"}))
        .hasMessage("--jwt-issuer and --jwt-audience go with --jwt-secret or --jwt-private-key");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--bare", "--jwt-secret",
        secret})).hasMessage("--bare takes no token: the bare relay checks none");
    Path notAKey = Files.writeString(temp.resolve("key.pem"), "-----BEGIN RSA PRIVATE KEY-----");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--jwt-private-key",
        notAKey.toString()})).isInstanceOf(Options.UsageException.class)
        .hasMessageContaining("holds no PEM PRIVATE KEY (PKCS#8; convert another with openssl");
    KeyPairGenerator p384 = KeyPairGenerator.getInstance("EC");
    p384.initialize(new ECGenParameterSpec("secp384r1"));
    Path otherCurve = Files.writeString(temp.resolve("p384.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(p384.generateKeyPair().getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--jwt-private-key",
        otherCurve.toString()})).isInstanceOf(Options.UsageException.class)
        .hasMessage("--jwt-private-key: an EC key must be on P-256, for ES256");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--jwt-private-key",
        notAKey.toString(), "--jwt-secret", secret}))
        .hasMessage("give --jwt-secret or --jwt-private-key, not both");
  }

  @Test
  void theServersPidIsOneProcessThatExists() {
    long self = ProcessHandle.current().pid();
    assertThat(Options.parse(new String[] {"relay", "--server-pid", Long.toString(self)})
        .serverPid()).isEqualTo(self);
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--server-pid",
        self + "\n" + self})).hasMessage("--server-pid takes one process id, got '" + self + " "
            + self + "' (did pgrep find several? see --help)");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--server-pid", "0"}))
        .hasMessage("--server-pid 0: no such process");
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--server-pid", "abc"}))
        .hasMessage("--server-pid must be a process id, got 'abc'");
    long gone = ProcessHandle.allProcesses().mapToLong(ProcessHandle::pid).max().orElse(1)
        + 100_000;
    assertThatThrownBy(() -> Options.parse(new String[] {"relay", "--server-pid",
        Long.toString(gone)})).hasMessage("--server-pid " + gone + ": no such process");
  }
}
