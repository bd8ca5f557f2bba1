// The ceasefire state as alerts need it: an id per state change (so an alert goes out once per state), when it
// began, and its words in the subscription's language. The state itself comes from the ceasefire-status service.
import type { DigestLanguage } from '../../6-summarise/types.js'
import type { Store } from '../../7-store/types.js'
import { ceasefireStatus } from '../ceasefire.js'
import { STATE_LABELS, summary } from '../ceasefire-text.js'

export interface CeasefireState {
  /** Unique per state change, e.g. "partial:2026-03-18T…": an alert goes out once per id. */
  id: string
  /** When this state began: subscriptions that turned alerts on later are not told about it. */
  since: Date
  text(lang: DigestLanguage): { title: string; lines: string[] }
}

export interface CeasefireStateSource {
  /** The current state, or null when there is none on record. */
  current(now: Date): Promise<CeasefireState | null>
}

export function storeCeasefireSource(store: Store): CeasefireStateSource {
  return {
    async current(now) {
      const status = await ceasefireStatus(store, now)
      if (!status.since || status.state === 'none') return null
      const since = status.since
      return {
        id: `${status.state}:${since.toISOString()}`,
        since,
        text: (lang) => ({
          title: lang === 'ja' ? `停戦状況: ${STATE_LABELS[status.state].ja}` : `Ceasefire status: ${STATE_LABELS[status.state].en}`,
          lines: [summary(lang, status.state, since, now, status.cause, status.storiesRead)],
        }),
      }
    },
  }
}
