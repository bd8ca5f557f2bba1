// Preloaded into a child that bench:startup measures (node --import …/peak-rss.mjs): at exit, writes the process's
// peak resident set size in kB, worker threads included, to the file named by PEAK_RSS_FILE. On Linux that is
// VmHWM: getrusage's maximum would start from the parent's size, which a forked child inherits.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { isMainThread } from 'node:worker_threads'

function peakKb() {
  const status = existsSync('/proc/self/status') ? readFileSync('/proc/self/status', 'utf8') : ''
  return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? process.resourceUsage().maxRSS)
}

if (isMainThread) process.on('exit', () => writeFileSync(process.env.PEAK_RSS_FILE, String(peakKb())))
