-- Question bank: statutes with revisions, chapters/sections and articles; versioned questions.

-- CreateTable
CREATE TABLE `statutes` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `slug` VARCHAR(64) NOT NULL,
    `title` VARCHAR(100) NOT NULL,
    `ordinal` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `statutes_slug_key`(`slug`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `statute_revisions` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `statute_id` INTEGER NOT NULL,
    `revised_on` VARCHAR(10) NOT NULL,
    `source` VARCHAR(255) NOT NULL,
    `history` JSON NOT NULL,
    `text_hash` CHAR(64) NOT NULL,
    `is_current` BOOLEAN NOT NULL,
    `article_count` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `statute_revisions_statute_id_is_current_idx`(`statute_id`, `is_current`),
    UNIQUE INDEX `statute_revisions_statute_id_text_hash_key`(`statute_id`, `text_hash`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `statute_divisions` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `revision_id` INTEGER NOT NULL,
    `kind` ENUM('chapter', 'section') NOT NULL,
    `parent_id` INTEGER NULL,
    `ordinal` INTEGER NOT NULL,
    `title` VARCHAR(100) NOT NULL,
    `first_article` INTEGER NOT NULL,
    `last_article` INTEGER NOT NULL,

    INDEX `statute_divisions_parent_id_idx`(`parent_id`),
    UNIQUE INDEX `statute_divisions_revision_id_ordinal_key`(`revision_id`, `ordinal`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `articles` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `revision_id` INTEGER NOT NULL,
    `number` INTEGER NOT NULL,
    `label` VARCHAR(20) NOT NULL,
    `text` TEXT NOT NULL,
    `paragraphs` JSON NOT NULL,
    `text_hash` CHAR(64) NOT NULL,
    `chapter_id` INTEGER NULL,
    `section_id` INTEGER NULL,

    INDEX `articles_chapter_id_idx`(`chapter_id`),
    INDEX `articles_section_id_idx`(`section_id`),
    UNIQUE INDEX `articles_revision_id_number_key`(`revision_id`, `number`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `questions` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `external_id` VARCHAR(64) NOT NULL,
    `owner_key` VARCHAR(32) NOT NULL,
    `organization_id` INTEGER NULL,
    `status` ENUM('active', 'needs_review', 'retired') NOT NULL DEFAULT 'active',
    `review_note` VARCHAR(500) NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    `updated_at` DATETIME(3) NOT NULL,

    INDEX `questions_organization_id_status_idx`(`organization_id`, `status`),
    INDEX `questions_status_idx`(`status`),
    UNIQUE INDEX `questions_owner_key_external_id_key`(`owner_key`, `external_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `question_versions` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `question_id` INTEGER NOT NULL,
    `version` INTEGER NOT NULL,
    `is_current` BOOLEAN NOT NULL,
    `type` ENUM('single', 'multiple', 'judge', 'fill') NOT NULL,
    `stem` TEXT NOT NULL,
    `options` JSON NULL,
    `answer` JSON NOT NULL,
    `explanation` TEXT NOT NULL,
    `difficulty` INTEGER NOT NULL,
    `tags` JSON NOT NULL,
    `content_hash` CHAR(64) NOT NULL,
    `created_by_id` INTEGER NULL,
    `created_at` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),

    INDEX `question_versions_is_current_type_difficulty_idx`(`is_current`, `type`, `difficulty`),
    INDEX `question_versions_created_by_id_idx`(`created_by_id`),
    UNIQUE INDEX `question_versions_question_id_version_key`(`question_id`, `version`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `question_citations` (
    `id` INTEGER NOT NULL AUTO_INCREMENT,
    `version_id` INTEGER NOT NULL,
    `statute_id` INTEGER NOT NULL,
    `article_number` INTEGER NOT NULL,
    `paragraph` INTEGER NULL,
    `ordinal` INTEGER NOT NULL,

    INDEX `question_citations_statute_id_article_number_idx`(`statute_id`, `article_number`),
    UNIQUE INDEX `question_citations_version_id_ordinal_key`(`version_id`, `ordinal`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `question_tags` (
    `version_id` INTEGER NOT NULL,
    `tag` VARCHAR(32) NOT NULL,

    INDEX `question_tags_tag_idx`(`tag`),
    PRIMARY KEY (`version_id`, `tag`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `statute_revisions` ADD CONSTRAINT `statute_revisions_statute_id_fkey` FOREIGN KEY (`statute_id`) REFERENCES `statutes`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `statute_divisions` ADD CONSTRAINT `statute_divisions_revision_id_fkey` FOREIGN KEY (`revision_id`) REFERENCES `statute_revisions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `statute_divisions` ADD CONSTRAINT `statute_divisions_parent_id_fkey` FOREIGN KEY (`parent_id`) REFERENCES `statute_divisions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `articles` ADD CONSTRAINT `articles_revision_id_fkey` FOREIGN KEY (`revision_id`) REFERENCES `statute_revisions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `articles` ADD CONSTRAINT `articles_chapter_id_fkey` FOREIGN KEY (`chapter_id`) REFERENCES `statute_divisions`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `articles` ADD CONSTRAINT `articles_section_id_fkey` FOREIGN KEY (`section_id`) REFERENCES `statute_divisions`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `questions` ADD CONSTRAINT `questions_organization_id_fkey` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `question_versions` ADD CONSTRAINT `question_versions_question_id_fkey` FOREIGN KEY (`question_id`) REFERENCES `questions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `question_versions` ADD CONSTRAINT `question_versions_created_by_id_fkey` FOREIGN KEY (`created_by_id`) REFERENCES `users`(`id`) ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `question_citations` ADD CONSTRAINT `question_citations_version_id_fkey` FOREIGN KEY (`version_id`) REFERENCES `question_versions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `question_citations` ADD CONSTRAINT `question_citations_statute_id_fkey` FOREIGN KEY (`statute_id`) REFERENCES `statutes`(`id`) ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `question_tags` ADD CONSTRAINT `question_tags_version_id_fkey` FOREIGN KEY (`version_id`) REFERENCES `question_versions`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
