-- Study roll-ups per cadre per Beijing day, month and year (server/src/rollups/study-days.ts),
-- read by the study report and the dashboard. On a database with study data, fill them once after
-- this migration: npm run rollups -- rebuild --only study-days
-- CreateTable
CREATE TABLE "study_day_rollups" (
    "user_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "credited_ms" INTEGER NOT NULL,
    "sessions_started" INTEGER NOT NULL,
    "started_credit_seconds" INTEGER NOT NULL,
    "sessions_carried_in" INTEGER NOT NULL,
    "checks_asked" INTEGER NOT NULL,
    "checks_passed" INTEGER NOT NULL,
    "meetings_invited" INTEGER NOT NULL,
    "meetings_attended" INTEGER NOT NULL,
    "offline_minutes" INTEGER NOT NULL,

    PRIMARY KEY ("user_id", "day"),
    CONSTRAINT "study_day_rollups_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "study_month_rollups" (
    "user_id" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "credited_ms" BIGINT NOT NULL,
    "sessions_started" INTEGER NOT NULL,
    "started_credit_seconds" INTEGER NOT NULL,
    "checks_asked" INTEGER NOT NULL,
    "checks_passed" INTEGER NOT NULL,
    "meetings_invited" INTEGER NOT NULL,
    "meetings_attended" INTEGER NOT NULL,
    "offline_minutes" INTEGER NOT NULL,

    PRIMARY KEY ("user_id", "month"),
    CONSTRAINT "study_month_rollups_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "study_year_rollups" (
    "user_id" INTEGER NOT NULL,
    "year" TEXT NOT NULL,
    "credited_ms" BIGINT NOT NULL,
    "sessions_started" INTEGER NOT NULL,
    "started_credit_seconds" INTEGER NOT NULL,
    "checks_asked" INTEGER NOT NULL,
    "checks_passed" INTEGER NOT NULL,
    "meetings_invited" INTEGER NOT NULL,
    "meetings_attended" INTEGER NOT NULL,
    "offline_minutes" INTEGER NOT NULL,

    PRIMARY KEY ("user_id", "year"),
    CONSTRAINT "study_year_rollups_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "study_flag_day_rollups" (
    "user_id" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "flags" INTEGER NOT NULL,

    PRIMARY KEY ("user_id", "day", "kind", "status"),
    CONSTRAINT "study_flag_day_rollups_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
