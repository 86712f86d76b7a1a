import type { ReactiveController, ReactiveControllerHost } from 'lit'
import { toProblem, type Problem } from './problem.js'

/**
 * Runs one async load for a host and keeps its state for rendering. A newer run supersedes an older one,
 * so a slow answer to an old filter never overwrites the answer to the new one.
 */
export class LoadController<T> implements ReactiveController {
  status: 'idle' | 'loading' | 'done' | 'error' = 'idle'
  value: T | undefined
  problem: Problem | undefined
  #run = 0
  readonly #host: ReactiveControllerHost
  readonly #onProblem: ((problem: Problem) => void) | undefined

  constructor(host: ReactiveControllerHost, onProblem?: (problem: Problem) => void) {
    this.#host = host
    this.#onProblem = onProblem
    host.addController(this)
  }

  hostConnected(): void {}

  /** Starts `task`; resolves to its value, or undefined when it failed or was superseded. */
  async load(task: () => Promise<T>, { keepValue = false } = {}): Promise<T | undefined> {
    const run = ++this.#run
    this.status = 'loading'
    this.problem = undefined
    if (!keepValue) this.value = undefined
    this.#host.requestUpdate()
    try {
      const value = await task()
      if (run !== this.#run) return undefined
      this.value = value
      this.status = 'done'
      return value
    } catch (error) {
      if (run !== this.#run) return undefined
      this.problem = toProblem(error)
      this.status = 'error'
      this.#onProblem?.(this.problem)
      return undefined
    } finally {
      if (run === this.#run) this.#host.requestUpdate()
    }
  }
}
