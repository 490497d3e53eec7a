package com.tutorme.video.server.auth;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads a PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo, what {@code openssl pkey -pubout}
 * prints) with the JDK alone; nimbus's own PEM reader needs BouncyCastle.
 */
final class PublicKeys {
  private PublicKeys() {}

  /** The RSA or EC public key in the PEM text; IllegalArgumentException if there is none. */
  static JWK fromPem(String pem) {
    String text = pem.replace("\\n", "\n").strip();
    if (text.contains("PRIVATE KEY")) {
      throw new IllegalArgumentException("a private key, not a public one");
    }
    String body = text.replace("-----BEGIN PUBLIC KEY-----", "")
        .replace("-----END PUBLIC KEY-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64 between the PEM lines");
    }
    PublicKey key = parse(der, "RSA");
    if (key == null) {
      key = parse(der, "EC");
    }
    if (key instanceof RSAPublicKey rsa) {
      return new RSAKey.Builder(rsa).build();
    }
    if (key instanceof ECPublicKey ec) {
      Curve curve = Curve.forECParameterSpec(ec.getParams());
      if (curve == null) {
        throw new IllegalArgumentException("an EC key on an unsupported curve");
      }
      return new ECKey.Builder(curve, ec).build();
    }
    throw new IllegalArgumentException("neither an RSA nor an EC public key");
  }

  private static PublicKey parse(byte[] der, String algorithm) {
    try {
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException e) {
      return null;
    }
  }
}
