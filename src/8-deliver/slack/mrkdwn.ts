// Feed text inside Slack mrkdwn. Slack builds mentions and links only from <…> sequences, so escaping &, < and >
// is what stops <!channel>, <!here>, <@U…> and <url|text> from feed text; the renderer alone writes links.

const ZWSP = '\u200b'

/**
 * Escapes the three characters Slack reserves. A zero-width space also goes after "@" in front of channel,
 * here and everyone, because a client or a future `link_names`/`parse: full` setting would otherwise
 * turn the bare words into pings.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(?=(channel|here|everyone)\b)/gi, `@${ZWSP}`)
}

/** `<url|label>`: "|" and ">" leave the label so it cannot end the link early. */
export function mrkdwnLink(url: string, label: string): string {
  return `<${url.replace(/&/g, '&amp;')}|${escapeMrkdwn(label.replace(/[|>]/g, ''))}>`
}
