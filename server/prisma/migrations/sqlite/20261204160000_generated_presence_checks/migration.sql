-- Presence checks are generated from the article on screen (a look-up in the public question bank
-- no longer answers them): the prompt and its key live on the check; old checks keep their question.
-- SQLite cannot loosen a column, so the table is rebuilt; nothing references it.
CREATE TABLE "new_presence_checks" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "session_id" INTEGER NOT NULL,
    "question_version_id" INTEGER,
    "prompt" JSONB,
    "answer_key" TEXT,
    "asked_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "answered_at" DATETIME,
    "correct" BOOLEAN,
    CONSTRAINT "presence_checks_session_id_fkey" FOREIGN KEY ("session_id") REFERENCES "study_sessions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_presence_checks" ("id", "session_id", "question_version_id", "asked_at", "expires_at", "answered_at", "correct")
    SELECT "id", "session_id", "question_version_id", "asked_at", "expires_at", "answered_at", "correct" FROM "presence_checks";
DROP TABLE "presence_checks";
ALTER TABLE "new_presence_checks" RENAME TO "presence_checks";
CREATE INDEX "presence_checks_session_id_asked_at_idx" ON "presence_checks"("session_id", "asked_at");
