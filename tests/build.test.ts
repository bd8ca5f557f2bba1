// The compiled build (tools/build.mjs), on a copy of it in a small project of its own: built when missing, left
// alone when current, rebuilt when a source file is edited (even when copied in with an older time) or removed;
// config and prisma linked, not copied.
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { expect, it } from 'vitest'

const REPO = fileURLToPath(new URL('..', import.meta.url))

interface Build {
  buildIsCurrent(): boolean
  ensureBuilt(): Promise<void>
}

it('builds when missing, not when current, again after an edit or a removal', async () => {
  const root = mkdtempSync(path.join(tmpdir(), 'newsbot-build-'))
  for (const dir of ['tools', 'src/cli', 'commands', 'config']) mkdirSync(path.join(root, dir), { recursive: true })
  cpSync(path.join(REPO, 'tools/build.mjs'), path.join(root, 'tools/build.mjs'))
  symlinkSync(path.join(REPO, 'node_modules'), path.join(root, 'node_modules'))
  const source = path.join(root, 'src/cli/answer.ts')
  writeFileSync(source, 'export const answer: number = 41\n')
  writeFileSync(path.join(root, 'commands/extra.ts'), 'export const extra = 1\n')
  const compiled = path.join(root, 'dist/src/cli/answer.js')
  const build: Build = await import(pathToFileURL(path.join(root, 'tools/build.mjs')).href)

  expect(build.buildIsCurrent()).toBe(false)
  await build.ensureBuilt()
  expect(readFileSync(compiled, 'utf8')).toMatch(/answer = 41;/)
  expect(existsSync(path.join(root, 'dist/commands/extra.js'))).toBe(true)
  expect(lstatSync(path.join(root, 'dist/config')).isSymbolicLink()).toBe(true)
  expect(build.buildIsCurrent()).toBe(true)

  writeFileSync(source, 'export const answer: number = 42\n')
  expect(build.buildIsCurrent()).toBe(false)
  await build.ensureBuilt()
  expect(readFileSync(compiled, 'utf8')).toMatch(/answer = 42/)

  // As `cp -p` or an unpacked archive leaves it: other content, an older time.
  writeFileSync(source, 'export const answer: number = 43\n')
  utimesSync(source, new Date('2020-01-01'), new Date('2020-01-01'))
  expect(build.buildIsCurrent()).toBe(false)
  await build.ensureBuilt()
  expect(readFileSync(compiled, 'utf8')).toMatch(/answer = 43/)

  rmSync(path.join(root, 'commands/extra.ts'))
  expect(build.buildIsCurrent()).toBe(false)
  await build.ensureBuilt()
  expect(existsSync(path.join(root, 'dist/commands/extra.js'))).toBe(false)
  rmSync(root, { recursive: true, force: true })
})
