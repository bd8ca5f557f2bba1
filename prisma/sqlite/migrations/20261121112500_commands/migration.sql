-- DropIndex
DROP INDEX "Story_lastPublishedAt_idx";

-- DropIndex
DROP INDEX "Story_firstPublishedAt_idx";

-- CreateTable
CREATE TABLE "StoryEntity" (
    "storyId" INTEGER NOT NULL,
    "entity" TEXT NOT NULL,
    "firstPublishedAt" DATETIME NOT NULL,

    PRIMARY KEY ("storyId", "entity"),
    CONSTRAINT "StoryEntity_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StorySearch" (
    "storyId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "text" TEXT NOT NULL,
    "lastPublishedAt" DATETIME NOT NULL,
    CONSTRAINT "StorySearch_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "workspaceId" TEXT,
    "topic" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "StoryEntity_entity_firstPublishedAt_idx" ON "StoryEntity"("entity", "firstPublishedAt");

-- CreateIndex
CREATE INDEX "StorySearch_lastPublishedAt_idx" ON "StorySearch"("lastPublishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Subscription_channelKey_topic_key" ON "Subscription"("channelKey", "topic");

-- CreateIndex
CREATE INDEX "Story_lastPublishedAt_firstPublishedAt_idx" ON "Story"("lastPublishedAt", "firstPublishedAt");

-- CreateIndex
CREATE INDEX "Story_firstPublishedAt_outletCount_idx" ON "Story"("firstPublishedAt", "outletCount");


-- Backfill: a story's entities are the alias ids among its centroid features ("c:person:putin"). Search rows are
-- filled by the store at open (src/7-store/search-index.ts): their lower-casing must match the JavaScript one.
INSERT INTO "StoryEntity" ("storyId", "entity", "firstPublishedAt")
SELECT s."id", substr(f."key", 3), s."firstPublishedAt" FROM "Story" s, json_each(s."centroid") f WHERE f."key" LIKE 'c:%';
