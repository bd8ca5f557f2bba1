// The big evaluation corpora are not part of the repository: they are read from NEWSBOT_EVAL_DIR, else from
// ../shared/eval beside it. Tests over a corpus skip, with the reason printed, on a machine that does not have it;
// the few files a test cannot do without are copied under tests/fixtures/ instead (see its PROVENANCE.md).
import { existsSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const EVAL_DIR = process.env.NEWSBOT_EVAL_DIR
  ? path.resolve(process.env.NEWSBOT_EVAL_DIR)
  : fileURLToPath(new URL('../../../shared/eval/', import.meta.url))

/** Where a corpus of the eval folder is (or would be), e.g. evalPath('feeds'). */
export const evalPath = (corpus: string) => path.join(EVAL_DIR, corpus)

/** Whether the corpus is on this machine; when not, says once why the tests over it are skipped. */
export function hasEvalCorpus(corpus: string): boolean {
  if (existsSync(evalPath(corpus))) return true
  console.log(`Tests over the ${corpus} corpus skipped: ${evalPath(corpus)} is not here (set NEWSBOT_EVAL_DIR to an eval folder such as ../shared/eval)`)
  return false
}
