-- 学·讲·述·考 campaigns: audience, requirements, task instances, lectures and 述法 reports.
-- CreateTable
CREATE TABLE "campaigns" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "starts_at" DATETIME NOT NULL,
    "ends_at" DATETIME NOT NULL,
    "key_minority_only" BOOLEAN NOT NULL,
    "created_by_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL,
    CONSTRAINT "campaigns_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "campaign_audience" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaign_id" INTEGER NOT NULL,
    "organization_id" INTEGER,
    "user_id" INTEGER,
    CONSTRAINT "campaign_audience_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "campaign_requirements" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaign_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "params" JSONB NOT NULL,
    "recurrence" TEXT,
    "due_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "campaign_requirements_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "task_instances" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requirement_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "period_key" TEXT NOT NULL,
    "opens_at" DATETIME NOT NULL,
    "due_at" DATETIME NOT NULL,
    "exam_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "task_instances_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "campaign_requirements" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "task_instances_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "task_instances_exam_id_fkey" FOREIGN KEY ("exam_id") REFERENCES "exams" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "lectures" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "title" TEXT NOT NULL,
    "given_at" DATETIME NOT NULL,
    "audience_size" INTEGER NOT NULL,
    "statutes" JSONB NOT NULL,
    "material_name" TEXT,
    "material" BLOB,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "review_note" TEXT,
    "reviewed_by_id" INTEGER,
    "reviewed_at" DATETIME,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "lectures_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "lectures_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "law_reports" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "requirement_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "period_key" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "attachment_name" TEXT,
    "attachment" BLOB,
    "status" TEXT NOT NULL DEFAULT 'submitted',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "submitted_at" DATETIME NOT NULL,
    "return_note" TEXT,
    "scores" JSONB,
    "total_score" REAL,
    "reviewed_by_id" INTEGER,
    "reviewed_at" DATETIME,
    CONSTRAINT "law_reports_requirement_id_fkey" FOREIGN KEY ("requirement_id") REFERENCES "campaign_requirements" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "law_reports_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "campaigns_organization_id_starts_at_idx" ON "campaigns"("organization_id", "starts_at");
CREATE INDEX "campaign_audience_campaign_id_idx" ON "campaign_audience"("campaign_id");
CREATE INDEX "campaign_audience_organization_id_idx" ON "campaign_audience"("organization_id");
CREATE INDEX "campaign_audience_user_id_idx" ON "campaign_audience"("user_id");
CREATE INDEX "campaign_requirements_campaign_id_idx" ON "campaign_requirements"("campaign_id");
CREATE INDEX "task_instances_user_id_due_at_idx" ON "task_instances"("user_id", "due_at");
CREATE INDEX "task_instances_exam_id_idx" ON "task_instances"("exam_id");
CREATE UNIQUE INDEX "task_instances_requirement_id_user_id_period_key_key" ON "task_instances"("requirement_id", "user_id", "period_key");
CREATE INDEX "lectures_user_id_given_at_idx" ON "lectures"("user_id", "given_at");
CREATE INDEX "lectures_campaign_id_status_idx" ON "lectures"("campaign_id", "status");
CREATE INDEX "law_reports_user_id_idx" ON "law_reports"("user_id");
CREATE UNIQUE INDEX "law_reports_requirement_id_user_id_period_key_key" ON "law_reports"("requirement_id", "user_id", "period_key");
