// Shape and term hygiene of the multilingual alias dictionary (config/aliases.json).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

const KINDS = ['person', 'country', 'place', 'org', 'term'] as const
const LANGS = ['en', 'ja', 'ru', 'uk'] as const

interface Entity {
  id: string
  kind: string
  names: Record<string, string[]>
}

const file = JSON.parse(readFileSync(new URL('../config/aliases.json', import.meta.url), 'utf8')) as {
  $comment: unknown
  entities: Entity[]
}
const entities = file.entities

const letters = (s: string) => s.match(/\p{L}/gu)?.length ?? 0

describe('config/aliases.json', () => {
  it('has a comment and a non-empty list of entities', () => {
    expect(typeof file.$comment).toBe('string')
    expect(Array.isArray(entities)).toBe(true)
    expect(entities.length).toBeGreaterThan(0)
  })

  it('gives every entity a unique, well-formed id whose prefix is its kind', () => {
    const seen = new Set<string>()
    for (const e of entities) {
      expect(e.id, JSON.stringify(e)).toMatch(/^[a-z]+:[a-z0-9]+(?:-[a-z0-9]+)*$/)
      expect(KINDS, e.id).toContain(e.kind)
      expect(e.id.slice(0, e.id.indexOf(':')), e.id).toBe(e.kind)
      expect(seen.has(e.id), `duplicate id ${e.id}`).toBe(false)
      seen.add(e.id)
    }
  })

  it('has exactly en, ja, ru and uk names for every entity, each a non-empty list of clean, distinct terms', () => {
    for (const e of entities) {
      expect(Object.keys(e.names).sort(), e.id).toEqual([...LANGS].sort())
      for (const lang of LANGS) {
        const terms = e.names[lang] ?? []
        expect(Array.isArray(terms) && terms.length > 0, `${e.id} ${lang}`).toBe(true)
        for (const term of terms) {
          expect(typeof term, `${e.id} ${lang}`).toBe('string')
          expect(term.trim().length > 0, `${e.id} ${lang}: empty term`).toBe(true)
          expect(term, `${e.id} ${lang}: leading/trailing space`).toBe(term.trim())
        }
        expect(new Set(terms).size, `${e.id} ${lang}: duplicate term`).toBe(terms.length)
      }
    }
  })

  it('has no Japanese term shorter than 2 characters', () => {
    for (const e of entities) {
      for (const term of e.names.ja ?? []) expect([...term].length, `${e.id} ja: ${term}`).toBeGreaterThanOrEqual(2)
    }
  })

  it('has at least 4 letters before every * in Russian and Ukrainian terms', () => {
    for (const e of entities) {
      for (const lang of ['ru', 'uk'] as const) {
        for (const term of e.names[lang] ?? []) {
          for (const word of term.split(/\s+/)) {
            if (word.endsWith('*')) expect(letters(word.slice(0, -1)), `${e.id} ${lang}: ${term}`).toBeGreaterThanOrEqual(4)
          }
        }
      }
    }
  })

  it('uses * only at the end of a word', () => {
    for (const e of entities) {
      for (const lang of LANGS) {
        for (const term of e.names[lang] ?? []) {
          for (const word of term.split(/\s+/)) expect(word.slice(0, -1), `${e.id} ${lang}: ${term}`).not.toContain('*')
        }
      }
    }
  })
})
