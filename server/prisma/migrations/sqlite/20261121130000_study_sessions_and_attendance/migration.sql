-- Study sessions with heartbeats, presence checks and flags; courses; offline study meetings and attendance.
-- CreateTable
CREATE TABLE "courses" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "items" JSONB NOT NULL,
    "min_minutes" INTEGER NOT NULL,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "courses_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "study_sessions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "statute_slug" TEXT,
    "course_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'open',
    "started_at" DATETIME NOT NULL,
    "last_beat_at" DATETIME,
    "ended_at" DATETIME,
    "closed_reason" TEXT,
    "credited_seconds" INTEGER NOT NULL DEFAULT 0,
    "analysis" JSONB,
    CONSTRAINT "study_sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "study_sessions_course_id_fkey" FOREIGN KEY ("course_id") REFERENCES "courses" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "heartbeats" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "session_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "server_at" DATETIME NOT NULL,
    "client_at" DATETIME NOT NULL,
    "foreground" BOOLEAN NOT NULL,
    "taps" INTEGER NOT NULL,
    "scrolls" INTEGER NOT NULL,
    "keys" INTEGER NOT NULL,
    "gaps" JSONB NOT NULL,
    "statute" TEXT NOT NULL,
    "article" INTEGER NOT NULL,
    "scroll" REAL NOT NULL,
    CONSTRAINT "heartbeats_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "study_sessions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "presence_checks" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "session_id" INTEGER NOT NULL,
    "question_version_id" INTEGER NOT NULL,
    "asked_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "answered_at" DATETIME,
    "correct" BOOLEAN,
    CONSTRAINT "presence_checks_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "study_sessions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "study_flags" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "session_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "from_at" DATETIME NOT NULL,
    "to_at" DATETIME NOT NULL,
    "evidence" JSONB NOT NULL,
    "explanation" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "appeal_note" TEXT,
    "appealed_at" DATETIME,
    "review_note" TEXT,
    "reviewed_by_id" INTEGER,
    "reviewed_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "study_flags_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "study_sessions" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "study_flags_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "study_meetings" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,
    "statutes" JSONB NOT NULL,
    "place" TEXT NOT NULL,
    "starts_at" DATETIME NOT NULL,
    "ends_at" DATETIME NOT NULL,
    "credit_minutes" INTEGER NOT NULL,
    "qr_secret" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "study_meetings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "meeting_invitees" (
    "meeting_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,

    PRIMARY KEY ("meeting_id", "user_id"),
    CONSTRAINT "meeting_invitees_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "study_meetings" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "meeting_invitees_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "attendances" (
    "meeting_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "checked_in_at" DATETIME NOT NULL,
    "reason" TEXT,
    "recorded_by_id" INTEGER,

    PRIMARY KEY ("meeting_id", "user_id"),
    CONSTRAINT "attendances_meeting_id_fkey" FOREIGN KEY ("meeting_id") REFERENCES "study_meetings" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attendances_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "courses_organization_id_idx" ON "courses"("organization_id");
CREATE INDEX "study_sessions_user_id_started_at_idx" ON "study_sessions"("user_id", "started_at");
CREATE INDEX "study_sessions_status_last_beat_at_idx" ON "study_sessions"("status", "last_beat_at");
CREATE INDEX "study_sessions_course_id_idx" ON "study_sessions"("course_id");
CREATE INDEX "heartbeats_session_id_server_at_idx" ON "heartbeats"("session_id", "server_at");
CREATE INDEX "presence_checks_session_id_asked_at_idx" ON "presence_checks"("session_id", "asked_at");
CREATE INDEX "study_flags_session_id_idx" ON "study_flags"("session_id");
CREATE INDEX "study_flags_user_id_from_at_idx" ON "study_flags"("user_id", "from_at");
CREATE INDEX "study_flags_status_kind_idx" ON "study_flags"("status", "kind");
CREATE INDEX "study_meetings_organization_id_starts_at_idx" ON "study_meetings"("organization_id", "starts_at");
CREATE INDEX "meeting_invitees_user_id_idx" ON "meeting_invitees"("user_id");
CREATE INDEX "attendances_user_id_checked_in_at_idx" ON "attendances"("user_id", "checked_in_at");
