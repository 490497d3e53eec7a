package com.tutorme.video.storage.jdbi;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.mapper.ColumnMapper;

/**
 * Binds and reads {@link Instant}s as {@code OffsetDateTime} in UTC, so that what is stored does
 * not depend on the JVM's default time zone (java.sql.Timestamp would use it).
 */
final class UtcInstants {
  private UtcInstants() {}

  static void register(Jdbi jdbi) {
    jdbi.registerArgument(new InstantArgumentFactory());
    jdbi.registerColumnMapper(Instant.class, instantMapper());
  }

  private static ColumnMapper<Instant> instantMapper() {
    return (rs, column, ctx) -> {
      OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
      return value == null ? null : value.toInstant();
    };
  }

  private static final class InstantArgumentFactory extends AbstractArgumentFactory<Instant> {
    InstantArgumentFactory() {
      super(Types.TIMESTAMP_WITH_TIMEZONE);
    }

    @Override
    protected Argument build(Instant value, ConfigRegistry config) {
      OffsetDateTime utc = value.atOffset(ZoneOffset.UTC);
      return (position, statement, ctx) -> statement.setObject(position, utc);
    }
  }
}
