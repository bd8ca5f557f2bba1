// News judgment on the project's own labelled beat set (eval/beat, real events of 2025–2026 in en/ja/ru/uk, shipped
// with the repository): both halves read as `newsbot ingest` reads them, then scored as `npm run eval:stories` scores
// them. The floors sit at what the method reaches today, so a change that merges different events, splits one
// event or lets an off-topic item into a story fails here, on a fresh clone, before any eval is run.
import { afterAll, describe, expect, it } from 'vitest'
import { replayFeeds, type Replay } from '../eval/support/replay.js'
import { scoreClustering } from '../eval/support/scoring.js'
import { beatSet, type LabelledSet } from '../eval/support/sets.js'

/**
 * Per half: the least B-cubed F1, and the most off-topic items in stories and on-topic items missing (filtered out),
 * measured on the set as it now stands (306 tuning and 303 test items). The tuning half meets the product's F1 target.
 */
const FLOORS = {
  tune: { f1: 0.96, offTopicInStories: 3, missingOnTopic: 5 },
  // One on-topic test item whose headline names another subject now stays out of its story, the price of keeping
  // such headlines out of the beat's stories (leaks 9 -> 5).
  test: { f1: 0.88, offTopicInStories: 5, missingOnTopic: 14 },
} as const

describe.each(Object.keys(FLOORS) as (keyof typeof FLOORS)[])('beat set, %s half', (half) => {
  let set: LabelledSet | undefined
  let replay: Replay | undefined
  afterAll(async () => {
    await replay?.close()
    set?.dispose()
  })

  it('clusters one story per real event and keeps off-topic items out', async () => {
    set = beatSet(half)
    replay = await replayFeeds(set.files, { chronology: false })
    const score = scoreClustering(await replay.ctx.store.stories.list({}), set.gold)
    // The test half stays unseen: which of its items went wrong is not printed, so nobody tunes on it by accident.
    const why = half === 'tune' ? score.details.join('\n') : `${score.details.length} problems in the test half (not listed)`
    expect(score.f1, why).toBeGreaterThanOrEqual(FLOORS[half].f1)
    expect(score.offTopicInStories, why).toBeLessThanOrEqual(FLOORS[half].offTopicInStories)
    expect(score.missingOnTopic, why).toBeLessThanOrEqual(FLOORS[half].missingOnTopic)
  }, 120_000)
})
