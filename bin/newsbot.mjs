#!/usr/bin/env node
// newsbot's command line, compiled: `npm install` builds dist/ (tools/build.mjs), and a build older than the sources
// is rebuilt here first, so an edit under src/ or commands/ never runs stale code. From source, without a build:
// `npx tsx src/cli/main.ts …`.
import { ensureBuilt } from '../tools/build.mjs'

await ensureBuilt()
await import('../dist/src/cli/main.js')
