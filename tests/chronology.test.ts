// The shipped chronology is data checked on every run: every row valid against the documented vocabularies and the
// alias dictionary; a bad row is reported with its row number and column; an operator's row corrects a shipped one.
import { describe, expect, it } from 'vitest'
import { loadAliases } from '../src/5-cluster/aliases.js'
import { combineChronologies, DEFAULT_CHRONOLOGY_PATH, parseChronology, readChronology } from '../src/config/chronology.js'
import { validateChronology } from '../src/cli/chronology-command.js'
import { readEnv } from '../src/config/env.js'

const aliases = loadAliases()
const HEADER = 'date\ttype\ttitle_en\ttitle_ja\tparticipants\tplace\tceasefire_effect\tsource_url\tsource_note'
const row = (cells: Partial<Record<string, string>>) =>
  [cells.date ?? '2025-03-18', cells.type ?? 'call', cells.title ?? 'A call', 'ja', cells.participants ?? 'Donald Trump|Vladimir Putin', 'Phone call', cells.effect ?? 'talks', cells.url ?? 'https://example.org/a', 'note'].join('\t')

describe('curated chronology', () => {
  it('validates every shipped row', () => {
    const { events, problems } = readChronology(DEFAULT_CHRONOLOGY_PATH, aliases)
    expect(problems).toEqual([])
    expect(events).toHaveLength(70)
    for (const e of events) {
      expect(e.participants.length).toBeGreaterThan(0)
      expect(e.sourceUrl).toMatch(/^https?:\/\//)
    }
    expect(events.find((e) => e.date === '2025-03-18')).toMatchObject({ type: 'call', participants: ['person:trump', 'person:putin'], ceasefireEffect: 'partial' })
  })

  it('names the row and column of every problem', () => {
    const text = [HEADER, row({}), row({ date: '2025-02-30', type: 'party' }), row({ effect: 'maybe', url: 'ftp://x', participants: 'Vladimir Putin|Nobody Known' })].join('\n')
    const { events, problems } = parseChronology(text, aliases)
    expect(events.map((e) => e.row)).toEqual([2])
    expect(problems.map((p) => `${p.row}:${p.column}`)).toEqual(['3:date', '3:type', '4:ceasefire_effect', '4:source_url', '4:participants'])
    expect(problems.at(-1)!.message).toContain('Nobody Known')
    expect(parseChronology('date\ttitle\n', aliases).problems[0]).toMatchObject({ row: 1, column: 'header' })
  })

  it('lets an operator row correct the shipped row of the same date and type, and add others', () => {
    const shipped = readChronology(DEFAULT_CHRONOLOGY_PATH, aliases).events
    const mine = parseChronology([HEADER, row({ title: 'Corrected call' }), row({ date: '2026-05-01', type: 'talks', title: 'New round' })].join('\n'), aliases, 'mine.tsv').events
    const all = combineChronologies(shipped, mine)
    expect(all).toHaveLength(71)
    expect(all.filter((e) => e.date === '2025-03-18' && e.type === 'call').map((e) => e.title.en)).toEqual(['Corrected call'])
    expect(all.at(-1)!.title.en).toBe('New round')
  })

  it('validate command prints each problem with its row and exits 1', () => {
    const lines: string[] = []
    expect(validateChronology(DEFAULT_CHRONOLOGY_PATH, (l) => lines.push(l))).toBe(0)
    expect(validateChronology('/nonexistent.tsv', () => {})).toBe(1)
  })

  it('reads NEWSBOT_BASELINE (default on) and refuses a missing NEWSBOT_CHRONOLOGY by name', () => {
    expect(readEnv({}).NEWSBOT_BASELINE).toBe(true)
    expect(readEnv({ NEWSBOT_BASELINE: 'off' }).NEWSBOT_BASELINE).toBe(false)
    expect(() => readEnv({ NEWSBOT_CHRONOLOGY: '/nonexistent.tsv' })).toThrow(/NEWSBOT_CHRONOLOGY: no such file/)
  })
})
