// The compiled build: every TypeScript file under src/ and commands/ to JavaScript in dist/, one file each with
// esbuild (well under a second; type checking is `npm run typecheck`'s job). `npm install` runs it, `npm run build`
// runs it by hand, and bin/newsbot.mjs runs it when the sources are not what the last build was made from, so an
// edit is never silently ignored.
//
// dist/ mirrors the repository: dist/src and dist/commands are compiled, dist/config and dist/prisma link to the
// real folders, so that files the code finds relative to itself (new URL('../../config/…', import.meta.url)) are
// the same files, whether it runs compiled or from source.
import { createHash } from 'node:crypto'
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const DIST = path.join(ROOT, 'dist')
const COMPILED = ['src', 'commands']
const LINKED = ['config', 'prisma']
const STAMP = path.join(DIST, 'build.json')
const LOCK = path.join(DIST, '.lock')
/** A lock older than this was left by a build that died; builds take about a second. */
const STALE_LOCK_MS = 60_000

/** Every TypeScript file under the compiled folders. */
function sources() {
  const files = []
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name.endsWith('.ts')) files.push(full)
    }
  }
  for (const dir of COMPILED) walk(path.join(ROOT, dir))
  return files.sort()
}

/**
 * What a build is made from: each source file's path, size and modification time. Any change, a file copied in
 * with an older time included, or a file added or removed, makes another fingerprint.
 */
function fingerprint(files) {
  const hash = createHash('sha256')
  for (const file of files) {
    const { size, mtimeMs } = statSync(file)
    hash.update(`${path.relative(ROOT, file)}\0${size}\0${mtimeMs}\n`)
  }
  return hash.digest('hex')
}

/** True when dist/ holds a build of the sources as they are now. */
export function buildIsCurrent() {
  if (!existsSync(STAMP)) return false
  return JSON.parse(readFileSync(STAMP, 'utf8')).sources === fingerprint(sources())
}

async function build() {
  const files = sources()
  // Taken before compiling: a file edited meanwhile makes the next run build again.
  const built = fingerprint(files)
  const esbuild = await import('esbuild')
  for (const dir of COMPILED) rmSync(path.join(DIST, dir), { recursive: true, force: true })
  rmSync(STAMP, { force: true })
  await esbuild.build({
    entryPoints: files,
    outdir: DIST,
    outbase: ROOT,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  })
  for (const dir of LINKED) {
    const link = path.join(DIST, dir)
    if (!lstatSync(link, { throwIfNoEntry: false })) symlinkSync(path.join('..', dir), link)
  }
  writeFileSync(STAMP, `${JSON.stringify({ sources: built })}\n`)
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** Several newsbot processes may find the build out of date at once (a test run): one builds, the others wait for it. */
async function withBuildLock(fn) {
  mkdirSync(DIST, { recursive: true })
  for (;;) {
    try {
      mkdirSync(LOCK)
      break
    } catch (err) {
      if (err.code !== 'EEXIST') throw err
      if (Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true })
      await sleep(50)
    }
  }
  try {
    await fn()
  } finally {
    rmSync(LOCK, { recursive: true, force: true })
  }
}

/** Builds unless dist/ is current; says so on stderr when it does. */
export async function ensureBuilt() {
  if (buildIsCurrent()) return
  await withBuildLock(async () => {
    if (buildIsCurrent()) return
    process.stderr.write(`newsbot: compiling src/ and commands/ to dist/ (${existsSync(STAMP) ? 'changed since the last build' : 'not built yet'})\n`)
    await build()
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await withBuildLock(build)
