// Both chat platforms faked for a describe block (or a file): started before its tests, closed after them.
import { afterAll, beforeAll } from 'vitest'
import { startFakeDiscord, type FakeDiscord } from './fake-discord.js'
import { startFakeSlack, type FakeSlack } from './fake-slack.js'

export interface FakePlatforms {
  discord: FakeDiscord
  slack: FakeSlack
}

export function fakePlatforms(): FakePlatforms {
  const fakes = {} as FakePlatforms
  beforeAll(async () => {
    fakes.discord = await startFakeDiscord()
    fakes.slack = await startFakeSlack()
  })
  afterAll(async () => {
    await fakes.discord?.close()
    await fakes.slack?.close()
  })
  return fakes
}
