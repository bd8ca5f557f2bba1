// Credentials that URLs carry, masked in any text bound for a log, an error or the terminal: the password (or the
// token) in every URL's userinfo (scheme://user:password@host, scheme://token@host) and the values of query parameters
// that hold secrets (?password=…, &api_key=…).

/**
 * user:password@ or token@ after scheme://. A password may hold '@' or (unencoded, as operators paste it) '/', so with
 * a ':' it runs to the last '@' of the word; a ':' followed by a port and a path (host:8080/@user) is not one.
 */
const USERINFO = /\b([a-z][a-z\d+.-]*:\/\/)(?:([^\s/?#@:"'<>`]*:)(?!\d*(?:[/?#]|$))[^\s"'<>`]*|[^\s/?#"'<>`]*)@/gi
const SECRET_PARAMETER = /([?&;](?:[\w.-]*?(?:password|passwd|pwd|secret|token|key|signature)|sig|auth)=)[^&#\s"'<>`]*/gi

export function redactSecrets(text: string): string {
  return text
    .replace(USERINFO, (_match, scheme: string, user: string | undefined) => `${scheme}${user ?? ''}***@`)
    .replace(SECRET_PARAMETER, '$1***')
}
