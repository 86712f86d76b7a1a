/**
 * npm run pglite-seed: makes the pristine PGlite cluster new databases are restored from (see
 * src/db/pglite-seed.ts), so the first `npm start` does not pay for initdb. Run by `npm ci` (prepare).
 */
import { pgliteSeed, seedPath } from '../src/db/pglite-seed.js'

const seed = await pgliteSeed()
console.error(seed ? `PGlite seed ready: ${await seedPath()} (${Math.round(seed.size / 1024)} KB)` : 'PGlite seed not made: databases will run initdb')
