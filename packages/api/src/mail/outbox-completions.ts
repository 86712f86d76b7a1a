import type { Kysely } from 'kysely'
import type { DB } from '../db/schema.js'
import { completeMail } from './outbox.js'

/**
 * Removes delivered messages from the outbox, several per statement: the messages settled in one turn of
 * the event loop (a claimed batch the development mailbox stored at once, SMTP sends that finished
 * together) share one DELETE and one commit. One autocommitted DELETE per message cost the database a
 * commit per signature, more than the signing batch's own commits, during a surge.
 *
 * Still at-least-once: a row goes only after its message was accepted, and if the DELETE fails every
 * row of its group stays, to be sent again once its lease runs out.
 */
export class OutboxCompletions {
  readonly #db: Kysely<DB>
  #ids: number[] = []
  #pending: Promise<void> | undefined

  constructor(db: Kysely<DB>) {
    this.#db = db
  }

  /** Resolves once the row is deleted (or rejects with the error that kept it). */
  complete(id: number): Promise<void> {
    this.#ids.push(id)
    this.#pending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      const ids = this.#ids
      this.#ids = []
      this.#pending = undefined
      return completeMail(this.#db, ids)
    })
    return this.#pending
  }
}
