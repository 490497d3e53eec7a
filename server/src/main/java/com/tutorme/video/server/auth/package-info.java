/**
 * Authentication: JWT verification with nimbus-jose-jwt (HS256 secret, RS256/ES256 public key,
 * or a JWK set refreshed in the background), the authenticated {@link
 * com.tutorme.video.server.auth.Principal}, and the token minter of development mode. No I/O
 * happens while verifying, so verification may run on an event loop.
 */
package com.tutorme.video.server.auth;
