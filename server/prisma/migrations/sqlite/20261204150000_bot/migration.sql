-- The Wechaty bot: bound contacts, linked groups, daily-question rounds and their answers.
-- CreateTable
CREATE TABLE "bot_contacts" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "contact_key" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "bound_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "bot_groups" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "room_key" TEXT NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "linked_by_id" INTEGER NOT NULL,
    "daily_cron" TEXT NOT NULL DEFAULT '0 9 * * *',
    "answer_minutes" INTEGER NOT NULL DEFAULT 480,
    "show_ranking" BOOLEAN NOT NULL DEFAULT false,
    "linked_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "bot_daily_rounds" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "group_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "question_id" INTEGER NOT NULL,
    "version_id" INTEGER NOT NULL,
    "opens_at" DATETIME NOT NULL,
    "closes_at" DATETIME NOT NULL,
    "closed_at" DATETIME
);

-- CreateTable
CREATE TABLE "bot_daily_answers" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "round_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answered_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "bot_contacts_contact_key_key" ON "bot_contacts"("contact_key");

-- CreateIndex
CREATE UNIQUE INDEX "bot_contacts_user_id_key" ON "bot_contacts"("user_id");

-- CreateIndex
CREATE UNIQUE INDEX "bot_groups_room_key_key" ON "bot_groups"("room_key");

-- CreateIndex
CREATE INDEX "bot_groups_organization_id_idx" ON "bot_groups"("organization_id");

-- CreateIndex
CREATE INDEX "bot_daily_rounds_closed_at_closes_at_idx" ON "bot_daily_rounds"("closed_at", "closes_at");

-- CreateIndex
CREATE UNIQUE INDEX "bot_daily_rounds_group_id_day_key" ON "bot_daily_rounds"("group_id", "day");

-- CreateIndex
CREATE UNIQUE INDEX "bot_daily_answers_round_id_user_id_key" ON "bot_daily_answers"("round_id", "user_id");
