-- Campaign task, item-statistics and exam roll-ups (server/src/campaigns/task-rollup.ts,
-- server/src/stats/item-rollup.ts, server/src/rollups/exam-days.ts), read by completion, circulars,
-- the dashboard and item statistics. On a database with tasks or graded attempts, fill them once
-- after this migration: npm run rollups -- rebuild (--only tasks, items, exam-days)
-- AlterTable
ALTER TABLE `task_instances` ADD COLUMN `counted_organization_id` INTEGER NULL,
    ADD COLUMN `counted_due_at` DATETIME(3) NULL,
    ADD COLUMN `counted_done` BOOLEAN NULL;

-- CreateTable
CREATE TABLE `task_rollups` (
    `requirement_id` INTEGER NOT NULL,
    `period_key` VARCHAR(32) NOT NULL,
    `organization_id` INTEGER NOT NULL,
    `due_at` DATETIME(3) NOT NULL,
    `opens_at` DATETIME(3) NOT NULL,
    `tasks` INTEGER NOT NULL,
    `done` INTEGER NOT NULL,

    INDEX `task_rollups_due_at_idx`(`due_at`),
    PRIMARY KEY (`requirement_id`, `period_key`, `organization_id`, `due_at`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `item_rollups` (
    `question_version_id` INTEGER NOT NULL,
    `exam_id` INTEGER NOT NULL,
    `organization_id` INTEGER NOT NULL,
    `statute_id` INTEGER NOT NULL,
    `points` DOUBLE NOT NULL,
    `responses` INTEGER NOT NULL,
    `score_sum` BIGINT NOT NULL,
    `score_squares` BIGINT NOT NULL,
    `rest_sum` BIGINT NOT NULL,
    `rest_squares` BIGINT NOT NULL,
    `score_rest_products` BIGINT NOT NULL,
    `chosen_a` INTEGER NOT NULL,
    `chosen_b` INTEGER NOT NULL,
    `chosen_c` INTEGER NOT NULL,
    `chosen_d` INTEGER NOT NULL,
    `chosen_e` INTEGER NOT NULL,
    `chosen_f` INTEGER NOT NULL,
    `chosen_g` INTEGER NOT NULL,
    `chosen_h` INTEGER NOT NULL,

    INDEX `item_rollups_unit_statute_idx`(`organization_id`, `statute_id`, `responses`, `score_sum`, `points`),
    INDEX `item_rollups_exam_id_idx`(`exam_id`),
    PRIMARY KEY (`question_version_id`, `statute_id`, `points`, `exam_id`, `organization_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `exam_day_rollups` (
    `organization_id` INTEGER NOT NULL,
    `day` VARCHAR(10) NOT NULL,
    `attempts` INTEGER NOT NULL,
    `passed` INTEGER NOT NULL,
    `score_sum` BIGINT NOT NULL,
    `max_score_sum` BIGINT NOT NULL,

    PRIMARY KEY (`organization_id`, `day`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
