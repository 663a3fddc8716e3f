-- Practice (answers, 错题本 review cards, favourites) and exams (blueprints, exams, attempts).

-- CreateTable
CREATE TABLE `paper_blueprints` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `organization_id` INTEGER NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `kind` ENUM('random', 'fixed') NOT NULL,
    `rules` JSON NOT NULL,
    `fixed_question_ids` JSON NULL,
    `points` JSON NOT NULL,
    `partial_credit` BOOLEAN NOT NULL,
    `pass_mark` DOUBLE NOT NULL,
    `time_limit_minutes` INTEGER NOT NULL,
    `shuffle_questions` BOOLEAN NOT NULL,
    `shuffle_options` BOOLEAN NOT NULL,
    `prefer_unseen` BOOLEAN NOT NULL,
    `created_by_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `paper_blueprints_organization_id_idx`(`organization_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `exams` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `organization_id` INTEGER NOT NULL,
    `blueprint_id` INTEGER NOT NULL,
    `title` VARCHAR(100) NOT NULL,
    `opens_at` DATETIME(3) NOT NULL,
    `closes_at` DATETIME(3) NOT NULL,
    `key_minority_only` BOOLEAN NOT NULL,
    `attempts_allowed` INTEGER NOT NULL,
    `scoring` ENUM('best', 'last') NOT NULL,
    `grace_seconds` INTEGER NOT NULL,
    `review_after_submit` JSON NOT NULL,
    `review_after_close` JSON NOT NULL,
    `make_up_of_id` INTEGER NULL,
    `created_by_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `exams_organization_id_opens_at_idx`(`organization_id`, `opens_at`),
    INDEX `exams_blueprint_id_idx`(`blueprint_id`),
    INDEX `exams_closes_at_idx`(`closes_at`),
    INDEX `exams_make_up_of_id_idx`(`make_up_of_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `exam_audience` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `exam_id` INTEGER NOT NULL,
    `organization_id` INTEGER NULL,
    `user_id` INTEGER NULL,

    INDEX `exam_audience_exam_id_idx`(`exam_id`),
    INDEX `exam_audience_organization_id_idx`(`organization_id`),
    INDEX `exam_audience_user_id_idx`(`user_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `exam_overrides` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `exam_id` INTEGER NOT NULL,
    `user_id` INTEGER NULL,
    `organization_id` INTEGER NULL,
    `extra_minutes` INTEGER NOT NULL,
    `closes_at` DATETIME(3) NULL,
    `extra_attempts` INTEGER NOT NULL,
    `reason` VARCHAR(200) NOT NULL,
    `created_by_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `exam_overrides_exam_id_idx`(`exam_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `attempts` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `exam_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `attempt_no` INTEGER NOT NULL,
    `status` ENUM('in_progress', 'submitted') NOT NULL DEFAULT 'in_progress',
    `started_at` DATETIME(3) NOT NULL,
    `deadline` DATETIME(3) NOT NULL,
    `submitted_at` DATETIME(3) NULL,
    `auto_submitted` BOOLEAN NOT NULL DEFAULT false,
    `score` DOUBLE NULL,
    `max_score` DOUBLE NOT NULL,
    `passed` BOOLEAN NULL,
    `breakdown` JSON NULL,

    INDEX `attempts_status_deadline_idx`(`status`, `deadline`),
    INDEX `attempts_user_id_status_idx`(`user_id`, `status`),
    UNIQUE INDEX `attempts_exam_id_user_id_attempt_no_key`(`exam_id`, `user_id`, `attempt_no`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `attempt_items` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `attempt_id` INTEGER NOT NULL,
    `ordinal` INTEGER NOT NULL,
    `question_version_id` INTEGER NOT NULL,
    `statute_id` INTEGER NULL,
    `points` DOUBLE NOT NULL,
    `option_map` JSON NULL,
    `response` JSON NULL,
    `response_seq` INTEGER NOT NULL DEFAULT 0,
    `answered_at` DATETIME(3) NULL,
    `score` DOUBLE NULL,
    `correct` BOOLEAN NULL,

    INDEX `attempt_items_question_version_id_idx`(`question_version_id`),
    UNIQUE INDEX `attempt_items_attempt_id_ordinal_key`(`attempt_id`, `ordinal`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `practice_answers` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `question_version_id` INTEGER NOT NULL,
    `mode` VARCHAR(20) NOT NULL,
    `response` JSON NOT NULL,
    `correct` BOOLEAN NOT NULL,
    `answered_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `practice_answers_user_id_answered_at_idx`(`user_id`, `answered_at`),
    INDEX `practice_answers_question_version_id_idx`(`question_version_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `review_cards` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `question_id` INTEGER NOT NULL,
    `due` DATETIME(3) NOT NULL,
    `stability` DOUBLE NOT NULL,
    `difficulty` DOUBLE NOT NULL,
    `elapsed_days` INTEGER NOT NULL,
    `scheduled_days` INTEGER NOT NULL,
    `learning_steps` INTEGER NOT NULL,
    `reps` INTEGER NOT NULL,
    `lapses` INTEGER NOT NULL,
    `state` INTEGER NOT NULL,
    `last_review` DATETIME(3) NULL,
    `needs_reading` BOOLEAN NOT NULL DEFAULT false,
    `removed_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `review_cards_user_id_due_idx`(`user_id`, `due`),
    INDEX `review_cards_question_id_idx`(`question_id`),
    UNIQUE INDEX `review_cards_user_id_question_id_key`(`user_id`, `question_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `favourites` (
    `user_id` INTEGER NOT NULL,
    `question_id` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `favourites_question_id_idx`(`question_id`),
    PRIMARY KEY (`user_id`, `question_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `paper_blueprints` ADD CONSTRAINT `paper_blueprints_organization_id_fkey` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `exams` ADD CONSTRAINT `exams_organization_id_fkey` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `exams` ADD CONSTRAINT `exams_blueprint_id_fkey` FOREIGN KEY (`blueprint_id`) REFERENCES `paper_blueprints`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `exams` ADD CONSTRAINT `exams_make_up_of_id_fkey` FOREIGN KEY (`make_up_of_id`) REFERENCES `exams`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `exam_audience` ADD CONSTRAINT `exam_audience_exam_id_fkey` FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `exam_overrides` ADD CONSTRAINT `exam_overrides_exam_id_fkey` FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `attempts` ADD CONSTRAINT `attempts_exam_id_fkey` FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `attempts` ADD CONSTRAINT `attempts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `attempt_items` ADD CONSTRAINT `attempt_items_attempt_id_fkey` FOREIGN KEY (`attempt_id`) REFERENCES `attempts`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `attempt_items` ADD CONSTRAINT `attempt_items_question_version_id_fkey` FOREIGN KEY (`question_version_id`) REFERENCES `question_versions`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `practice_answers` ADD CONSTRAINT `practice_answers_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `practice_answers` ADD CONSTRAINT `practice_answers_question_version_id_fkey` FOREIGN KEY (`question_version_id`) REFERENCES `question_versions`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `review_cards` ADD CONSTRAINT `review_cards_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `review_cards` ADD CONSTRAINT `review_cards_question_id_fkey` FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `favourites` ADD CONSTRAINT `favourites_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `favourites` ADD CONSTRAINT `favourites_question_id_fkey` FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
