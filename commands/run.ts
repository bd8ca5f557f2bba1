// Runs one command for any front end: finds it, checks where and by whom it may run, checks the options, and
// turns every failure into a reply: the user's mistakes in their language, bugs as a logged, generic apology.
import { checkOptions, subcommandOf, type RawOptions } from './options.js'
import { findCommand } from './registry.js'
import { notice } from './shared.js'
import { UserError, type CommandRequest, type CommandServices, type Invoker, type Lang, type Localised, type Reply } from './types.js'

export interface Invocation {
  command: string
  subcommand: string | null
  options: RawOptions
  invoker: Invoker
  now?: Date
}

const APOLOGY: Localised = {
  en: 'Sorry, something went wrong on our side while answering that. It has been logged; please try again later.',
  ja: '申し訳ありません。処理中に内部エラーが発生しました。記録しましたので、しばらくしてからもう一度お試しください。',
}

const NEEDS_MANAGER: Record<Invoker['platform'], Localised> = {
  discord: {
    en: 'You need the Manage Channels permission (or the bot manager role) here to change this.',
    ja: 'この変更には「チャンネルの管理」権限（またはボット管理ロール）が必要です。',
  },
  slack: {
    en: 'Only members of this channel (or workspace admins, if so configured) can change this.',
    ja: 'この変更はこのチャンネルのメンバー（設定によってはワークスペース管理者）だけが行えます。',
  },
  console: { en: 'Not allowed.', ja: '許可されていません。' },
}

const CHANNEL_ONLY: Localised = {
  en: 'This works in a channel, not in direct messages: run it in the channel that should get the news.',
  ja: 'このコマンドはダイレクトメッセージでは使えません。ニュースを受け取るチャンネルで実行してください。',
}

/** What became of a request: answered, refused as the user's mistake, or failed on our side (logged). */
export type Answer = { reply: Reply; outcome: 'answered' | 'failure' } | { reply: Reply; outcome: 'mistake'; mistake: UserError }

/** Parses nothing and throws nothing: the reply is always something to show. */
export async function runCommand(invocation: Invocation, services: CommandServices): Promise<Reply> {
  return (await answerCommand(invocation, services)).reply
}

/** runCommand, saying also how it went, for front ends whose answer has a status (the console's exit code). */
export async function answerCommand(invocation: Invocation, services: CommandServices): Promise<Answer> {
  const { invoker } = invocation
  try {
    const request = checkedRequest(invocation)
    return { reply: await findCommand(request.command)!.run(request, services), outcome: 'answered' }
  } catch (err) {
    if (err instanceof UserError) return { reply: notice('error', err.text[invoker.locale]), outcome: 'mistake', mistake: err }
    services.log.error('command failed', {
      command: invocation.command,
      subcommand: invocation.subcommand ?? undefined,
      platform: invoker.platform,
      channel: invoker.channelKey,
      user: invoker.userId,
      error: err instanceof Error ? err : String(err),
    })
    return { reply: notice('error', APOLOGY[invoker.locale]), outcome: 'failure' }
  }
}

/** Throws a UserError when the command cannot run as asked. */
export function checkedRequest({ command, subcommand, options, invoker, now }: Invocation): CommandRequest {
  const def = findCommand(command)
  if (!def) throw new UserError({ en: `There is no /${command} command.`, ja: `/${command} というコマンドはありません。` })
  const sub = subcommandOf(def, subcommand)
  if ((def.channelOnly || sub?.channelOnly) && invoker.inDirectMessage) throw new UserError(CHANNEL_ONLY)
  if ((def.managerOnly || sub?.managerOnly) && !invoker.canManage) throw new UserError(NEEDS_MANAGER[invoker.platform])
  return { command, subcommand: sub?.name ?? null, options: checkOptions(def, sub?.name ?? null, options), invoker, now: now ?? new Date() }
}

export function localeOf(tag: string | null | undefined): Lang {
  return tag?.toLowerCase().startsWith('ja') ? 'ja' : 'en'
}
