// `newsbot chronology validate [FILE]`: checks a chronology file (default: the shipped one) without starting the bot
// or opening the store; every problem is printed with its row and column. Exit 0 when clean, 1 otherwise.
import { existsSync } from 'node:fs'
import { loadAliases } from '../5-cluster/aliases.js'
import { DEFAULT_CHRONOLOGY_PATH, formatProblem, readChronology } from '../config/chronology.js'

export function validateChronology(file: string = DEFAULT_CHRONOLOGY_PATH, out: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): number {
  if (!existsSync(file)) {
    out(`${file}: no such file`)
    return 1
  }
  const { events, problems } = readChronology(file, loadAliases())
  for (const p of problems) out(formatProblem(p, file))
  out(problems.length ? `${file}: ${problems.length} problem(s); ${events.length} row(s) valid` : `${file}: ${events.length} row(s), all valid`)
  return problems.length ? 1 : 0
}
