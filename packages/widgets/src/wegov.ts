/**
 * The one script partners include. It loads a widget's code only when its tag is on the page (now or
 * later), so a page with one petition does not download the project list.
 */
const widgets: Record<string, () => Promise<unknown>> = {
  'wegov-petition': () => import('./petition/petition.js'),
  'wegov-projects': () => import('./projects/projects.js'),
  'wegov-resources': () => import('./resources/resources.js'),
}

const pending = new Map(Object.entries(widgets))
let observer: MutationObserver | undefined

function loadPresent(): void {
  for (const [tag, load] of pending) {
    if (customElements.get(tag)) pending.delete(tag)
    else if (document.getElementsByTagName(tag).length > 0) {
      pending.delete(tag)
      void load()
    }
  }
  if (pending.size === 0) observer?.disconnect()
}

loadPresent()
if (pending.size > 0) {
  observer = new MutationObserver(loadPresent)
  observer.observe(document.documentElement, { childList: true, subtree: true })
}

/** Loads every widget now, for pages that create widgets inside their own shadow roots. */
export function defineAll(): Promise<unknown[]> {
  const loads = [...pending.values()].map((load) => load())
  pending.clear()
  observer?.disconnect()
  return Promise.all(loads)
}
