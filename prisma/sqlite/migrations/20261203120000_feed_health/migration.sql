-- Issue 18: feeds that report their own health. A feed that keeps failing is paused (not polled) until resumed, and
-- the channel that added it from chat is told; existing feeds are neither paused nor known to a channel.
-- AlterTable
ALTER TABLE "Feed" ADD COLUMN "pausedAt" DATETIME;
ALTER TABLE "Feed" ADD COLUMN "pausedReason" TEXT;
ALTER TABLE "Feed" ADD COLUMN "addedByPlatform" TEXT;
ALTER TABLE "Feed" ADD COLUMN "addedByChannelId" TEXT;
ALTER TABLE "Feed" ADD COLUMN "addedByLang" TEXT;
