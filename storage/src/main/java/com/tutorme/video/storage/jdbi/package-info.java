/**
 * The stores over Jdbi: HikariCP pool, Flyway migrations, SqlObject DAOs and the translation of
 * connection failures into {@link com.tutorme.video.storage.DatabaseUnavailableException}.
 */
package com.tutorme.video.storage.jdbi;
