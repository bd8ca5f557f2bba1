// The parse stage's one error type, shared by the markup scan and the feed parser.
export class ParseError extends Error {
  override name = 'ParseError'
  constructor(message: string) {
    super(`parse: ${message}`)
  }
}
