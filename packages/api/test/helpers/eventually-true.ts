/**
 * Polls until `check` holds, a bounded number of times, and says whether it did. NOTIFY reaches the
 * read caches asynchronously (on PostgreSQL over the LISTEN connection, after the write's transaction has
 * answered), so a test that writes and then reads waits for the invalidation instead of assuming a delay.
 */
export async function eventuallyTrue(check: () => Promise<boolean> | boolean, attempts = 200): Promise<boolean> {
  for (let i = 0; i < attempts; i++) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  return false
}
