import type { Page } from './types.js'

/**
 * What every `list()` returns. Await it for the first page, or iterate it for every item across pages:
 *
 * ```ts
 * const { items, nextCursor } = await client.projects.list({ country: 'TN' })
 * for await (const project of client.projects.list({ country: 'TN' })) console.log(project.slug)
 * const firstFifty = await client.resources.list({ kind: 'guide' }).collect(50)
 * ```
 *
 * The first request starts when the call is first awaited or iterated, and its page is reused by both.
 */
export interface ListCall<T> extends Promise<Page<T>>, AsyncIterable<T> {
  /** Every page in turn, following nextCursor. */
  pages(): AsyncIterableIterator<Page<T>>
  /** Up to `max` items (all of them when omitted), fetching only the pages needed. */
  collect(max?: number): Promise<T[]>
}

export function listCall<T>(fetchPage: (cursor?: string) => Promise<Page<T>>): ListCall<T> {
  let first: Promise<Page<T>> | undefined
  const firstPage = () => (first ??= fetchPage())

  async function* pages() {
    let page = await firstPage()
    yield page
    // A cursor that comes back unchanged would loop forever: stop instead.
    for (let cursor = page.nextCursor; cursor; cursor = cursor === page.nextCursor ? null : page.nextCursor) {
      page = await fetchPage(cursor)
      yield page
    }
  }

  async function* items() {
    for await (const page of pages()) yield* page.items
  }

  return {
    [Symbol.toStringTag]: 'ListCall',
    then: (onFulfilled, onRejected) => firstPage().then(onFulfilled, onRejected),
    catch: (onRejected) => firstPage().catch(onRejected),
    finally: (onFinally) => firstPage().finally(onFinally),
    pages,
    [Symbol.asyncIterator]: items,
    async collect(max = Infinity) {
      const collected: T[] = []
      if (max > 0) {
        for await (const item of items()) {
          if (collected.push(item) >= max) break
        }
      }
      return collected
    },
  }
}
