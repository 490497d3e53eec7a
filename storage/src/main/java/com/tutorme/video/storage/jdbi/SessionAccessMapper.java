package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.SessionAccess;
import com.tutorme.video.storage.VideoSession;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/** Maps a session joined with its booking, each read by its prefixed constructor mapper. */
public final class SessionAccessMapper implements RowMapper<SessionAccess> {
  @Override
  public SessionAccess map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new SessionAccess(
        ctx.findRowMapperFor(VideoSession.class).orElseThrow().map(rs, ctx),
        ctx.findRowMapperFor(Booking.class).orElseThrow().map(rs, ctx));
  }
}
