import { describe, expect, it } from 'vitest'
import { lcsLength, meanRouge, rouge, rougeTokens } from '../eval/rouge.js'

describe('rouge', () => {
  it('tokenises like rouge-score: lowercase, non-alphanumerics as separators', () => {
    expect(rougeTokens("The U.S.-led talks, in Geneva's 2nd round!")).toEqual(['the', 'u', 's', 'led', 'talks', 'in', 'geneva', 's', '2nd', 'round'])
  })

  it('computes ROUGE-1/2/L F1 on a worked example', () => {
    // candidate 7 tokens, reference 6: 6 shared unigrams (the ×2 clipped), 4 shared bigrams, LCS 6.
    const s = rouge('the cat was found under the bed', 'the cat was under the bed')
    expect(s.rouge1).toBeCloseTo(12 / 13, 10)
    expect(s.rouge2).toBeCloseTo((2 * (4 / 6) * (4 / 5)) / (4 / 6 + 4 / 5), 10)
    expect(s.rougeL).toBeCloseTo(12 / 13, 10)
  })

  it('clips repeated n-grams and takes the longest common subsequence, not substring', () => {
    expect(rouge('the the the', 'the cat').rouge1).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2), 10)
    expect(lcsLength(['a', 'x', 'b', 'y', 'c'], ['a', 'b', 'c'])).toBe(3)
    expect(rouge('', 'anything')).toEqual({ rouge1: 0, rouge2: 0, rougeL: 0 })
    expect(meanRouge([rouge('a b', 'a b'), rouge('c', 'd')])).toEqual({ rouge1: 0.5, rouge2: 0.5, rougeL: 0.5 })
  })
})
