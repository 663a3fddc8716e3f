-- Question bank: statutes with revisions, chapters/sections and articles; versioned questions.
-- CreateTable
CREATE TABLE "statutes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "statute_revisions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "statute_id" INTEGER NOT NULL,
    "revised_on" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "history" JSONB NOT NULL,
    "text_hash" TEXT NOT NULL,
    "is_current" BOOLEAN NOT NULL,
    "article_count" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "statute_revisions_statute_id_fkey" FOREIGN KEY ("statute_id") REFERENCES "statutes" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "statute_divisions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "parent_id" INTEGER,
    "ordinal" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "first_article" INTEGER NOT NULL,
    "last_article" INTEGER NOT NULL,
    CONSTRAINT "statute_divisions_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "statute_revisions" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "statute_divisions_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "statute_divisions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "articles" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "revision_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "paragraphs" JSONB NOT NULL,
    "text_hash" TEXT NOT NULL,
    "chapter_id" INTEGER,
    "section_id" INTEGER,
    CONSTRAINT "articles_revision_id_fkey" FOREIGN KEY ("revision_id") REFERENCES "statute_revisions" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "articles_chapter_id_fkey" FOREIGN KEY ("chapter_id") REFERENCES "statute_divisions" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "articles_section_id_fkey" FOREIGN KEY ("section_id") REFERENCES "statute_divisions" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "questions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "external_id" TEXT NOT NULL,
    "owner_key" TEXT NOT NULL,
    "organization_id" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'active',
    "review_note" TEXT,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "questions_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "question_versions" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "question_id" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "is_current" BOOLEAN NOT NULL,
    "type" TEXT NOT NULL,
    "stem" TEXT NOT NULL,
    "options" JSONB,
    "answer" JSONB NOT NULL,
    "explanation" TEXT NOT NULL,
    "difficulty" INTEGER NOT NULL,
    "tags" JSONB NOT NULL,
    "content_hash" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "question_versions_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "question_versions_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "question_citations" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "version_id" INTEGER NOT NULL,
    "statute_id" INTEGER NOT NULL,
    "article_number" INTEGER NOT NULL,
    "paragraph" INTEGER,
    "ordinal" INTEGER NOT NULL,
    CONSTRAINT "question_citations_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "question_versions" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "question_citations_statute_id_fkey" FOREIGN KEY ("statute_id") REFERENCES "statutes" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "question_tags" (
    "version_id" INTEGER NOT NULL,
    "tag" TEXT NOT NULL,

    PRIMARY KEY ("version_id", "tag"),
    CONSTRAINT "question_tags_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "question_versions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE UNIQUE INDEX "statutes_slug_key" ON "statutes"("slug");
CREATE INDEX "statute_revisions_statute_id_is_current_idx" ON "statute_revisions"("statute_id", "is_current");
CREATE UNIQUE INDEX "statute_revisions_statute_id_text_hash_key" ON "statute_revisions"("statute_id", "text_hash");
CREATE INDEX "statute_divisions_parent_id_idx" ON "statute_divisions"("parent_id");
CREATE UNIQUE INDEX "statute_divisions_revision_id_ordinal_key" ON "statute_divisions"("revision_id", "ordinal");
CREATE INDEX "articles_chapter_id_idx" ON "articles"("chapter_id");
CREATE INDEX "articles_section_id_idx" ON "articles"("section_id");
CREATE UNIQUE INDEX "articles_revision_id_number_key" ON "articles"("revision_id", "number");
CREATE INDEX "questions_organization_id_status_idx" ON "questions"("organization_id", "status");
CREATE INDEX "questions_status_idx" ON "questions"("status");
CREATE UNIQUE INDEX "questions_owner_key_external_id_key" ON "questions"("owner_key", "external_id");
CREATE INDEX "question_versions_is_current_type_difficulty_idx" ON "question_versions"("is_current", "type", "difficulty");
CREATE INDEX "question_versions_created_by_id_idx" ON "question_versions"("created_by_id");
CREATE UNIQUE INDEX "question_versions_question_id_version_key" ON "question_versions"("question_id", "version");
CREATE INDEX "question_citations_statute_id_article_number_idx" ON "question_citations"("statute_id", "article_number");
CREATE UNIQUE INDEX "question_citations_version_id_ordinal_key" ON "question_citations"("version_id", "ordinal");
CREATE INDEX "question_tags_tag_idx" ON "question_tags"("tag");
