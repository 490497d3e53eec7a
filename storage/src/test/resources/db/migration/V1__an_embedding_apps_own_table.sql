-- An application embedding the server, with its migrations where Flyway looks by default. On
-- the test classpath throughout: the server's own migrations must never pick this one up.
CREATE TABLE host_user (id VARCHAR(64) PRIMARY KEY);
