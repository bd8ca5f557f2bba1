// Checks of rendered digests against the limits as Discord and Slack count them, written independently of the
// renderers' own limit tables so a wrong constant there cannot hide here.
import { expect } from 'vitest'
import type { DiscordMessagePayload } from '../../src/8-deliver/discord/render-digest.js'
import type { SlackMessagePayload } from '../../src/8-deliver/slack/render-digest.js'

// Platforms count code points (or fewer); UTF-16 units are never fewer, so passing on `.length` passes there.
export const chars = (s: string | undefined) => (s ?? '').length
export const count = (haystack: string, needle: string) => haystack.split(needle).length - 1

export function checkDiscordLimits(messages: DiscordMessagePayload[]): void {
  expect(messages.length).toBeGreaterThan(0)
  for (const m of messages) {
    expect(m.allowed_mentions).toEqual({ parse: [] })
    expect(chars(m.content)).toBeLessThanOrEqual(2000)
    expect(m.embeds.length).toBeLessThanOrEqual(10)
    let total = 0
    for (const e of m.embeds) {
      expect(e.title !== undefined || e.description !== undefined).toBe(true)
      expect(chars(e.title)).toBeLessThanOrEqual(256)
      expect(chars(e.description)).toBeLessThanOrEqual(4096)
      expect(chars(e.footer?.text)).toBeLessThanOrEqual(2048)
      expect(chars(e.author?.name)).toBeLessThanOrEqual(256)
      expect((e.fields ?? []).length).toBeLessThanOrEqual(25)
      for (const f of e.fields ?? []) {
        expect(chars(f.name)).toBeLessThanOrEqual(256)
        expect(chars(f.value)).toBeLessThanOrEqual(1024)
      }
      if (e.url) expect(e.url).toMatch(/^https?:\/\//)
      total += chars(e.title) + chars(e.description) + chars(e.footer?.text) + chars(e.author?.name)
      total += (e.fields ?? []).reduce((n, f) => n + chars(f.name) + chars(f.value), 0)
    }
    expect(total).toBeLessThanOrEqual(6000)
  }
}

export function checkSlackLimits(messages: SlackMessagePayload[]): void {
  expect(messages.length).toBeGreaterThan(0)
  for (const m of messages) {
    expect(m.unfurl_links).toBe(false)
    expect(m.unfurl_media).toBe(false)
    expect(chars(m.text)).toBeGreaterThan(0)
    expect(chars(m.text)).toBeLessThanOrEqual(4000)
    expect(m.blocks.length).toBeLessThanOrEqual(50)
    expect(m.blocks[0]?.type).toBe('header')
    // The undocumented cumulative limit (msg_blocks_too_long): all text of all blocks together.
    const text = m.blocks.reduce(
      (n, b) => n + (b.type === 'header' || b.type === 'section' ? chars(b.text.text) : b.type === 'context' ? b.elements.reduce((k, e) => k + chars(e.text), 0) : 0),
      0,
    )
    expect(text).toBeLessThanOrEqual(8000)
    for (const b of m.blocks) {
      if (b.type === 'header') expect(chars(b.text.text)).toBeLessThanOrEqual(150)
      if (b.type === 'section') expect(chars(b.text.text)).toBeGreaterThan(0)
      if (b.type === 'section') expect(chars(b.text.text)).toBeLessThanOrEqual(3000)
      if (b.type === 'context') {
        expect(b.elements.length).toBeGreaterThan(0)
        expect(b.elements.length).toBeLessThanOrEqual(10)
        for (const el of b.elements) expect(chars(el.text)).toBeLessThanOrEqual(3000)
      }
    }
  }
}

export const discordText = (messages: DiscordMessagePayload[]) =>
  messages.flatMap((m) => [m.content ?? '', ...m.embeds.flatMap((e) => [e.title ?? '', e.description ?? '', e.footer?.text ?? ''])]).join('\n')

export const slackMrkdwn = (m: SlackMessagePayload) =>
  m.blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.type === 'context' ? b.elements.map((e) => e.text) : []))
export const slackText = (messages: SlackMessagePayload[]) => messages.flatMap((m) => [m.text, ...slackMrkdwn(m)]).join('\n')

/** The part of a rendered sentence line before its link, checked to be the sentence or a word-boundary cut of it. */
export function checkSentenceCut(shown: string, original: string, lang: string): void {
  if (shown === original) return
  expect(shown.endsWith('…')).toBe(true)
  const kept = shown.slice(0, -1)
  expect(original.startsWith(kept)).toBe(true)
  if (lang !== 'ja') expect(original.slice(kept.length)).toMatch(/^[\s,]/)
}
