-- Study sessions with heartbeats, presence checks and flags; courses; offline study meetings and attendance.

-- CreateTable
CREATE TABLE `courses` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `organization_id` INTEGER NOT NULL,
    `title` VARCHAR(100) NOT NULL,
    `items` JSON NOT NULL,
    `min_minutes` INTEGER NOT NULL,
    `created_by_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `courses_organization_id_idx`(`organization_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `study_sessions` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `statute_slug` VARCHAR(64) NULL,
    `course_id` INTEGER NULL,
    `status` ENUM('open', 'closed') NOT NULL DEFAULT 'open',
    `started_at` DATETIME(3) NOT NULL,
    `last_beat_at` DATETIME(3) NULL,
    `ended_at` DATETIME(3) NULL,
    `closed_reason` VARCHAR(20) NULL,
    `credited_seconds` INTEGER NOT NULL DEFAULT 0,
    `analysis` JSON NULL,

    INDEX `study_sessions_user_id_started_at_idx`(`user_id`, `started_at`),
    INDEX `study_sessions_status_last_beat_at_idx`(`status`, `last_beat_at`),
    INDEX `study_sessions_course_id_idx`(`course_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `heartbeats` (
    `id` BIGINT NOT NULL AUTO_INCREMENT,
    `session_id` INTEGER NOT NULL,
    `seq` INTEGER NOT NULL,
    `server_at` DATETIME(3) NOT NULL,
    `client_at` DATETIME(3) NOT NULL,
    `foreground` BOOLEAN NOT NULL,
    `taps` INTEGER NOT NULL,
    `scrolls` INTEGER NOT NULL,
    `keys` INTEGER NOT NULL,
    `gaps` JSON NOT NULL,
    `statute` VARCHAR(64) NOT NULL,
    `article` INTEGER NOT NULL,
    `scroll` DOUBLE NOT NULL,

    INDEX `heartbeats_session_id_server_at_idx`(`session_id`, `server_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `presence_checks` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `session_id` INTEGER NOT NULL,
    `question_version_id` INTEGER NOT NULL,
    `asked_at` DATETIME(3) NOT NULL,
    `expires_at` DATETIME(3) NOT NULL,
    `answered_at` DATETIME(3) NULL,
    `correct` BOOLEAN NULL,

    INDEX `presence_checks_session_id_asked_at_idx`(`session_id`, `asked_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `study_flags` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `session_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `kind` VARCHAR(20) NOT NULL,
    `from_at` DATETIME(3) NOT NULL,
    `to_at` DATETIME(3) NOT NULL,
    `evidence` JSON NOT NULL,
    `explanation` TEXT NOT NULL,
    `status` ENUM('open', 'confirmed', 'dismissed') NOT NULL DEFAULT 'open',
    `appeal_note` VARCHAR(500) NULL,
    `appealed_at` DATETIME(3) NULL,
    `review_note` VARCHAR(500) NULL,
    `reviewed_by_id` INTEGER NULL,
    `reviewed_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `study_flags_session_id_idx`(`session_id`),
    INDEX `study_flags_user_id_from_at_idx`(`user_id`, `from_at`),
    INDEX `study_flags_status_kind_idx`(`status`, `kind`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `study_meetings` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `organization_id` INTEGER NOT NULL,
    `topic` VARCHAR(200) NOT NULL,
    `statutes` JSON NOT NULL,
    `place` VARCHAR(200) NOT NULL,
    `starts_at` DATETIME(3) NOT NULL,
    `ends_at` DATETIME(3) NOT NULL,
    `credit_minutes` INTEGER NOT NULL,
    `qr_secret` CHAR(64) NOT NULL,
    `created_by_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `study_meetings_organization_id_starts_at_idx`(`organization_id`, `starts_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `meeting_invitees` (
    `meeting_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,

    INDEX `meeting_invitees_user_id_idx`(`user_id`),
    PRIMARY KEY (`meeting_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `attendances` (
    `meeting_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `method` VARCHAR(10) NOT NULL,
    `checked_in_at` DATETIME(3) NOT NULL,
    `reason` VARCHAR(200) NULL,
    `recorded_by_id` INTEGER NULL,

    INDEX `attendances_user_id_checked_in_at_idx`(`user_id`, `checked_in_at`),
    PRIMARY KEY (`meeting_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `courses` ADD CONSTRAINT `courses_organization_id_fkey` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `study_sessions` ADD CONSTRAINT `study_sessions_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `study_sessions` ADD CONSTRAINT `study_sessions_course_id_fkey` FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `heartbeats` ADD CONSTRAINT `heartbeats_session_id_fkey` FOREIGN KEY (`session_id`) REFERENCES `study_sessions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `presence_checks` ADD CONSTRAINT `presence_checks_session_id_fkey` FOREIGN KEY (`session_id`) REFERENCES `study_sessions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `study_flags` ADD CONSTRAINT `study_flags_session_id_fkey` FOREIGN KEY (`session_id`) REFERENCES `study_sessions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `study_flags` ADD CONSTRAINT `study_flags_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `study_meetings` ADD CONSTRAINT `study_meetings_organization_id_fkey` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `meeting_invitees` ADD CONSTRAINT `meeting_invitees_meeting_id_fkey` FOREIGN KEY (`meeting_id`) REFERENCES `study_meetings`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `meeting_invitees` ADD CONSTRAINT `meeting_invitees_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `attendances` ADD CONSTRAINT `attendances_meeting_id_fkey` FOREIGN KEY (`meeting_id`) REFERENCES `study_meetings`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `attendances` ADD CONSTRAINT `attendances_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
