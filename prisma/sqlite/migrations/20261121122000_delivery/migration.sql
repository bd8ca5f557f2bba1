-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "subscriptionId" INTEGER NOT NULL,
    "platform" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bodies" TEXT NOT NULL,
    "record" TEXT,
    "state" TEXT NOT NULL DEFAULT 'planned',
    "partsSent" INTEGER NOT NULL DEFAULT 0,
    "messageIds" TEXT NOT NULL DEFAULT '[]',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "nextAttemptAt" DATETIME NOT NULL,
    "plannedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sendingAt" DATETIME,
    "sentAt" DATETIME
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Subscription" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "channelKey" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "workspaceId" TEXT,
    "topic" TEXT NOT NULL,
    "time" TEXT NOT NULL,
    "timezone" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "storyAlerts" BOOLEAN NOT NULL DEFAULT false,
    "alertMinOutlets" INTEGER NOT NULL DEFAULT 3,
    "ceasefireAlerts" BOOLEAN NOT NULL DEFAULT false,
    "alertsSince" DATETIME,
    "pausedAt" DATETIME,
    "pausedReason" TEXT
);
INSERT INTO "new_Subscription" ("channelId", "channelKey", "createdAt", "createdBy", "id", "lang", "platform", "time", "timezone", "topic", "updatedAt", "workspaceId") SELECT "channelId", "channelKey", "createdAt", "createdBy", "id", "lang", "platform", "time", "timezone", "topic", "updatedAt", "workspaceId" FROM "Subscription";
DROP TABLE "Subscription";
ALTER TABLE "new_Subscription" RENAME TO "Subscription";
CREATE UNIQUE INDEX "Subscription_channelKey_topic_key" ON "Subscription"("channelKey", "topic");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_state_nextAttemptAt_idx" ON "OutboxMessage"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_subscriptionId_idx" ON "OutboxMessage"("subscriptionId");

