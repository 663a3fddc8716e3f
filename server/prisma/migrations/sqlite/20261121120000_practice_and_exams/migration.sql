-- Practice (answers, 错题本 review cards, favourites) and exams (blueprints, exams, attempts).
-- CreateTable
CREATE TABLE "paper_blueprints" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "rules" JSONB NOT NULL,
    "fixed_question_ids" JSONB,
    "points" JSONB NOT NULL,
    "partial_credit" BOOLEAN NOT NULL,
    "pass_mark" REAL NOT NULL,
    "time_limit_minutes" INTEGER NOT NULL,
    "shuffle_questions" BOOLEAN NOT NULL,
    "shuffle_options" BOOLEAN NOT NULL,
    "prefer_unseen" BOOLEAN NOT NULL,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "paper_blueprints_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "exams" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "blueprint_id" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "opens_at" DATETIME NOT NULL,
    "closes_at" DATETIME NOT NULL,
    "key_minority_only" BOOLEAN NOT NULL,
    "attempts_allowed" INTEGER NOT NULL,
    "scoring" TEXT NOT NULL,
    "grace_seconds" INTEGER NOT NULL,
    "review_after_submit" JSONB NOT NULL,
    "review_after_close" JSONB NOT NULL,
    "make_up_of_id" INTEGER,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "exams_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "exams_blueprint_id_fkey" FOREIGN KEY ("blueprint_id") REFERENCES "paper_blueprints" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "exams_make_up_of_id_fkey" FOREIGN KEY ("make_up_of_id") REFERENCES "exams" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "exam_audience" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "exam_id" INTEGER NOT NULL,
    "organization_id" INTEGER,
    "user_id" INTEGER,
    CONSTRAINT "exam_audience_exam_id_fkey" FOREIGN KEY ("exam_id") REFERENCES "exams" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "exam_overrides" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "exam_id" INTEGER NOT NULL,
    "user_id" INTEGER,
    "organization_id" INTEGER,
    "extra_minutes" INTEGER NOT NULL,
    "closes_at" DATETIME,
    "extra_attempts" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "exam_overrides_exam_id_fkey" FOREIGN KEY ("exam_id") REFERENCES "exams" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "attempts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "exam_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "attempt_no" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'in_progress',
    "started_at" DATETIME NOT NULL,
    "deadline" DATETIME NOT NULL,
    "submitted_at" DATETIME,
    "auto_submitted" BOOLEAN NOT NULL DEFAULT false,
    "score" REAL,
    "max_score" REAL NOT NULL,
    "passed" BOOLEAN,
    "breakdown" JSONB,
    CONSTRAINT "attempts_exam_id_fkey" FOREIGN KEY ("exam_id") REFERENCES "exams" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attempts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "attempt_items" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "attempt_id" INTEGER NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "question_version_id" INTEGER NOT NULL,
    "statute_id" INTEGER,
    "points" REAL NOT NULL,
    "option_map" JSONB,
    "response" JSONB,
    "response_seq" INTEGER NOT NULL DEFAULT 0,
    "answered_at" DATETIME,
    "score" REAL,
    "correct" BOOLEAN,
    CONSTRAINT "attempt_items_attempt_id_fkey" FOREIGN KEY ("attempt_id") REFERENCES "attempts" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "attempt_items_question_version_id_fkey" FOREIGN KEY ("question_version_id") REFERENCES "question_versions" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "practice_answers" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "question_version_id" INTEGER NOT NULL,
    "mode" TEXT NOT NULL,
    "response" JSONB NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answered_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "practice_answers_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "practice_answers_question_version_id_fkey" FOREIGN KEY ("question_version_id") REFERENCES "question_versions" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "review_cards" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "question_id" INTEGER NOT NULL,
    "due" DATETIME NOT NULL,
    "stability" REAL NOT NULL,
    "difficulty" REAL NOT NULL,
    "elapsed_days" INTEGER NOT NULL,
    "scheduled_days" INTEGER NOT NULL,
    "learning_steps" INTEGER NOT NULL,
    "reps" INTEGER NOT NULL,
    "lapses" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "last_review" DATETIME,
    "needs_reading" BOOLEAN NOT NULL DEFAULT false,
    "removed_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "review_cards_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "review_cards_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "favourites" (
    "user_id" INTEGER NOT NULL,
    "question_id" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("user_id", "question_id"),
    CONSTRAINT "favourites_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "favourites_question_id_fkey" FOREIGN KEY ("question_id") REFERENCES "questions" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "paper_blueprints_organization_id_idx" ON "paper_blueprints"("organization_id");
CREATE INDEX "exams_organization_id_opens_at_idx" ON "exams"("organization_id", "opens_at");
CREATE INDEX "exams_closes_at_idx" ON "exams"("closes_at");
CREATE INDEX "exams_make_up_of_id_idx" ON "exams"("make_up_of_id");
CREATE INDEX "exam_audience_exam_id_idx" ON "exam_audience"("exam_id");
CREATE INDEX "exam_audience_organization_id_idx" ON "exam_audience"("organization_id");
CREATE INDEX "exam_audience_user_id_idx" ON "exam_audience"("user_id");
CREATE INDEX "exam_overrides_exam_id_idx" ON "exam_overrides"("exam_id");
CREATE INDEX "attempts_status_deadline_idx" ON "attempts"("status", "deadline");
CREATE INDEX "attempts_user_id_status_idx" ON "attempts"("user_id", "status");
CREATE UNIQUE INDEX "attempts_exam_id_user_id_attempt_no_key" ON "attempts"("exam_id", "user_id", "attempt_no");
CREATE INDEX "attempt_items_question_version_id_idx" ON "attempt_items"("question_version_id");
CREATE UNIQUE INDEX "attempt_items_attempt_id_ordinal_key" ON "attempt_items"("attempt_id", "ordinal");
CREATE INDEX "practice_answers_user_id_answered_at_idx" ON "practice_answers"("user_id", "answered_at");
CREATE INDEX "practice_answers_question_version_id_idx" ON "practice_answers"("question_version_id");
CREATE INDEX "review_cards_user_id_due_idx" ON "review_cards"("user_id", "due");
CREATE INDEX "review_cards_question_id_idx" ON "review_cards"("question_id");
CREATE UNIQUE INDEX "review_cards_user_id_question_id_key" ON "review_cards"("user_id", "question_id");
CREATE INDEX "favourites_question_id_idx" ON "favourites"("question_id");
CREATE INDEX "exams_blueprint_id_idx" ON "exams"("blueprint_id");
