// A digest as Slack chat.postMessage bodies, plain JSON so this stays free of @slack/*: a header, then per story a
// title section, summary sections and source context blocks, with dividers between stories; as many messages as
// the limits need.
import type { Digest } from '../../6-summarise/types.js'
import { buildDigestBlocks, type DigestBlocks, type RenderOptions, type StoryBlock } from '../digest-blocks.js'
import { fitRendered } from '../text.js'
import { escapeMrkdwn, mrkdwnLink } from './mrkdwn.js'
import { packStories } from './pack.js'
import { mrkdwn, section, SLACK_LIMITS, type SlackBlock, type SlackMessagePayload } from './payload.js'

export { blockText, SLACK_LIMITS, type MrkdwnText, type SlackBlock, type SlackMessagePayload } from './payload.js'

/** Longer titles are cut: a headline past this is a feed that put its lede in the title. */
const TITLE_DISPLAY = 300

export function renderSlackDigest(digest: Digest, options: RenderOptions = {}): SlackMessagePayload[] {
  const blocks = buildDigestBlocks(digest, options)
  if (blocks.emptyMessage !== null) {
    return [payload(blocks, '', [section(escapeMrkdwn(blocks.emptyMessage))], `\n${blocks.emptyMessage}`)]
  }
  const bodies = packStories(
    blocks.stories.map((story) => storyBlocks(story, blocks)),
    { type: 'context', elements: [mrkdwn(escapeMrkdwn(blocks.strings.storyContinued))] },
  )
  return bodies.map((body, i) => payload(blocks, i === 0 ? '' : blocks.strings.continuedPart(i + 1, bodies.length), body))
}

/** `note` goes into the notification text only, after the heading. */
function payload(blocks: DigestBlocks, marker: string, body: SlackBlock[], note = ''): SlackMessagePayload {
  const suffix = marker ? ` ${marker}` : ''
  // plain_text shows characters literally, so the header is not escaped; the fallback text is mrkdwn and is.
  const header = fitRendered(blocks.heading, SLACK_LIMITS.headerText, (h) => h + suffix, blocks.lang)
  const text = fitRendered(blocks.heading, SLACK_LIMITS.fallbackText, (h) => escapeMrkdwn(h + suffix + note), blocks.lang)
  return {
    text,
    blocks: [{ type: 'header', text: { type: 'plain_text', text: header, emoji: true } }, ...body],
    unfurl_links: false,
    unfurl_media: false,
  }
}

function storyBlocks(story: StoryBlock, { strings, lang }: DigestBlocks): SlackBlock[] {
  const updated = story.updated ? `:arrows_counterclockwise: *${escapeMrkdwn(strings.updated)}* · ` : ''
  const reason = story.updateReason ? `\n${escapeMrkdwn(fitRendered(story.updateReason, TITLE_DISPLAY, (r) => r, lang))}` : ''
  const meta = `${reason}\n${escapeMrkdwn(story.dates)} · ${escapeMrkdwn(story.outlets)} · #${story.storyId}`
  const titleText = (t: string) => `${updated}*${story.url ? mrkdwnLink(story.url, t) : escapeMrkdwn(t)}*${meta}`
  const title = fitRendered(story.title, TITLE_DISPLAY, (t) => t, lang)
  const out: SlackBlock[] = [section(fitRendered(title, SLACK_LIMITS.sectionText, titleText, lang))]

  let text = ''
  for (const s of story.sentences) {
    const tag = s.languageTag ? `${escapeMrkdwn(s.languageTag)} ` : ''
    const link = s.url ? ` (${mrkdwnLink(s.url, s.linkLabel)})` : ''
    const line = fitRendered(s.text, SLACK_LIMITS.sectionText, (t) => `• ${tag}${escapeMrkdwn(t)}${link}`, s.language)
    if (text && text.length + 1 + line.length > SLACK_LIMITS.sectionText) {
      out.push(section(text))
      text = ''
    }
    text = text ? `${text}\n${line}` : line
  }
  if (text) out.push(section(text))

  const elements = story.sources.map((source) => {
    const kind = source.stateMedia ? `*${escapeMrkdwn(source.kindLabel)}*` : escapeMrkdwn(source.kindLabel)
    const render = (name: string) => `${source.url ? mrkdwnLink(source.url, name) : escapeMrkdwn(name)} · ${kind}`
    return mrkdwn(fitRendered(source.name, SLACK_LIMITS.contextElementText, render, lang))
  })
  if (elements.length > 0) elements.unshift(mrkdwn(`*${escapeMrkdwn(strings.sources)}*`))
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.contextElements) {
    out.push({ type: 'context', elements: elements.slice(i, i + SLACK_LIMITS.contextElements) })
  }
  return out
}
