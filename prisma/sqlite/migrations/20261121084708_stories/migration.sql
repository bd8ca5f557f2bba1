-- CreateTable
CREATE TABLE "ItemBand" (
    "key" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,

    PRIMARY KEY ("key", "itemId"),
    CONSTRAINT "ItemBand_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Story" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "headlines" TEXT NOT NULL,
    "languages" TEXT NOT NULL,
    "outlets" TEXT NOT NULL,
    "outletCount" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "centroid" TEXT NOT NULL,
    "firstPublishedAt" DATETIME NOT NULL,
    "lastPublishedAt" DATETIME NOT NULL,
    "lastUpdatedAt" DATETIME NOT NULL,
    "updateReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "StoryTopic" (
    "storyId" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,

    PRIMARY KEY ("storyId", "topic"),
    CONSTRAINT "StoryTopic_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Item" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "feedId" INTEGER NOT NULL,
    "guid" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "author" TEXT,
    "sourceName" TEXT,
    "publishedAt" DATETIME NOT NULL,
    "publishedAtEstimated" BOOLEAN NOT NULL DEFAULT false,
    "firstSeenAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "contentHash" TEXT NOT NULL,
    "backfill" BOOLEAN NOT NULL DEFAULT false,
    "storyId" INTEGER,
    "duplicateOfId" INTEGER,
    "clusteredAt" DATETIME,
    "signature" TEXT,
    CONSTRAINT "Item_feedId_fkey" FOREIGN KEY ("feedId") REFERENCES "Feed" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Item_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Item" ("author", "backfill", "contentHash", "feedId", "firstSeenAt", "guid", "id", "language", "publishedAt", "publishedAtEstimated", "sourceName", "text", "title", "updatedAt", "url") SELECT "author", "backfill", "contentHash", "feedId", "firstSeenAt", "guid", "id", "language", "publishedAt", "publishedAtEstimated", "sourceName", "text", "title", "updatedAt", "url" FROM "Item";
DROP TABLE "Item";
ALTER TABLE "new_Item" RENAME TO "Item";
CREATE UNIQUE INDEX "Item_url_key" ON "Item"("url");
CREATE INDEX "Item_publishedAt_idx" ON "Item"("publishedAt");
CREATE INDEX "Item_storyId_idx" ON "Item"("storyId");
CREATE INDEX "Item_clusteredAt_publishedAt_idx" ON "Item"("clusteredAt", "publishedAt");
CREATE UNIQUE INDEX "Item_feedId_guid_key" ON "Item"("feedId", "guid");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ItemBand_itemId_idx" ON "ItemBand"("itemId");

-- CreateIndex
CREATE INDEX "Story_lastPublishedAt_idx" ON "Story"("lastPublishedAt");

-- CreateIndex
CREATE INDEX "Story_firstPublishedAt_idx" ON "Story"("firstPublishedAt");

-- CreateIndex
CREATE INDEX "StoryTopic_topic_idx" ON "StoryTopic"("topic");
