/**
 * The wait before the next try of something that keeps failing (the database away): `base` after a
 * success, doubled per failure in a row, never more than `max` (nor less than `base`). The maintenance
 * jobs and the mail worker back off with it, so a long outage costs a few tries, not one per interval.
 */
export function doublingDelay(base: number, failuresInARow: number, max: number): number {
  if (failuresInARow === 0) return base
  return Math.max(base, Math.min(base * 2 ** failuresInARow, max))
}
