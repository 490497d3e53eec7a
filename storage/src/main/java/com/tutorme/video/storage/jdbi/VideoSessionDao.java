package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.SessionAccess;
import com.tutorme.video.storage.VideoSession;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
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

  @SqlQuery("""
      SELECT s.id AS s_id, s.booking_id AS s_booking_id, s.session_token AS s_session_token,
             s.status AS s_status, s.started_at AS s_started_at, s.ended_at AS s_ended_at,
             s.created_at AS s_created_at, s.updated_at AS s_updated_at,
             b.id AS b_id, b.student_id AS b_student_id, b.tutor_id AS b_tutor_id,
             b.mode AS b_mode, b.status AS b_status, b.starts_at AS b_starts_at,
             b.ends_at AS b_ends_at, b.created_at AS b_created_at, b.updated_at AS b_updated_at
        FROM video_session s JOIN booking b ON b.id = s.booking_id
       WHERE s.session_token = :token
      """)
  @RegisterConstructorMapper(value = VideoSession.class, prefix = "s_")
  @RegisterConstructorMapper(value = Booking.class, prefix = "b_")
  @RegisterRowMapper(SessionAccessMapper.class)
  Optional<SessionAccess> findAccessByToken(@Bind("token") String token);

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
