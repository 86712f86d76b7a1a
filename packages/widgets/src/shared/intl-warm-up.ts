import type { WidgetLang } from './lang.js'

/**
 * A page's first Intl object costs 15–40 ms: V8 and ICU build, once per renderer process, the list of the
 * locales ICU has, and load the data every formatter starts from. Every widget formats numbers and dates
 * in its first render, so on the main thread that cost fell inside it. A Web Worker runs in the same
 * process, and those caches are the process's, not the thread's: a worker that makes the same kinds of
 * Intl objects first takes the cost to another thread (another core) while the widget's data is on its way,
 * and the render's own Intl objects then cost well under a millisecond each. Once per page, in the first
 * widget's language: what costs is the first object of each kind, whatever its language (another
 * language's first NumberFormat then costs a fraction of a millisecond), and a shorter job is more
 * likely to be over before the render needs the same caches. The worker is made from a Blob URL like
 * the SDK's proof-of-work solver (a worker script must be same-origin with the page, and the widgets'
 * origin is not the page's).
 *
 * Returns false where no worker can run (none in the browser, or the page's Content-Security-Policy has no
 * `worker-src blob:`): the caller then warms up on its own thread, in a task of its own.
 */
let warming: Promise<boolean> | undefined

export function warmUpIntl(lang: WidgetLang): Promise<boolean> {
  return (warming ??= startWorker(lang))
}

/**
 * Self-contained: the worker runs it from its source text. One object of each kind the widgets' first
 * renders make (format.ts), in the order they are needed: the projects' country filter (before its data; the
 * worker helps it when another widget of the page started it), then every widget's count, dates, and the
 * petition's and the projects' lists of names, then the resources' durations and webinar times (the time
 * zone's name is ICU data of its own: left to the main thread, these two took the resources widget's first
 * render from 32 to 41 ms of CPU in the bench).
 */
function makeFormatters(lang: string): void {
  new Intl.DisplayNames([lang], { type: 'region' }).of('TN')
  new Intl.NumberFormat(lang).format(1)
  new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeZone: 'UTC' }).format(0)
  new Intl.ListFormat(lang, { type: 'conjunction', style: 'long' }).format(['a', 'b'])
  new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(1)
  new Intl.DateTimeFormat(lang, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(0)
}

function startWorker(lang: WidgetLang): Promise<boolean> {
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined') return Promise.resolve(false)
  // var __name: the helper esbuild's keepNames may wrap functions with (the tests' dev server); the worker has none.
  const source = `var __name=f=>f;(${makeFormatters})(${JSON.stringify(lang)});postMessage(0)`
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }))
  return new Promise((resolve) => {
    let worker: Worker | undefined
    const finish = (ran: boolean) => {
      worker?.terminate()
      URL.revokeObjectURL(url)
      resolve(ran)
    }
    try {
      worker = new Worker(url)
    } catch {
      return finish(false)
    }
    worker.onmessage = () => finish(true)
    worker.onerror = (event) => {
      event.preventDefault()
      finish(false)
    }
  })
}
