import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { isDatabaseUnavailable } from '../../db/connection-errors.js'
import { NOTIFICATIONS_MISSED } from '../../db/notification-listener.js'
import { OneAtATime } from '../../one-at-a-time.js'
import { type ChangeHandler, consumeChanges } from './change-consumers.js'
import { CHANGES_CHANNEL } from './change-invalidation.js'

export interface ChangeConsumers {
  /**
   * Adds a consumer (once per instance, before the app is ready); `handled` runs after a run that handled
   * events. `subjects` names the subject types whose events it acts on: only their notifications wake it
   * (every event still passes through it, in order, when it runs).
   */
  add(name: string, handle: ChangeHandler, options?: { handled?: () => void; subjects?: readonly string[] }): void
  /**
   * Brings every consumer up to what was committed before the call, waiting for another instance that is
   * running one to finish (tests, and whoever must see a consumer's effects at once).
   */
  catchUp(): Promise<void>
}

declare module 'fastify' {
  interface FastifyInstance {
    changeConsumers: ChangeConsumers
  }
}

/** The backstop when a NOTIFY was missed (the LISTEN connection dropped, or another instance was busy). */
const BACKSTOP_MS = 30_000
/** When another instance held a consumer as this one was woken: look again soon, its run may have begun too early. */
const HELD_RETRY_MS = 1_000
const CATCH_UP_TIMEOUT_MS = 10_000

interface Consumer {
  name: string
  handle: ChangeHandler
  handled?: (() => void) | undefined
  /** The subject types whose notifications wake it; undefined: every one. */
  subjects?: readonly string[] | undefined
}

/**
 * Runs the change log's consumers in every instance (one instance at a time runs each: consumeChanges),
 * woken by the log's NOTIFY, with a slow timer as backstop.
 */
export const changeConsumersPlugin = fp(
  async function changeConsumersPlugin(app: FastifyInstance) {
    const consumers: Consumer[] = []
    let running: Promise<void> | undefined
    let again = false
    let closed = false
    let timer: NodeJS.Timeout | undefined

    /** Runs a consumer once; false when another instance holds it. */
    const runOnce = async (consumer: Consumer): Promise<boolean> => {
      const handled = await consumeChanges(app.db, consumer.name, consumer.handle)
      if (handled !== null && handled > 0) consumer.handled?.()
      return handled !== null
    }

    const runAll = async () => {
      let heldElsewhere = false
      try {
        for (const consumer of consumers) heldElsewhere = !(await runOnce(consumer)) || heldElsewhere
      } catch (error) {
        if (isDatabaseUnavailable(error)) app.log.warn({ err: error }, 'change consumers postponed: database unavailable')
        else app.log.error({ err: error }, 'a change consumer failed; its batch comes again on the next run')
      }
      schedule(heldElsewhere ? HELD_RETRY_MS : BACKSTOP_MS)
    }

    const kick = (): Promise<void> => {
      if (closed || consumers.length === 0) return Promise.resolve()
      if (running) {
        again = true
        return running
      }
      running = (async () => {
        do {
          again = false
          await runAll()
        } while (again && !closed)
      })().finally(() => (running = undefined))
      return running
    }

    const schedule = (ms: number) => {
      clearTimeout(timer)
      if (closed) return
      timer = setTimeout(() => void kick(), ms)
      timer.unref()
    }

    let waitingCatchUp: Promise<void> | undefined
    const catchUps = new OneAtATime()
    const catchUpNow = async () => {
      await running
      const deadline = Date.now() + CATCH_UP_TIMEOUT_MS
      for (const consumer of consumers) {
        while (!(await runOnce(consumer))) {
          if (Date.now() > deadline) throw new Error(`change consumer ${consumer.name}: still held by another instance`)
          await new Promise((resolve) => setTimeout(resolve, 20))
        }
      }
    }

    app.decorate('changeConsumers', {
      add(name, handle, options = {}) {
        if (consumers.some((consumer) => consumer.name === name)) throw new Error(`change consumer ${name} added twice`)
        consumers.push({ name, handle, handled: options.handled, subjects: options.subjects })
      },
      catchUp() {
        // Callers of one instance share a catch-up that has not started yet: it starts after their call,
        // so it covers what they committed. Left to compete, 200 callers at once (a test reading 200
        // mailboxes) would take turns at the lock one poll at a time, and run out of time.
        waitingCatchUp ??= catchUps.run(() => {
          waitingCatchUp = undefined
          return catchUpNow()
        })
        return waitingCatchUp
      },
    } satisfies ChangeConsumers)

    let unlisten: (() => Promise<void>) | undefined
    app.addHook('onReady', async () => {
      // Only the events a consumer acts on wake the consumers: every sign-in, every content write would
      // otherwise cost each instance a round of queries for nothing (the backstop still runs them all).
      unlisten = await app.database.listen(CHANGES_CHANNEL, (payload) => {
        const subject = payload.slice(0, payload.indexOf(':'))
        if (payload === NOTIFICATIONS_MISSED || consumers.some((consumer) => !consumer.subjects || consumer.subjects.includes(subject))) void kick()
      })
      void kick()
    })
    app.addHook('onClose', async () => {
      closed = true
      clearTimeout(timer)
      await unlisten?.()
      await running
    })
  },
  { name: 'wegov-change-consumers', dependencies: ['wegov-database'] },
)
