package com.tutorme.video.server.ws;

import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.VideoSession;
import java.util.UUID;

/**
 * A lesson of its own for a student and a tutor, both connected (the student first) and
 * joined; the student has seen the tutor arrive. The same two users may hold several.
 */
record JoinedLesson(VideoSession session, WsClient student, WsClient tutor)
    implements AutoCloseable {

  static JoinedLesson open(ApiServer api, String studentId, String tutorId) {
    VideoSession session = api.booking("b-" + UUID.randomUUID(), studentId, tutorId,
        BookingMode.ONLINE, BookingStatus.CONFIRMED).session().orElseThrow();
    WsClient student = WsClient.connect(api.server.port(), api.token(studentId, "student"));
    WsClient tutor;
    try {
      tutor = WsClient.connect(api.server.port(), api.token(tutorId, "tutor"));
    } catch (RuntimeException | Error e) {
      student.close();
      throw e;
    }
    JoinedLesson lesson = new JoinedLesson(session, student, tutor);
    try {
      student.join(session.sessionToken());
      tutor.join(session.sessionToken());
      student.next("user-joined");
    } catch (RuntimeException | Error e) {
      lesson.close();
      throw e;
    }
    return lesson;
  }

  @Override
  public void close() {
    student.close();
    tutor.close();
  }
}
