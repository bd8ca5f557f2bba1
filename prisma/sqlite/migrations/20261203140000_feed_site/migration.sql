-- Issue 18: a feed's site (OPML's htmlUrl), kept from an imported OPML file so that an export gives it back;
-- feeds from the config or chat have none until one is known.
-- AlterTable
ALTER TABLE "Feed" ADD COLUMN "siteUrl" TEXT;
