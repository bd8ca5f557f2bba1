// A real Bolt app on 127.0.0.1 talking to the fake Slack, and signed `/newsbot <text>` requests to it: what the
// platform tests of the chat commands share. Alice (U0ALICE) is a member of #news (C0NEWS).
import type { CommandServices } from '../../commands/types.js'
import { startSlackApp } from '../../src/8-deliver/slack/app.js'
import { signSlackRequest, slashCommandFields, startFakeSlack, type FakeSlack, type SlackCall } from './fake-slack.js'

const SIGNING_SECRET = 'test-signing-secret'

export interface SlackCommands {
  fake: FakeSlack
  /** Sends `/newsbot <text>`; resolves with the first message sent to its response_url. */
  ask(text: string, fields?: Record<string, string>): Promise<{ reply: SlackCall; responseUrl: string }>
  stop(): Promise<void>
}

export async function startSlackCommands(services: CommandServices): Promise<SlackCommands> {
  const fake = await startFakeSlack()
  fake.members.set('C0NEWS', ['U0ALICE'])
  const app = await startSlackApp({ botToken: 'xoxb-test', mode: 'http', signingSecret: SIGNING_SECRET, port: 0, host: '127.0.0.1', adminsOnly: false, services, log: services.log, apiUrl: fake.apiUrl })
  const url = `http://127.0.0.1:${app.port}/slack/events`
  let responses = 0
  return {
    fake,
    async ask(text, fields = {}) {
      const responseUrl = fake.responseUrl(`command${++responses}`)
      const body = new URLSearchParams(slashCommandFields(responseUrl, text, fields)).toString()
      await (await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...signSlackRequest(SIGNING_SECRET, body) } })).text()
      return { reply: await fake.waitFor((c) => fake.base + c.path === responseUrl, 10_000), responseUrl }
    },
    async stop() {
      await app.stop()
      await fake.close()
    },
  }
}
