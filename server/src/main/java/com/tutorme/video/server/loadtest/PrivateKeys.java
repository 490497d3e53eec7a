package com.tutorme.video.server.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the private key the generator signs tokens with, for a server that checks them with
 * its public half (JWT_PUBLIC_KEY, or a key in its JWT_JWKS_URL set): PEM {@code PRIVATE KEY}
 * (PKCS#8, what {@code openssl genpkey} writes), RSA or EC, with the JDK alone.
 */
final class PrivateKeys {
  private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
  private static final String END = "-----END PRIVATE KEY-----";

  private PrivateKeys() {}

  /** @throws Options.UsageException saying what is wrong with the file, never its content */
  static PrivateKey fromPemFile(Path file) {
    String pem;
    try {
      pem = Files.readString(file);
    } catch (IOException e) {
      throw new Options.UsageException("--jwt-private-key " + file + " cannot be read: " + e);
    }
    int begin = pem.indexOf(BEGIN);
    int end = pem.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new Options.UsageException("--jwt-private-key " + file + " holds no PEM PRIVATE KEY"
          + " (PKCS#8; convert another with openssl pkcs8 -topk8 -nocrypt)");
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
    } catch (IllegalArgumentException e) {
      throw new Options.UsageException("--jwt-private-key " + file + " is not valid PEM");
    }
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // not this kind: the next
      }
    }
    throw new Options.UsageException("--jwt-private-key " + file + " is neither an RSA nor an"
        + " EC private key");
  }
}
