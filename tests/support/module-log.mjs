// Preloaded into a child process (NODE_OPTIONS=--import …/module-log.mjs) to see what it loads: every module URL it
// resolves, in any thread, is appended to the file named by MODULE_LOG as it is resolved (nothing is lost at exit).
import { register } from 'node:module'

register('./module-log-hooks.mjs', import.meta.url, { data: { file: process.env.MODULE_LOG } })
