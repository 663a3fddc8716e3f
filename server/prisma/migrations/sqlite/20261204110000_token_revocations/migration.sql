-- A feed of revocations every process polls once a second (`WHERE id > last`), so a logout, a
-- disabled account or a changed role reaches the actor cache of every process.
CREATE TABLE "token_revocations" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "user_id" INTEGER,
    "token_id" INTEGER,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE INDEX "token_revocations_created_at_idx" ON "token_revocations"("created_at");
