-- Graded attempts wait here to be added to the item, exam-day and task roll-ups in batches, off the
-- submit's transaction (server/src/rollups/attempt-queue.ts). Attempts graded before this migration
-- were added at grading, so the queue starts empty.
CREATE TABLE `rollup_queue` (
    `attempt_id` INTEGER NOT NULL,

    PRIMARY KEY (`attempt_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

ALTER TABLE `rollup_queue` ADD CONSTRAINT `rollup_queue_attempt_id_fkey` FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
