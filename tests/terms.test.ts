import { describe, expect, it } from 'vitest'
import { TermIndex } from '../src/3-normalise/terms.js'

function matcher(terms: Record<string, string[]>) {
  const index = new TermIndex<string>()
  for (const [key, list] of Object.entries(terms)) for (const t of list) index.add(t, key)
  return (text: string) => [...index.match(text).keys()].sort()
}

describe('term syntax', () => {
  const match = matcher({
    talks: ['talks'],
    sanction: ['sanction'],
    us: ['US', 'U.S.'],
    putin: ['Путин*', 'プーチン'],
    whiteHouse: ['White House'],
    exchange: ['обмен* пленн*'],
    nato: ['NATO'],
  })

  it('matches whole words case-insensitively, with English plurals and possessives', () => {
    expect(match('Peace TALKS resume; new sanctions; sanction’s reach')).toEqual(['sanction', 'talks'])
    expect(match('Talkshow host')).toEqual([])
  })

  it('matches capitals-only terms only in capitals, and folds U.S. into US', () => {
    expect(match('The U.S. and the US')).toEqual(['us'])
    expect(match('let us talk')).toEqual([])
  })

  it('matches stems across inflections and phrases word by word', () => {
    expect(match('встреча с Путиным')).toEqual(['putin'])
    expect(match('обмена пленными в Анкаре')).toEqual(['exchange'])
    expect(match('обмен мнениями')).toEqual([])
    expect(match('talks at the White House')).toEqual(['talks', 'whiteHouse'])
  })

  it('matches Japanese terms inside unspaced text, and Latin terms next to Japanese', () => {
    expect(match('ロシアのプーチン大統領はNATO加盟国を批判')).toEqual(['nato', 'putin'])
  })

  it('counts each term once per occurrence, in the order the terms were first found', () => {
    const index = new TermIndex<string>()
    const terms: [string, string][] = [['ceasefire', 'cf'], ['Moscow', 'moscow'], ['ロシア', 'russia'], ['ロシアロシア', 'twice'], ['обмен* пленн*', 'swap']]
    for (const [term, key] of terms) index.add(term, key)
    expect([...index.match('Moscow: ceasefire, CEASEFIRES and ceasefire’s end')]).toEqual([['moscow', 1], ['cf', 3]])
    // Substring terms count without overlaps, as repeated searches would.
    expect([...index.match('ロシアロシアロシア')]).toEqual([['russia', 3], ['twice', 1]])
    // A phrase needs its words in order, adjacent; a stem matches any ending, an empty one none.
    expect([...index.match('обменялись пленными; пленные обмена')]).toEqual([['swap', 1]])
  })

  it('folds initialisms inside longer words and phrases', () => {
    const index = new TermIndex<string>()
    index.add('US', 'us')
    index.add('U.S.-Russia talks', 'usRussiaTalks')
    expect([...index.match('U.S.-Russia talks, U.S.A. and US-made')].map(([key]) => key).sort()).toEqual(['us', 'usRussiaTalks'])
    expect([...index.match('a U.Sb b')]).toEqual([])
  })
})
