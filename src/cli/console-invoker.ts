// Who runs a command in the terminal: the operator, who may change anything; the console is one channel of its own.
import { localeOf } from '../../commands/run.js'
import type { Invoker } from '../../commands/types.js'

export function consoleInvoker(overrides: Partial<Invoker> = {}): Invoker {
  return {
    platform: 'console',
    channelKey: 'console',
    channelId: 'console',
    workspaceId: null,
    userId: 'console',
    inDirectMessage: false,
    canManage: true,
    locale: localeOf(process.env.LANG),
    ...overrides,
  }
}
