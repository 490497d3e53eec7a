package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.auth.UserIds;
import java.util.regex.Pattern;

/**
 * Checks of identifiers that arrive in paths, queries and bodies, or from an embedding backend;
 * each throws {@link ApiException} INVALID_REQUEST naming the field.
 */
public final class Validation {
  /** Booking and session ids: what cuid, uuid and our own base64url ids are made of. */
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private Validation() {}

  public static String id(String field, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new ApiException(ErrorCode.INVALID_REQUEST,
          field + " must be 1 to 64 characters of letters, digits, '.', '_', ':' or '-'");
    }
    return value;
  }

  public static String userId(String field, String value) {
    if (!UserIds.isValid(value)) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, field + " must be " + UserIds.RULE);
    }
    return value;
  }
}
