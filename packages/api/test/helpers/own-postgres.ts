import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Test } from 'tap'

const run = promisify(execFile)
const BIN = process.env.WEGOV_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin'

/** A PostgreSQL cluster this test owns: it may stop and start it, which the shared one must never be. */
export interface OwnPostgres {
  url: string
  stop(): Promise<void>
  start(): Promise<void>
}

/** Why a throwaway cluster cannot be made here (no binaries), or undefined when it can. */
export function ownPostgresUnavailable(): string | undefined {
  if (!existsSync(join(BIN, 'initdb')) || !existsSync(join(BIN, 'pg_ctl'))) return `no PostgreSQL binaries in ${BIN}`
  return undefined
}

/**
 * initdb in a temporary directory and start it on a free port of 127.0.0.1, as the postgres user when
 * running as root (PostgreSQL refuses root), as ourselves otherwise. Stopped and deleted at teardown.
 */
export async function startOwnPostgres(t: Test): Promise<OwnPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'wegov-pg-'))
  const root = process.getuid?.() === 0
  if (root) {
    const { uid, gid } = await postgresUser()
    await chown(dir, uid, gid)
  }
  const dataDir = join(dir, 'data')
  const port = await freePort()
  const asPostgres = (command: string, args: string[]) =>
    root ? run('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args], { cwd: dir }) : run(join(BIN, command), args, { cwd: dir })
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const pgCtl = (...args: string[]) => asPostgres('pg_ctl', ['-D', dataDir, '-l', join(dir, 'server.log'), ...args])
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`
  const start = async () => void (await pgCtl('-o', options, '-w', 'start'))
  // fast: what a restart or an operator's `systemctl stop` does; every backend is terminated (57P01).
  const stop = async () => void (await pgCtl('-m', 'fast', '-w', 'stop'))
  t.teardown(async () => {
    await pgCtl('-m', 'immediate', '-w', 'stop').catch(() => {})
    await rm(dir, { recursive: true, force: true })
  })
  await start()
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop, start }
}

async function postgresUser(): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])])
  return { uid: Number(uid), gid: Number(gid) }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
