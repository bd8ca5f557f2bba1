// Feed text inside Discord markdown: it must read as typed, never as markup, mentions or masked links.

const MARKDOWN = /[\\*_~`|>[\]()]/g
const ZWSP = '\u200b'

/**
 * Escapes markdown and breaks mentions. A zero-width space after every "@" and "<" stops @everyone, @here,
 * <@user>, <@&role>, <#channel> and </command> from resolving even where allowed_mentions is not honoured
 * (edits, forwards, clients that render the raw text). A bare URL in feed text is not linked either ("https\://"):
 * links are only the ones the renderer builds from vetted URLs.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(MARKDOWN, '\\$&')
    .replace(/[@<]/g, `$&${ZWSP}`)
    .replace(/\b(https?):(?=\/\/)/gi, '$1\\:')
}

/** A masked link built by the renderer; the label loses its brackets so it cannot close the link early. */
export function markdownLink(label: string, url: string): string {
  return `[${escapeMarkdown(label.replace(/[[\]]/g, ''))}](${url})`
}
