import type { Redis } from 'ioredis'

/** How many hits a key has had in its current fixed window, and when that window ends. */
export interface HitCount {
  count: number
  resetInMs: number
}

/**
 * Fixed-window counters, the same semantics as @fastify/rate-limit's stores: the first hit opens a window
 * of `windowMs`, later hits in it add up, and the count starts again once it has passed.
 */
export interface HitCounter {
  hit(key: string, windowMs: number): Promise<HitCount>
}

// One round trip, atomic: INCR and PEXPIRE cannot be split by another instance's hit.
const HIT_SCRIPT = `
  local count = redis.call('INCR', KEYS[1])
  if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then
    redis.call('PEXPIRE', KEYS[1], ARGV[1])
    ttl = tonumber(ARGV[1])
  end
  return {count, ttl}
`

type RedisWithHit = Redis & { wegovHit(key: string, windowMs: number): Promise<[number, number]> }

/** Counters shared by every instance that uses the same Redis and prefix. */
export function redisHitCounter(redis: Redis, prefix: string): HitCounter {
  if (!('wegovHit' in redis)) redis.defineCommand('wegovHit', { numberOfKeys: 1, lua: HIT_SCRIPT })
  const client = redis as RedisWithHit
  return {
    async hit(key, windowMs) {
      const [count, ttl] = await client.wegovHit(prefix + key, windowMs)
      return { count, resetInMs: ttl }
    },
  }
}

/**
 * Counters of this process only, for a single instance without Redis. Bounded, so a flood of distinct
 * keys (one per spoofed address) cannot exhaust memory: the oldest windows are forgotten first.
 */
export function memoryHitCounter(maxKeys = 100_000): HitCounter {
  const windows = new Map<string, { count: number; resetAt: number }>()
  return {
    async hit(key, windowMs) {
      const now = Date.now()
      let window = windows.get(key)
      if (!window || window.resetAt <= now) {
        // Re-inserting keeps the Map in window-start order, so its first key is the oldest window.
        windows.delete(key)
        if (windows.size >= maxKeys) windows.delete(windows.keys().next().value as string)
        window = { count: 0, resetAt: now + windowMs }
        windows.set(key, window)
      }
      window.count += 1
      return { count: window.count, resetInMs: window.resetAt - now }
    },
  }
}
