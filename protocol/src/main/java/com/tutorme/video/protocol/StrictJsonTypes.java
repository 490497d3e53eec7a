package com.tutorme.video.protocol;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * Values read as the document types them: "true" is not a boolean, nor is 5 a string. A field
 * of the wrong type is an error the sender can fix, not a guess. For every mapper that reads
 * from outside: signaling messages and the HTTP API's bodies.
 */
public final class StrictJsonTypes {
  private StrictJsonTypes() {}

  public static JsonMapper.Builder apply(JsonMapper.Builder builder) {
    return builder
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(LogicalType.Textual, strings -> {
          for (CoercionInputShape shape : new CoercionInputShape[] {CoercionInputShape.Integer,
              CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            strings.setCoercion(shape, CoercionAction.Fail);
          }
        });
  }
}
