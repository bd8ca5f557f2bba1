// The LLM judge's one way to the model: a JSON answer from the OpenAI-compatible chat API the summaries use
// (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, LLM_TIMEOUT_MS), bounded so that a judge can never hold up a reply for
// long or run up a bill: every call has the time limit, and at most `callsPerMinute` calls start in any rolling
// minute of this process (a call past it is not made, and the caller keeps the rule reading). Never throws: a
// failure is an answer with a reason, logged without the prompt or the key.
import { silentLogger, type Logger } from '../../log.js'
import { redactSecrets } from '../../redact.js'
import type { Env } from '../../config/env.js'

export interface JudgeChatOptions {
  baseUrl: string
  model: string
  apiKey?: string | undefined
  timeoutMs: number
  /** Calls started in any rolling minute, in this process; 0 = never call. */
  callsPerMinute: number
  now?: () => number
  log?: Logger
}

export type ChatMessage = { role: 'system' | 'user'; content: string }
export type ChatAnswer = { ok: true; data: Record<string, unknown> } | { ok: false; reason: 'budget' | 'timeout' | 'failed' | 'unparseable'; detail?: string }

export interface JudgeChat {
  ask(messages: ChatMessage[]): Promise<ChatAnswer>
}

/** The judge's settings from the environment, or null when NEWSBOT_LLM_JUDGE is off (the default) or no LLM is set. */
export function judgeChatOptionsFromEnv(env: Env, log?: Logger): JudgeChatOptions | null {
  if (!env.NEWSBOT_LLM_JUDGE || !env.LLM_BASE_URL || !env.LLM_MODEL) return null
  return {
    baseUrl: env.LLM_BASE_URL,
    model: env.LLM_MODEL,
    apiKey: env.LLM_API_KEY,
    timeoutMs: env.LLM_TIMEOUT_MS,
    callsPerMinute: env.NEWSBOT_LLM_JUDGE_CALLS_PER_MINUTE,
    ...(log ? { log } : {}),
  }
}

/** The JSON object in a model's answer: possibly fenced, after a <think> block or with prose around it. */
export function jsonObjectIn(content: string): Record<string, unknown> | null {
  let body = content.replace(/<think>[\s\S]*?<\/think>/gi, '').trim()
  const fence = /```(?:json)?\s*([\s\S]*?)```/i.exec(body)
  if (fence) body = fence[1]!.trim()
  const start = body.indexOf('{')
  const end = body.lastIndexOf('}')
  if (start < 0 || end < start) return null
  try {
    const data: unknown = JSON.parse(body.slice(start, end + 1))
    return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : null
  } catch {
    return null
  }
}

const MINUTE = 60_000

export function createJudgeChat(options: JudgeChatOptions): JudgeChat {
  const log = options.log ?? silentLogger
  const now = options.now ?? Date.now
  const endpoint = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`
  const started: number[] = []
  let warnedBudget = 0

  return {
    async ask(messages) {
      const t = now()
      while (started.length && t - started[0]! >= MINUTE) started.shift()
      if (started.length >= options.callsPerMinute) {
        if (t - warnedBudget >= MINUTE) log.info('judge: LLM calls per minute spent, rule readings until the minute is over', { callsPerMinute: options.callsPerMinute })
        warnedBudget = t
        return { ok: false, reason: 'budget' }
      }
      started.push(t)
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
          body: JSON.stringify({ model: options.model, messages, temperature: 0, max_tokens: 400, stream: false, response_format: { type: 'json_object' } }),
          signal: AbortSignal.timeout(options.timeoutMs),
        })
        if (!response.ok) {
          log.warn('judge: LLM call failed, keeping the rule reading', { status: response.status })
          return { ok: false, reason: 'failed', detail: `HTTP ${response.status}` }
        }
        const body = (await response.json()) as { choices?: { message?: { content?: unknown } }[] }
        const content = body.choices?.[0]?.message?.content
        const data = typeof content === 'string' ? jsonObjectIn(content) : null
        if (!data) {
          log.warn('judge: LLM answer is no JSON object, keeping the rule reading')
          return { ok: false, reason: 'unparseable' }
        }
        return { ok: true, data }
      } catch (err) {
        const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')
        log.warn(timedOut ? 'judge: LLM call timed out, keeping the rule reading' : 'judge: LLM call failed, keeping the rule reading', timedOut ? { timeoutMs: options.timeoutMs } : { error: errorMessage(err) })
        return timedOut ? { ok: false, reason: 'timeout' } : { ok: false, reason: 'failed', detail: errorMessage(err) }
      }
    },
  }
}

function errorMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err)
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : ''
  return redactSecrets(`${err.message}${cause}`)
}
