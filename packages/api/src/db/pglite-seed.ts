import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/**
 * A pristine PGlite cluster, as it is right after initdb, kept as a tarball and restored into every new
 * database (PGlite's `loadDataDir`). initdb is most of a PGlite start: ~2.5 s, where restoring the tarball
 * takes ~0.8 s. That is the first `npm start` on an empty ./data, and every in-memory test database.
 *
 * The tarball is made once per PGlite version (a cluster only opens with the version that made it) in
 * node_modules/.cache/wegov, by `npm ci` (the prepare script) or else on first use. If it cannot be made or
 * read (a read-only node_modules, say), databases are simply created with initdb as before.
 */
export async function pgliteSeed(): Promise<Blob | undefined> {
  try {
    const path = await seedPath()
    if (!existsSync(path)) await makeSeed(path)
    return new Blob([await readFile(path)])
  } catch {
    return undefined
  }
}

/** True when a PGlite data directory holds no cluster yet, so a seed can be restored into it. */
export function isEmptyDataDir(dataDir: string): boolean {
  return !existsSync(dataDir) || readdirSync(dataDir).length === 0
}

export async function seedPath(): Promise<string> {
  // The package exports no package.json: walk up from its entry point to its folder.
  let root = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'))
  while (!existsSync(join(root, 'package.json'))) root = dirname(root)
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { version: string }
  // node_modules/@electric-sql/pglite → node_modules/.cache/wegov/
  return join(root, '..', '..', '.cache', 'wegov', `pglite-${version}-seed.tar.gz`)
}

/** Written under a temporary name then renamed, so parallel test processes never read half a file. */
async function makeSeed(path: string): Promise<void> {
  const { PGlite } = await import('@electric-sql/pglite')
  const fresh = await PGlite.create()
  try {
    const tarball = Buffer.from(await (await fresh.dumpDataDir('gzip')).arrayBuffer())
    await mkdir(dirname(path), { recursive: true })
    const partial = `${path}.${randomBytes(4).toString('hex')}.partial`
    await writeFile(partial, tarball)
    await rename(partial, path)
  } finally {
    await fresh.close()
  }
}
