-- The Wechaty bot: bound contacts, linked groups, daily-question rounds and their answers.
-- CreateTable
CREATE TABLE `bot_contacts` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `contact_key` VARCHAR(32) NOT NULL,
    `user_id` INTEGER NOT NULL,
    `bound_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `bot_contacts_contact_key_key`(`contact_key`),
    UNIQUE INDEX `bot_contacts_user_id_key`(`user_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `bot_groups` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `room_key` VARCHAR(191) NOT NULL,
    `organization_id` INTEGER NOT NULL,
    `linked_by_id` INTEGER NOT NULL,
    `daily_cron` VARCHAR(64) NOT NULL DEFAULT '0 9 * * *',
    `answer_minutes` INTEGER NOT NULL DEFAULT 480,
    `show_ranking` BOOLEAN NOT NULL DEFAULT false,
    `linked_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `bot_groups_room_key_key`(`room_key`),
    INDEX `bot_groups_organization_id_idx`(`organization_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `bot_daily_rounds` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `group_id` INTEGER NOT NULL,
    `day` VARCHAR(10) NOT NULL,
    `question_id` INTEGER NOT NULL,
    `version_id` INTEGER NOT NULL,
    `opens_at` DATETIME(3) NOT NULL,
    `closes_at` DATETIME(3) NOT NULL,
    `closed_at` DATETIME(3) NULL,

    INDEX `bot_daily_rounds_closed_at_closes_at_idx`(`closed_at`, `closes_at`),
    UNIQUE INDEX `bot_daily_rounds_group_id_day_key`(`group_id`, `day`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `bot_daily_answers` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `round_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `correct` BOOLEAN NOT NULL,
    `answered_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `bot_daily_answers_round_id_user_id_key`(`round_id`, `user_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
