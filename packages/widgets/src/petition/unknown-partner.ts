import { toProblem } from '../shared/problem.js'

/** Slugs already warned about: once per page and slug, however many widgets name it. */
const warned = new Set<string>()

/**
 * Tells the embedder, in the console, that the `partner` attribute names no registered organisation:
 * the API does not attribute signatures to an unknown partner, and the visitor sees nothing amiss, so
 * without this the partner would lose the credit silently. A lost connection is not a verdict on the slug.
 */
export function warnIfUnknownPartner(slug: string, error: unknown): void {
  const { kind } = toProblem(error)
  if ((kind !== 'not-found' && kind !== 'invalid') || warned.has(slug)) return
  warned.add(slug)
  console.warn(
    `WeGov: partner="${slug}" is not a registered organisation: signatures on this page are not credited to it. ` +
      'Pick yours in the embed builder (/en/embed on the WeGov portal).',
  )
}
