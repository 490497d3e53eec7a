package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.BookingUpdate;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.SqlObject;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for the {@code booking} table. */
@RegisterConstructorMapper(Booking.class)
interface BookingDao extends SqlObject {

  @SqlQuery("SELECT * FROM booking WHERE id = :id")
  Optional<Booking> find(@Bind("id") String id);

  /** Locks the row until the transaction ends, so concurrent upserts of one booking queue. */
  @SqlQuery("SELECT * FROM booking WHERE id = :id FOR UPDATE")
  Optional<Booking> findForUpdate(@Bind("id") String id);

  @SqlUpdate("""
      INSERT INTO booking (id, student_id, tutor_id, mode, status, starts_at, ends_at,
                           created_at, updated_at)
      VALUES (:b.id, :b.studentId, :b.tutorId, :b.mode, :b.status, :b.startsAt, :b.endsAt,
              :now, :now)
      """)
  void insert(@BindMethods("b") BookingUpdate booking, @Bind("now") Instant now);

  @SqlUpdate("""
      UPDATE booking
         SET student_id = :b.studentId, tutor_id = :b.tutorId, mode = :b.mode,
             status = :b.status, starts_at = :b.startsAt, ends_at = :b.endsAt,
             updated_at = :now
       WHERE id = :b.id
      """)
  int update(@BindMethods("b") BookingUpdate booking, @Bind("now") Instant now);
}
