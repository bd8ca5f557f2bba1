-- CreateTable
CREATE TABLE "ChannelTopic" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "scopeKey" TEXT NOT NULL,
    "topicId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "terms" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "taggedThrough" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ChannelTopic_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChannelTopicItem" (
    "topicId" INTEGER NOT NULL,
    "itemId" INTEGER NOT NULL,

    CONSTRAINT "ChannelTopicItem_pkey" PRIMARY KEY ("topicId","itemId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ChannelTopic_key_key" ON "ChannelTopic"("key");

-- CreateIndex
CREATE INDEX "ChannelTopic_scopeKey_idx" ON "ChannelTopic"("scopeKey");

-- CreateIndex
CREATE INDEX "ChannelTopicItem_itemId_idx" ON "ChannelTopicItem"("itemId");

-- AddForeignKey
ALTER TABLE "ChannelTopicItem" ADD CONSTRAINT "ChannelTopicItem_topicId_fkey" FOREIGN KEY ("topicId") REFERENCES "ChannelTopic"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChannelTopicItem" ADD CONSTRAINT "ChannelTopicItem_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Issue 18: a channel's own topics (/topics add). Items stored before a topic existed are tagged by newsbot itself
-- (src/services/channel-topics.ts), from the topic's taggedThrough upwards.
