import t from 'tap'
import { ValueCache } from '../src/http/value-cache.js'

/**
 * The petitions' value cache: a count this instance has just changed is deleted, and a read of it that was
 * already under way (it may have read the count before the change) must not put the old value back.
 */
t.test('a build under way when its key is deleted answers its caller but is not kept', async (t) => {
  const cache = new ValueCache<number>({ ttlMs: 60_000 })
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const before = cache.get('petition', async () => {
    await released
    return 1
  })
  cache.delete('petition')
  release()
  t.equal(await before, 1, 'the read that started before the change gets what it read')
  t.equal(await cache.get('petition', async () => 2), 2, 'the next read builds again and sees the change')
  t.equal(await cache.get('petition', async () => 3), 2, 'and that one is kept')
})

t.test('a build under way when everything is cleared is not kept either', async (t) => {
  const cache = new ValueCache<number>({ ttlMs: 60_000 })
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  const before = cache.get('petition', async () => {
    await released
    return 1
  })
  cache.clear()
  release()
  t.equal(await before, 1)
  t.equal(await cache.get('petition', async () => 2), 2)
})
