-- Graded attempts wait here to be added to the item, exam-day and task roll-ups in batches, off the
-- submit's transaction (server/src/rollups/attempt-queue.ts). Attempts graded before this migration
-- were added at grading, so the queue starts empty.
CREATE TABLE "rollup_queue" (
    "attempt_id" INTEGER NOT NULL PRIMARY KEY,
    CONSTRAINT "rollup_queue_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "attempts" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
