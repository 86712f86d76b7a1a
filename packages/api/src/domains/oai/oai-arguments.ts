import { OaiError } from './oai-xml.js'

export const VERBS = ['Identify', 'ListMetadataFormats', 'ListSets', 'GetRecord', 'ListIdentifiers', 'ListRecords'] as const
export type Verb = (typeof VERBS)[number]

/** The arguments each verb takes: required, optional, and the exclusive resumptionToken (specification §4). */
const ARGUMENTS: Record<Verb, { required: string[]; optional: string[]; exclusive?: string }> = {
  Identify: { required: [], optional: [] },
  ListMetadataFormats: { required: [], optional: ['identifier'] },
  ListSets: { required: [], optional: [], exclusive: 'resumptionToken' },
  GetRecord: { required: ['identifier', 'metadataPrefix'], optional: [] },
  ListIdentifiers: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
  ListRecords: { required: ['metadataPrefix'], optional: ['from', 'until', 'set'], exclusive: 'resumptionToken' },
}

export interface OaiRequest {
  verb: Verb
  arguments: Record<string, string>
}

/**
 * Reads a request's arguments (the query string, or a POST's form body) as OAI-PMH defines them: a
 * missing, unknown or repeated verb is badVerb; a missing, unknown or repeated argument, or one beside an
 * exclusive resumptionToken, is badArgument. Parsed here rather than by a route schema, so that a bad
 * query string gets the protocol's own error and not the API's problem+json.
 */
export function readArguments(params: URLSearchParams): OaiRequest {
  const verbs = params.getAll('verb')
  if (verbs.length !== 1 || !(VERBS as readonly string[]).includes(verbs[0]!)) {
    throw new OaiError('badVerb', verbs.length > 1 ? 'The verb is repeated.' : 'The verb is missing or is not an OAI-PMH verb.')
  }
  const verb = verbs[0] as Verb
  const allowed = ARGUMENTS[verb]
  const args: Record<string, string> = {}
  for (const [name, value] of params) {
    if (name === 'verb') continue
    if (name in args) throw new OaiError('badArgument', `The argument ${name} is repeated.`)
    if (!allowed.required.includes(name) && !allowed.optional.includes(name) && allowed.exclusive !== name) {
      throw new OaiError('badArgument', `${verb} does not take the argument ${name}.`)
    }
    args[name] = value
  }
  if (allowed.exclusive && args[allowed.exclusive] !== undefined) {
    if (Object.keys(args).length > 1) throw new OaiError('badArgument', `${allowed.exclusive} is an exclusive argument.`)
    return { verb, arguments: args }
  }
  const missing = allowed.required.filter((name) => args[name] === undefined || args[name] === '')
  if (missing.length > 0) throw new OaiError('badArgument', `${verb} needs ${missing.join(' and ')}.`)
  return { verb, arguments: args }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/
const SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/

/**
 * from and until as the half-open interval [from, until): both at one granularity (a day, or a second in
 * UTC); until names the last day or second included.
 */
export function readInterval(from: string | undefined, until: string | undefined): { from: Date | undefined; until: Date | undefined } {
  const read = (value: string | undefined, name: string) => {
    if (value === undefined) return undefined
    const granularity = DAY.test(value) ? 'day' : SECOND.test(value) ? 'second' : undefined
    const date = new Date(granularity === 'day' ? `${value}T00:00:00Z` : value)
    if (!granularity || Number.isNaN(date.getTime()) || date.toISOString().slice(0, value.length - (granularity === 'day' ? 0 : 1)) !== value.replace(/Z$/, '')) {
      throw new OaiError('badArgument', `${name} must be YYYY-MM-DD or YYYY-MM-DDThh:mm:ssZ.`)
    }
    return { date, granularity }
  }
  const start = read(from, 'from')
  const end = read(until, 'until')
  if (start && end && start.granularity !== end.granularity) throw new OaiError('badArgument', 'from and until must have the same granularity.')
  if (start && end && start.date > end.date) throw new OaiError('badArgument', 'from is after until.')
  const endExclusive = end ? new Date(end.date.getTime() + (end.granularity === 'day' ? 86_400_000 : 1000)) : undefined
  return { from: start?.date, until: endExclusive }
}
