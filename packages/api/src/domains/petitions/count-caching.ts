/** Seconds a shared cache (a CDN) may serve a count without asking, and the public signers list's life here. */
export const COUNT_MAX_AGE_SECONDS = 5
/** How long an instance reuses a count it read; the database's count is never more than this ahead. */
export const COUNT_TTL_MS = 2000
/**
 * The Cache-Control of every reply that carries a live count (a petition, the list, the count itself).
 *
 * Browsers revalidate on every use (max-age=0): with `max-age=5, stale-while-revalidate=10`, a signer who
 * confirmed by the emailed link and went back to the petition was shown the count from before, out of
 * their own browser's cache, for up to 15 s (stale-while-revalidate shows the stale copy first). A browser
 * gained little from keeping it: the widget polls once a minute, past any max-age worth having. And a
 * revalidation is cheap: a petition and its count are answered from the read cache in the first onRequest
 * hook, with a 304 while the ETag matches.
 *
 * Shared caches keep it 5 s (s-maxage): that is what shields WeGov from a surge of watchers behind a CDN,
 * and a CDN is where it matters (behind one, a signer may see a count up to 5 s old; never from their own
 * browser's cache). The UK e-petitions ratios stay for them: stale-if-error five times that.
 * No stale-while-revalidate: browsers apply it too (Chromium does), which is the bug above.
 */
export const COUNT_CACHE_CONTROL = `public, max-age=0, s-maxage=${COUNT_MAX_AGE_SECONDS}, stale-if-error=${COUNT_MAX_AGE_SECONDS * 5}`

/** The read-cache tag of a petition's count replies (and of the petition's own, which carries its count). */
export function countTag(petitionId: string): string {
  return `count:${petitionId}`
}
