import { executeServerCommand } from '@web/test-runner-commands'

/** Set by web-test-runner.config.mjs: the real API's origin and what its fixtures contain. */
export const { api, fixtures } = (window as unknown as { WEGOV_TEST: { api: string; fixtures: Fixtures } }).WEGOV_TEST
interface Fixtures {
  projects: { total: number; tunisia: number; arabicOnlyTitle: string }
  resources: { upcomingWebinar: string; video: string; report: string }
  petitions: { open: string; closed: string; partner: string }
}

export const LANGS = ['en', 'fr', 'ar'] as const

/** Mounts markup in a fresh container and returns its first element; removed by cleanup(). */
export function mount<T extends HTMLElement>(markup: string, container: HTMLElement = document.body): T {
  const wrapper = document.createElement('div')
  wrapper.className = 'test-fixture'
  wrapper.innerHTML = markup
  container.append(wrapper)
  return wrapper.firstElementChild as T
}

export function cleanup(): void {
  document.querySelectorAll('.test-fixture').forEach((node) => node.remove())
  document.querySelectorAll('style[data-test]').forEach((node) => node.remove())
}

/** Resolves with the next event of that name on the target. */
export function nextEvent<T extends Event = CustomEvent>(target: EventTarget, name: string): Promise<T> {
  return new Promise((resolve) => target.addEventListener(name, (event) => resolve(event as T), { once: true }))
}

/**
 * Waits until `check` returns a truthy value, re-checking after every DOM change and frame; the test's own
 * timeout bounds it, so there is no arbitrary delay to tune.
 */
export async function until<T>(check: () => T | null | undefined | false): Promise<T> {
  for (;;) {
    const value = check()
    if (value) return value
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}

export function shadow(host: Element): ShadowRoot {
  if (!host.shadowRoot) throw new Error(`${host.localName} has no shadow root`)
  return host.shadowRoot
}

export function $(host: Element, selector: string): HTMLElement {
  const found = shadow(host).querySelector<HTMLElement>(selector)
  if (!found) throw new Error(`${selector} not found in ${host.localName}`)
  return found
}

export function $$(host: Element, selector: string): HTMLElement[] {
  return [...shadow(host).querySelectorAll<HTMLElement>(selector)]
}

declare const axe: { run(context: Element, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown; failureSummary?: string }[] }[] }> }

/** axe-core's WCAG 2.0-2.2 A and AA rules on one element (shadow DOM included); returns readable violations. */
export async function axeViolations(element: Element): Promise<string[]> {
  const result = await axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    resultTypes: ['violations'],
  })
  return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('; ')}`)
}

/** Makes requests for URLs matching the glob fail as on a lost connection (a phone losing signal), or work again. */
export function setUnreachable(pattern: string, unreachable: boolean): Promise<unknown> {
  return executeServerCommand('wegov-unreachable', { pattern, unreachable })
}

export function screenshot(name: string, selector?: string): Promise<unknown> {
  return executeServerCommand('wegov-screenshot', { name, selector })
}

/** The hostile stylesheet of the issue: resets everything on the page, hides forms, paints buttons red. */
export function addHostileStyles(): void {
  const style = document.createElement('style')
  style.dataset.test = 'hostile'
  style.textContent = '* { all: unset } form { display: none } button { color: red !important }'
  document.head.append(style)
}

/** The confirmation code WeGov emailed to `email`, read from the API's development mailbox once delivered. */
export async function emailedCode(email: string, after = 0): Promise<string> {
  for (;;) {
    const response = await fetch(`${api}/dev/mailbox?to=${encodeURIComponent(email)}`)
    const { items } = (await response.json()) as { items: { id: number; code: string | null }[] }
    const message = items.find((item) => item.id > after && item.code)
    if (message) return message.code!
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}

/** The id of the newest message to `email` so far (0 when none), to wait for a newer one. */
export async function lastMessageId(email: string): Promise<number> {
  const response = await fetch(`${api}/dev/mailbox?to=${encodeURIComponent(email)}`)
  const { items } = (await response.json()) as { items: { id: number }[] }
  return items[0]?.id ?? 0
}

let sequence = 0
/** A fresh address per test, so the per-email ceiling is only reached where a test means to. */
export function uniqueEmail(label: string): string {
  sequence += 1
  return `${label}.${Date.now().toString(36)}.${sequence}@example.org`
}
