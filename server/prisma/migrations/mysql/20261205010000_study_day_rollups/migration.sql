-- Study roll-ups per cadre per Beijing day, month and year (server/src/rollups/study-days.ts),
-- read by the study report and the dashboard. On a database with study data, fill them once after
-- this migration: npm run rollups -- rebuild --only study-days
-- CreateTable
CREATE TABLE `study_day_rollups` (
    `user_id` INTEGER NOT NULL,
    `day` VARCHAR(10) NOT NULL,
    `credited_ms` INTEGER NOT NULL,
    `sessions_started` INTEGER NOT NULL,
    `started_credit_seconds` INTEGER NOT NULL,
    `sessions_carried_in` INTEGER NOT NULL,
    `checks_asked` INTEGER NOT NULL,
    `checks_passed` INTEGER NOT NULL,
    `meetings_invited` INTEGER NOT NULL,
    `meetings_attended` INTEGER NOT NULL,
    `offline_minutes` INTEGER NOT NULL,

    PRIMARY KEY (`user_id`, `day`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `study_month_rollups` (
    `user_id` INTEGER NOT NULL,
    `month` VARCHAR(7) NOT NULL,
    `credited_ms` BIGINT NOT NULL,
    `sessions_started` INTEGER NOT NULL,
    `started_credit_seconds` INTEGER NOT NULL,
    `checks_asked` INTEGER NOT NULL,
    `checks_passed` INTEGER NOT NULL,
    `meetings_invited` INTEGER NOT NULL,
    `meetings_attended` INTEGER NOT NULL,
    `offline_minutes` INTEGER NOT NULL,

    PRIMARY KEY (`user_id`, `month`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `study_year_rollups` (
    `user_id` INTEGER NOT NULL,
    `year` VARCHAR(4) NOT NULL,
    `credited_ms` BIGINT NOT NULL,
    `sessions_started` INTEGER NOT NULL,
    `started_credit_seconds` INTEGER NOT NULL,
    `checks_asked` INTEGER NOT NULL,
    `checks_passed` INTEGER NOT NULL,
    `meetings_invited` INTEGER NOT NULL,
    `meetings_attended` INTEGER NOT NULL,
    `offline_minutes` INTEGER NOT NULL,

    PRIMARY KEY (`user_id`, `year`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `study_flag_day_rollups` (
    `user_id` INTEGER NOT NULL,
    `day` VARCHAR(10) NOT NULL,
    `kind` VARCHAR(20) NOT NULL,
    `status` ENUM('open', 'confirmed', 'dismissed') NOT NULL,
    `flags` INTEGER NOT NULL,

    PRIMARY KEY (`user_id`, `day`, `kind`, `status`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `study_day_rollups` ADD CONSTRAINT `study_day_rollups_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `study_month_rollups` ADD CONSTRAINT `study_month_rollups_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `study_year_rollups` ADD CONSTRAINT `study_year_rollups_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `study_flag_day_rollups` ADD CONSTRAINT `study_flag_day_rollups_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
