package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.VideoSession;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the {@code video_session} table. */
@RegisterConstructorMapper(VideoSession.class)
interface VideoSessionDao extends SqlObject {

  @SqlQuery("SELECT * FROM video_session WHERE id = :id")
  Optional<VideoSession> findById(@Bind("id") String id);

  @SqlQuery("SELECT * FROM video_session WHERE booking_id = :bookingId")
  Optional<VideoSession> findByBookingId(@Bind("bookingId") String bookingId);

  @SqlQuery("SELECT * FROM video_session WHERE session_token = :token")
  Optional<VideoSession> findByToken(@Bind("token") String token);

  /**
   * Inserts an active session unless the booking already has one; returns the rows inserted (0
   * or 1). The unique booking_id makes a concurrent second insert do nothing, on PostgreSQL and
   * on H2 in PostgreSQL mode.
   */
  @SqlUpdate("""
      INSERT INTO video_session (id, booking_id, session_token, status, started_at, ended_at,
                                 created_at, updated_at)
      VALUES (:id, :bookingId, :token, 'ACTIVE', :now, NULL, :now, :now)
      ON CONFLICT DO NOTHING
      """)
  int insertIfAbsent(
      @Bind("id") String id,
      @Bind("bookingId") String bookingId,
      @Bind("token") String token,
      @Bind("now") Instant now);

  /** Ends an active session; an ended one is left as it is (0 rows). */
  @SqlUpdate("""
      UPDATE video_session SET status = 'ENDED', ended_at = :now, updated_at = :now
       WHERE id = :id AND status = 'ACTIVE'
      """)
  int end(@Bind("id") String id, @Bind("now") Instant now);
}
