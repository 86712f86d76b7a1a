import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort, startWeGovProcess } from '../lib.js'
import type { Row } from '../types.js'

/**
 * `npm start` on PGlite until /health/ready answers: first on an empty data directory (migrations and demo
 * content included), then again on the same directory (a restart).
 */
export async function coldStart(): Promise<Row[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'wegov-bench-'))
  const env = { DATABASE_URL: '', WEGOV_DATA_DIR: dataDir }
  try {
    const first = await startWeGovProcess(env, await freePort())
    await first.stop()
    const restart = await startWeGovProcess(env, await freePort())
    await restart.stop()
    return [
      {
        id: 'cold-start-empty',
        title: 'Cold start to ready on PGlite, empty data dir (migrate + demo content)',
        value: first.readyMs,
        unit: 'ms',
        target: '< 8000 ms',
        pass: first.readyMs < 8000,
      },
      {
        id: 'cold-start-restart',
        title: 'Restart to ready on PGlite, existing data dir',
        value: restart.readyMs,
        unit: 'ms',
        target: '< 8000 ms',
        pass: restart.readyMs < 8000,
      },
    ]
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}
