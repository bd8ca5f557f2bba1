// Normalised items for store-level tests, tagged with the shipped topics as the pipeline would tag them.
import { canonicalUrl } from '../../src/3-normalise/canonical-url.js'
import type { NormalisedItem } from '../../src/3-normalise/normalise-item.js'
import { compileTopics } from '../../src/3-normalise/topics.js'
import { loadAppConfig } from '../../src/config/app-config.js'

const matchTopics = compileTopics(loadAppConfig().topics)

/** A factory of items with unique GUIDs and URLs under one host. */
export function itemFactory(host: string): (title: string, text: string, publishedAt: string, language: string) => NormalisedItem {
  let n = 0
  return (title, text, publishedAt, language) => {
    n++
    return {
      guid: `${host}-${n}`,
      url: canonicalUrl(`https://${host}/${n}`)!,
      title,
      text,
      language,
      author: null,
      sourceName: null,
      publishedAt: new Date(publishedAt),
      publishedAtEstimated: false,
      topics: matchTopics(title, text),
      contentHash: `hash-${n}`,
    }
  }
}
