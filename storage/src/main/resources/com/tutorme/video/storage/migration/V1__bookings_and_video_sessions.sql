-- Bookings as the booking backend reports them, and the one video session each online lesson gets.
-- Written once for PostgreSQL and for H2 in PostgreSQL mode. Every timestamp is stored with its
-- time zone and written in UTC by the application.

CREATE TABLE booking (
  id          VARCHAR(64)  NOT NULL,
  student_id  VARCHAR(128) NOT NULL,
  tutor_id    VARCHAR(128) NOT NULL,
  mode        VARCHAR(16)  NOT NULL,
  status      VARCHAR(16)  NOT NULL,
  starts_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  ends_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT booking_pk PRIMARY KEY (id),
  CONSTRAINT booking_mode_check CHECK (mode IN ('ONLINE', 'IN_PERSON')),
  CONSTRAINT booking_status_check CHECK (status IN ('PENDING', 'CONFIRMED', 'COMPLETED', 'CANCELLED')),
  CONSTRAINT booking_schedule_check CHECK (ends_at > starts_at)
);

CREATE TABLE video_session (
  id             VARCHAR(32) NOT NULL,
  booking_id     VARCHAR(64) NOT NULL,
  session_token  VARCHAR(64) NOT NULL,
  status         VARCHAR(8)  NOT NULL,
  started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  ended_at       TIMESTAMP WITH TIME ZONE,
  created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT video_session_pk PRIMARY KEY (id),
  -- One session per booking: create-or-get relies on this to stay race-free.
  CONSTRAINT video_session_booking_unique UNIQUE (booking_id),
  CONSTRAINT video_session_token_unique UNIQUE (session_token),
  CONSTRAINT video_session_booking_fk FOREIGN KEY (booking_id) REFERENCES booking (id),
  CONSTRAINT video_session_status_check CHECK (status IN ('ACTIVE', 'ENDED')),
  -- An ended session has its end time; an active one has none.
  CONSTRAINT video_session_ended_check CHECK ((status = 'ENDED' AND ended_at IS NOT NULL)
                                           OR (status = 'ACTIVE' AND ended_at IS NULL))
);
