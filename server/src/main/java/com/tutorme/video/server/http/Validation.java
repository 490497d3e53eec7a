package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.auth.UserIds;
import java.util.regex.Pattern;

/** Checks of identifiers that arrive in paths, queries and bodies. */
final class Validation {
  /** Booking and session ids: what cuid, uuid and our own base64url ids are made of. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private Validation() {}

  static String id(String field, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new ApiException(ErrorCode.INVALID_REQUEST,
          field + " must be 1 to 64 characters of letters, digits, '.', '_', ':' or '-'");
    }
    return value;
  }

  static String userId(String field, String value) {
    if (!UserIds.isValid(value)) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, field + " must be " + UserIds.RULE);
    }
    return value;
  }
}
