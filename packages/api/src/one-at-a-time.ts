/**
 * Runs tasks one after another, in the order they were given, each starting once the previous one has
 * settled; a task that fails rejects its own promise and does not stop the next. For work that must not
 * overlap within one process: statements on one connection, rounds of a worker.
 *
 * @example
 * const turns = new OneAtATime()
 * await Promise.all([turns.run(() => client.query('LISTEN a')), turns.run(() => client.query('LISTEN b'))])
 */
export class OneAtATime {
  #last: Promise<unknown> = Promise.resolve()

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#last.then(task)
    this.#last = result.catch(() => {})
    return result
  }
}
