-- 学·讲·述·考 campaigns: audience, requirements, task instances, lectures and 述法 reports.

-- CreateTable
CREATE TABLE `campaigns` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `organization_id` INTEGER NOT NULL,
    `name` VARCHAR(100) NOT NULL,
    `period` VARCHAR(40) NOT NULL,
    `starts_at` DATETIME(3) NOT NULL,
    `ends_at` DATETIME(3) NOT NULL,
    `key_minority_only` BOOLEAN NOT NULL,
    `created_by_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `campaigns_organization_id_starts_at_idx`(`organization_id`, `starts_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `campaign_audience` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `campaign_id` INTEGER NOT NULL,
    `organization_id` INTEGER NULL,
    `user_id` INTEGER NULL,

    INDEX `campaign_audience_campaign_id_idx`(`campaign_id`),
    INDEX `campaign_audience_organization_id_idx`(`organization_id`),
    INDEX `campaign_audience_user_id_idx`(`user_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `campaign_requirements` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `campaign_id` INTEGER NOT NULL,
    `kind` ENUM('study', 'meeting', 'lecture', 'report', 'exam') NOT NULL,
    `title` VARCHAR(100) NOT NULL,
    `params` JSON NOT NULL,
    `recurrence` VARCHAR(64) NULL,
    `due_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `campaign_requirements_campaign_id_idx`(`campaign_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `task_instances` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `requirement_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `period_key` VARCHAR(32) NOT NULL,
    `opens_at` DATETIME(3) NOT NULL,
    `due_at` DATETIME(3) NOT NULL,
    `exam_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `task_instances_user_id_due_at_idx`(`user_id`, `due_at`),
    INDEX `task_instances_exam_id_idx`(`exam_id`),
    UNIQUE INDEX `task_instances_requirement_id_user_id_period_key_key`(`requirement_id`, `user_id`, `period_key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `lectures` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `user_id` INTEGER NOT NULL,
    `campaign_id` INTEGER NULL,
    `title` VARCHAR(200) NOT NULL,
    `given_at` DATETIME(3) NOT NULL,
    `audience_size` INTEGER NOT NULL,
    `statutes` JSON NOT NULL,
    `material_name` VARCHAR(200) NULL,
    `material` LONGBLOB NULL,
    `status` ENUM('pending', 'verified', 'rejected') NOT NULL DEFAULT 'pending',
    `review_note` VARCHAR(500) NULL,
    `reviewed_by_id` INTEGER NULL,
    `reviewed_at` DATETIME(3) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `lectures_user_id_given_at_idx`(`user_id`, `given_at`),
    INDEX `lectures_campaign_id_status_idx`(`campaign_id`, `status`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `law_reports` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `requirement_id` INTEGER NOT NULL,
    `user_id` INTEGER NOT NULL,
    `period_key` VARCHAR(32) NOT NULL,
    `content` TEXT NOT NULL,
    `attachment_name` VARCHAR(200) NULL,
    `attachment` LONGBLOB NULL,
    `status` ENUM('submitted', 'returned', 'scored') NOT NULL DEFAULT 'submitted',
    `revision` INTEGER NOT NULL DEFAULT 1,
    `submitted_at` DATETIME(3) NOT NULL,
    `return_note` VARCHAR(500) NULL,
    `scores` JSON NULL,
    `total_score` DOUBLE NULL,
    `reviewed_by_id` INTEGER NULL,
    `reviewed_at` DATETIME(3) NULL,

    INDEX `law_reports_user_id_idx`(`user_id`),
    UNIQUE INDEX `law_reports_requirement_id_user_id_period_key_key`(`requirement_id`, `user_id`, `period_key`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `campaigns` ADD CONSTRAINT `campaigns_organization_id_fkey` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `campaign_audience` ADD CONSTRAINT `campaign_audience_campaign_id_fkey` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `campaign_requirements` ADD CONSTRAINT `campaign_requirements_campaign_id_fkey` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `task_instances` ADD CONSTRAINT `task_instances_requirement_id_fkey` FOREIGN KEY (`requirement_id`) REFERENCES `campaign_requirements`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `task_instances` ADD CONSTRAINT `task_instances_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `task_instances` ADD CONSTRAINT `task_instances_exam_id_fkey` FOREIGN KEY (`exam_id`) REFERENCES `exams`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `lectures` ADD CONSTRAINT `lectures_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `lectures` ADD CONSTRAINT `lectures_campaign_id_fkey` FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `law_reports` ADD CONSTRAINT `law_reports_requirement_id_fkey` FOREIGN KEY (`requirement_id`) REFERENCES `campaign_requirements`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `law_reports` ADD CONSTRAINT `law_reports_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
