-- CreateTable
CREATE TABLE "StoryEvent" (
    "storyId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "day" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "typeScores" TEXT NOT NULL,
    "participants" TEXT NOT NULL,
    "place" TEXT,
    "title" TEXT NOT NULL,
    "titles" TEXT NOT NULL,
    "sources" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "outletCount" INTEGER NOT NULL,
    "itemCount" INTEGER NOT NULL,
    CONSTRAINT "StoryEvent_storyId_fkey" FOREIGN KEY ("storyId") REFERENCES "Story" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "StoryEvent_day_outletCount_participants_idx" ON "StoryEvent"("day", "outletCount", "participants");

-- Issue 7: timeline events. Rows for existing stories are worked out by newsbot itself (src/services/story-events.ts):
-- at start for stories that have none, and after clustering for the stories it touched.
