// Slack chat.postMessage bodies and the limits Slack enforces on them.

export const SLACK_LIMITS = {
  blocks: 50,
  headerText: 150,
  sectionText: 3000,
  contextElements: 10,
  contextElementText: 3000,
  fallbackText: 4000,
  /**
   * Slack also rejects a message whose blocks hold too much text in total (msg_blocks_too_long). The limit is
   * undocumented: reports put it near 12,000 characters, some rejected from about 11,300
   * (slackapi/bolt-js#2509, #2867), so we stay well below.
   */
  messageText: 8000,
} as const

/**
 * Always verbatim: without it Slack turns bare URLs, #channel names and some mentions in the text into links of its
 * own; with it only the <url|label> links the renderers write from vetted URLs are links.
 */
export interface MrkdwnText {
  type: 'mrkdwn'
  text: string
  verbatim: true
}

export const mrkdwn = (text: string): MrkdwnText => ({ type: 'mrkdwn', text, verbatim: true })
export const section = (text: string): SlackBlock => ({ type: 'section', text: mrkdwn(text) })

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text: MrkdwnText }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'divider' }

export interface SlackMessagePayload {
  text: string
  blocks: SlackBlock[]
  unfurl_links: false
  unfurl_media: false
}

/** Characters of text a block holds, counted in UTF-16 units: never fewer than Slack counts. */
export function blockText(block: SlackBlock): number {
  switch (block.type) {
    case 'header':
    case 'section':
      return block.text.text.length
    case 'context':
      return block.elements.reduce((n, e) => n + e.text.length, 0)
    case 'divider':
      return 0
  }
}
