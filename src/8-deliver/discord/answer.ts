// Answering one interaction within Discord's deadlines: a command is acknowledged within 3 seconds (deferred when
// its answer is not ready by then) and may answer in several messages; page buttons swap the page in place.
import { MessageFlags, type AutocompleteInteraction, type ButtonInteraction, type CommandInteraction } from 'discord.js'
import { checkedRequest, runCommand, type Invocation } from '../../../commands/run.js'
import { notice } from '../../../commands/shared.js'
import { findCommand } from '../../../commands/registry.js'
import type { CommandServices, Lang, Localised, Reply } from '../../../commands/types.js'
import type { PageCache } from '../page-cache.js'
import { pageRefusal, parsePageButtonId } from '../page-cache.js'
import { paginate } from '../reply-pages.js'
import { cleanText, truncateAtWord } from '../text.js'
import { commandInput, invokerOf } from './interaction-input.js'
import { EPHEMERAL, renderDiscordPage, renderDiscordReply, type DiscordReplyBody } from './render-reply.js'

export interface AnswerContext {
  services: CommandServices
  pages: PageCache
  managerRole: string | null
  deferAfterMs: number
}

/** Discord gives autocomplete 3 seconds and no way to defer: slower suggestions are dropped. */
const SUGGEST_WITHIN_MS = 2500
const MAX_CHOICES = 25
const CHOICE_LENGTH = 100

const TEXT = {
  staleButton: { en: 'This button no longer works. Run the command again.', ja: 'このボタンは使えなくなりました。もう一度コマンドを実行してください。' },
  unknownCommand: (name: string): Localised => ({ en: `newsbot has no "${name}" command.`, ja: `newsbot に「${name}」というコマンドはありません。` }),
} satisfies Record<string, Localised | ((name: string) => Localised)>

/** The step being taken when a platform call fails, for the log. */
export interface Progress {
  step: string
}

/** discord.js options from a rendered body; `allowedMentions` is repeated here as well as on the client, on purpose. */
function messageOptions(body: DiscordReplyBody) {
  const files = body.file && [{ attachment: Buffer.from(body.file.text, 'utf8'), name: body.file.name }]
  return { content: body.content, embeds: body.embeds, components: body.components, allowedMentions: { parse: [] }, flags: body.flags ?? 0, ...(files && { files }) }
}

/** Edits and updates cannot change a message's flags (Discord rejects EPHEMERAL there). */
function editOptions(body: DiscordReplyBody) {
  const { flags: _flags, ...rest } = messageOptions(body)
  return rest
}

function bodiesFor(reply: Reply, userId: string, locale: Lang, pages: PageCache): DiscordReplyBody[] {
  const [first, ...rest] = renderedBodies(reply, userId, locale, pages)
  if (!first) return []
  // A file goes with the first message, the one the user sees as the answer.
  return [reply.file ? { ...first, file: reply.file } : first, ...rest]
}

function renderedBodies(reply: Reply, userId: string, locale: Lang, pages: PageCache): DiscordReplyBody[] {
  if (reply.kind !== 'entries') return renderDiscordReply(reply, { locale })
  const all = paginate(reply)
  const pageToken = all.length > 1 ? pages.put({ pages: all, userId, ephemeral: reply.ephemeral }) : null
  return [renderDiscordPage(all, 1, { pageToken, locale, ephemeral: reply.ephemeral })]
}

/** True when the command will not be refused before it runs (so a slow one is worth deferring for at once). */
function accepted(invocation: Invocation): boolean {
  try {
    checkedRequest(invocation)
    return true
  } catch {
    return false
  }
}

export async function answerCommand(interaction: CommandInteraction, context: AnswerContext, progress: Progress): Promise<void> {
  const invoker = invokerOf(interaction, context.managerRole)
  let running: Promise<Reply>
  let slow = false
  if (interaction.isChatInputCommand()) {
    const invocation: Invocation = { command: interaction.commandName, ...commandInput(interaction), invoker }
    slow = (findCommand(invocation.command)?.slow ?? false) && accepted(invocation)
    progress.step = 'run'
    running = runCommand(invocation, context.services)
  } else {
    // User and message context-menu commands: newsbot registers none, so this is a foreign or stale payload.
    running = Promise.resolve(notice('error', TEXT.unknownCommand(interaction.commandName)[invoker.locale]))
  }
  const deferred = await acknowledge(interaction, running, slow, context.deferAfterMs, progress)
  const reply = await running
  await deliver(interaction, bodiesFor(reply, invoker.userId, invoker.locale, context.pages), deferred, progress)
}

/** Defers (a public "thinking…") when the answer is slow; returns whether it did. */
async function acknowledge(interaction: CommandInteraction, running: Promise<Reply>, slow: boolean, deferAfterMs: number, progress: Progress): Promise<boolean> {
  if (!slow) {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deferAfterMs)))
    const first = await Promise.race([running, late])
    clearTimeout(timer)
    if (first !== 'late') return false
  }
  progress.step = 'defer'
  await interaction.deferReply()
  return true
}

async function deliver(interaction: CommandInteraction, bodies: DiscordReplyBody[], deferred: boolean, progress: Progress): Promise<void> {
  const [first, ...rest] = bodies
  if (!first) return
  if (!deferred) {
    progress.step = 'reply'
    await interaction.reply(messageOptions(first))
  } else if ((first.flags ?? 0) & EPHEMERAL) {
    // The deferral was public and a deferred reply cannot turn ephemeral: remove it and answer privately instead.
    progress.step = 'delete deferred reply'
    await interaction.deleteReply()
    progress.step = 'follow-up'
    await interaction.followUp(messageOptions(first))
  } else {
    progress.step = 'edit reply'
    await interaction.editReply(editOptions(first))
  }
  for (const body of rest) {
    progress.step = 'follow-up'
    await interaction.followUp(messageOptions(body))
  }
}

export async function answerAutocomplete(interaction: AutocompleteInteraction, context: AnswerContext, progress: Progress): Promise<void> {
  const definition = findCommand(interaction.commandName)
  const focused = interaction.options.getFocused(true)
  const invoker = invokerOf(interaction, context.managerRole)
  let choices: { name: string; value: string }[] = []
  if (definition?.suggest) {
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<[]>((resolve) => (timer = setTimeout(() => resolve([]), SUGGEST_WITHIN_MS)))
    try {
      progress.step = 'suggest'
      choices = await Promise.race([definition.suggest(focused.name, String(focused.value), context.services, invoker), late])
    } catch (err) {
      // Suggestions are a convenience: the command still checks what is finally sent.
      context.services.log.warn('discord: suggestions failed', { command: interaction.commandName, option: focused.name, error: err instanceof Error ? err : String(err) })
    } finally {
      clearTimeout(timer)
    }
  }
  progress.step = 'autocomplete response'
  await interaction.respond(
    choices
      .map((c) => ({ name: truncateAtWord(cleanText(c.name), CHOICE_LENGTH), value: c.value }))
      .filter((c) => c.name && c.value && c.value.length <= CHOICE_LENGTH)
      .slice(0, MAX_CHOICES),
  )
}

export async function answerButton(interaction: ButtonInteraction, context: AnswerContext, progress: Progress): Promise<void> {
  const locale = invokerOf(interaction, context.managerRole).locale
  const refuse = (text: Localised) => {
    progress.step = 'refuse button'
    return interaction.reply({ content: `⚠️ ${text[locale]}`, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } })
  }
  const target = parsePageButtonId(interaction.customId)
  if (!target) return void (await refuse(TEXT.staleButton))
  const stored = context.pages.get(target.token)
  const refusal = pageRefusal(stored, interaction.user.id)
  if (!stored || refusal) return void (await refuse(refusal!))
  progress.step = 'turn page'
  await interaction.update(editOptions(renderDiscordPage(stored.pages, target.page, { pageToken: target.token, locale, ephemeral: stored.ephemeral })))
}
