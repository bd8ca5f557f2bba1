-- Issue 18: filters per subscription, as JSON text (src/services/story-filters.ts); existing subscriptions have none.
-- AlterTable
ALTER TABLE "Subscription" ADD COLUMN "filters" TEXT NOT NULL DEFAULT '{}';
