-- CreateTable
CREATE TABLE "DigestEntry" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "storyId" INTEGER NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "outletCount" INTEGER NOT NULL,
    "languages" TEXT NOT NULL,
    "updateReason" TEXT,

    CONSTRAINT "DigestEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DigestEntry_channel_storyId_idx" ON "DigestEntry"("channel", "storyId");

-- CreateIndex
CREATE INDEX "DigestEntry_channel_sentAt_idx" ON "DigestEntry"("channel", "sentAt");
