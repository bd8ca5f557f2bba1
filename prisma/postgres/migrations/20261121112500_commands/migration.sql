-- DropIndex
DROP INDEX "Story_lastPublishedAt_idx";

-- DropIndex
DROP INDEX "Story_firstPublishedAt_idx";

-- CreateTable
CREATE TABLE "StoryEntity" (
    "storyId" INTEGER NOT NULL,
    "entity" TEXT NOT NULL,
    "firstPublishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StoryEntity_pkey" PRIMARY KEY ("storyId","entity")
);

-- CreateTable
CREATE TABLE "StorySearch" (
    "storyId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "lastPublishedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StorySearch_pkey" PRIMARY KEY ("storyId")
);

-- CreateTable
CREATE TABLE "Subscription" (
    "id" SERIAL NOT NULL,
    "platform" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "workspaceId" TEXT,
    "topic" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Subscription_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "StoryEntity" ADD CONSTRAINT "StoryEntity_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StorySearch" ADD CONSTRAINT "StorySearch_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: a story's entities are the alias ids among its centroid features ("c:person:putin"). Search rows are
-- filled by the store at open (src/7-store/search-index.ts): their lower-casing must match the JavaScript one.
INSERT INTO "StoryEntity" ("storyId", "entity", "firstPublishedAt")
SELECT s."id", substr(f, 3), s."firstPublishedAt" FROM "Story" s, jsonb_object_keys(s."centroid"::jsonb) f WHERE f LIKE 'c:%';
