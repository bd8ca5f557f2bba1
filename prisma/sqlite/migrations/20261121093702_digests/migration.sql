-- CreateTable
CREATE TABLE "DigestEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "storyId" INTEGER NOT NULL,
    "sentAt" DATETIME NOT NULL,
    "outletCount" INTEGER NOT NULL,
    "languages" TEXT NOT NULL,
    "updateReason" TEXT
);

-- CreateIndex
CREATE INDEX "DigestEntry_channel_storyId_idx" ON "DigestEntry"("channel", "storyId");

-- CreateIndex
CREATE INDEX "DigestEntry_channel_sentAt_idx" ON "DigestEntry"("channel", "sentAt");
