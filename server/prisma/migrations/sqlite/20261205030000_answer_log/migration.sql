-- Answer saves as an append-only log (ANSWER_WRITE_MODE=log): one row per accepted save, written
-- in multi-row INSERTs; the highest seq of an item wins when the paper is read or graded.
CREATE TABLE "answer_log" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "attempt_id" INTEGER NOT NULL,
    "item_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "response" JSONB,
    "saved_at" DATETIME NOT NULL,
    CONSTRAINT "answer_log_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "attempts" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "answer_log_attempt_id_idx" ON "answer_log"("attempt_id");
