// The console's scheduled delivery: a digest or alert due for a console subscription is printed by the process
// that delivers it (`newsbot start`, `newsbot deliver`, a worker), through the same outbox as Discord and Slack.
import type { PlatformSender } from '../../services/delivery/platform.js'

export function createConsoleSender(write: (text: string) => void): PlatformSender {
  let printed = 0
  return {
    async send(_channel, body) {
      write(String(body))
      return `console:${process.pid}:${++printed}`
    },
    // A terminal cannot be asked what it already shows: after a crash between printing and recording, it prints again.
    findSent: async () => null,
    async notice(_channel, text) {
      write(text)
    },
  }
}
