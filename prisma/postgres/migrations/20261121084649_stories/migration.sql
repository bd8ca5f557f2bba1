-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "clusteredAt" TIMESTAMP(3),
ADD COLUMN     "duplicateOfId" INTEGER,
ADD COLUMN     "signature" TEXT,
ADD COLUMN     "storyId" INTEGER;

-- CreateTable
CREATE TABLE "ItemBand" (
    "key" TEXT NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "ItemBand_pkey" PRIMARY KEY ("key","itemId")
);

-- CreateTable
CREATE TABLE "Story" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "headlines" TEXT NOT NULL,
    "languages" TEXT NOT NULL,
    "outlets" TEXT NOT NULL,
    "outletCount" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "size" INTEGER NOT NULL,
    "centroid" TEXT NOT NULL,
    "firstPublishedAt" TIMESTAMP(3) NOT NULL,
    "lastPublishedAt" TIMESTAMP(3) NOT NULL,
    "lastUpdatedAt" TIMESTAMP(3) NOT NULL,
    "updateReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Story_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoryTopic" (
    "storyId" INTEGER NOT NULL,
    "topic" TEXT NOT NULL,

    CONSTRAINT "StoryTopic_pkey" PRIMARY KEY ("storyId","topic")
);

-- CreateIndex
CREATE INDEX "ItemBand_itemId_idx" ON "ItemBand"("itemId");

-- CreateIndex
CREATE INDEX "Story_lastPublishedAt_idx" ON "Story"("lastPublishedAt");

-- CreateIndex
CREATE INDEX "Story_firstPublishedAt_idx" ON "Story"("firstPublishedAt");

-- CreateIndex
CREATE INDEX "StoryTopic_topic_idx" ON "StoryTopic"("topic");

-- CreateIndex
CREATE INDEX "Item_storyId_idx" ON "Item"("storyId");

-- CreateIndex
CREATE INDEX "Item_clusteredAt_publishedAt_idx" ON "Item"("clusteredAt", "publishedAt");

-- AddForeignKey
ALTER TABLE "Item" ADD CONSTRAINT "Item_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ItemBand" ADD CONSTRAINT "ItemBand_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoryTopic" ADD CONSTRAINT "StoryTopic_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story"("id") ON DELETE CASCADE ON UPDATE CASCADE;
