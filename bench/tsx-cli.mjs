// The CLI run from its TypeScript sources through tsx's loader, as bin/newsbot.mjs ran it before the compiled build:
// bench:startup's other side.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
