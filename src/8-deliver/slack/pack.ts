// Lays story blocks out as messages under the block count and the total-text budget. A story that fits in one
// message is never split across two; a bigger one continues between whole blocks, after a "(continued)" note.
import { blockText, SLACK_LIMITS as L, type SlackBlock } from './payload.js'

/** Room per message for everything but the header, which is at most `headerText` long. */
const ROOM = { blocks: L.blocks - 1, text: L.messageText - L.headerText }

export function packStories(stories: SlackBlock[][], continued: SlackBlock): SlackBlock[][] {
  const messages: SlackBlock[][] = []
  let current: SlackBlock[] = []
  let used = 0
  const flush = () => {
    if (current.length > 0) messages.push(current)
    current = []
    used = 0
  }
  const push = (block: SlackBlock) => {
    current.push(block)
    used += blockText(block)
  }
  const fits = (blocks: number, text: number) => current.length + blocks <= ROOM.blocks && used + text <= ROOM.text

  for (const story of stories) {
    const size = story.reduce((n, b) => n + blockText(b), 0)
    const fitsAlone = story.length <= ROOM.blocks && size <= ROOM.text
    if (current.length > 0) {
      const first = story[0] ? blockText(story[0]) : 0
      if ((fitsAlone && !fits(1 + story.length, size)) || !fits(2, first)) flush()
      else push({ type: 'divider' })
    }
    story.forEach((block, i) => {
      if (!fits(1, blockText(block))) {
        flush()
        if (i > 0) push(continued)
      }
      push(block)
    })
  }
  flush()
  return messages
}
