-- Answer saves as an append-only log (ANSWER_WRITE_MODE=log): one row per accepted save, written
-- in multi-row INSERTs; the highest seq of an item wins when the paper is read or graded.
CREATE TABLE `answer_log` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `attempt_id` INTEGER NOT NULL,
    `item_id` INTEGER NOT NULL,
    `seq` INTEGER NOT NULL,
    `response` JSON NULL,
    `saved_at` DATETIME(3) NOT NULL,

    INDEX `answer_log_attempt_id_idx`(`attempt_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

ALTER TABLE `answer_log` ADD CONSTRAINT `answer_log_attempt_id_fkey` FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
