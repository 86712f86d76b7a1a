import type { HarvestFilters, HarvestedResource } from '../resources/resource-harvest.js'
import type { ResourcesService } from '../resources/resources-plugin.js'
import type { OrganisationsService } from '../organisations/organisations-plugin.js'
import { COLLECTIONS } from '../vocabulary/terms.js'
import { type OaiRequest, readArguments, readInterval } from './oai-arguments.js'
import { OAI_DC, OaiError, type RecordLinks, datestamp, envelope, errorElement, header, record, resumptionToken } from './oai-xml.js'
import type { ListState, ResumptionTokens } from './resumption-tokens.js'

/** How long a resumption token is honoured: a slow harvester of a large list has a day per page. */
const TOKEN_LIFETIME_SECONDS = 24 * 3600
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export interface OaiRepositoryOptions {
  resources: ResourcesService
  organisations: Pick<OrganisationsService, 'byIds'>
  tokens: ResumptionTokens
  /** The public origin (configuration, never the Host header), read per request: with PORT=0 it is known once listening. */
  publicUrl: () => string
  pageSize: number
  adminEmail: string
}

/**
 * WeGov's OAI-PMH 2.0 repository: the public resources (learning and library collections) as oai_dc
 * records, with persistent deleted records (the resources' tombstones), second granularity, sets by
 * collection and by country, and stateless resumption tokens.
 */
export class OaiRepository {
  readonly #options: OaiRepositoryOptions

  constructor(options: OaiRepositoryOptions) {
    this.#options = options
  }

  get baseUrl(): string {
    return `${this.#options.publicUrl()}/oai`
  }

  /** `oai:<host of the public URL>:resource/<id>`. */
  identifierOf(id: string): string {
    return `oai:${new URL(this.#options.publicUrl()).hostname}:resource/${id}`
  }

  /** The response to one request, errors included (always an OAI-PMH document). */
  async answer(params: URLSearchParams, now = new Date()): Promise<string> {
    let request: OaiRequest
    try {
      request = readArguments(params)
    } catch (error) {
      // After badVerb or badArgument the request element carries no attributes (specification §3.2).
      if (error instanceof OaiError) return envelope(this.baseUrl, {}, errorElement(error), now)
      throw error
    }
    const echoed = { verb: request.verb, ...request.arguments }
    try {
      return envelope(this.baseUrl, echoed, await this.#verb(request, now), now)
    } catch (error) {
      if (!(error instanceof OaiError)) throw error
      const echo = error.code === 'badArgument' ? {} : echoed
      return envelope(this.baseUrl, echo, errorElement(error), now)
    }
  }

  async #verb({ verb, arguments: args }: OaiRequest, now: Date): Promise<string> {
    switch (verb) {
      case 'Identify':
        return this.#identify()
      case 'ListMetadataFormats':
        if (args.identifier !== undefined) await this.#find(args.identifier)
        return `<ListMetadataFormats><metadataFormat><metadataPrefix>${OAI_DC.prefix}</metadataPrefix><schema>${OAI_DC.schema}</schema><metadataNamespace>${OAI_DC.namespace}</metadataNamespace></metadataFormat></ListMetadataFormats>`
      case 'ListSets':
        if (args.resumptionToken !== undefined) throw new OaiError('badResumptionToken', 'The set list is never split: there is no token to resume.')
        return this.#listSets()
      case 'GetRecord': {
        const resource = await this.#find(args.identifier!)
        checkFormat(args.metadataPrefix!)
        const [links] = await this.#links([resource])
        return `<GetRecord>${record(this.identifierOf(resource.id), resource, links!)}</GetRecord>`
      }
      case 'ListIdentifiers':
      case 'ListRecords':
        return this.#list(args.resumptionToken !== undefined ? this.#resume(verb, args.resumptionToken, now) : await this.#start(verb, args, now), now)
    }
  }

  async #identify(): Promise<string> {
    const { earliest } = await this.#options.resources.harvestOverview()
    return [
      '<Identify>',
      '<repositoryName>WeGov</repositoryName>',
      `<baseURL>${this.baseUrl}</baseURL>`,
      '<protocolVersion>2.0</protocolVersion>',
      `<adminEmail>${this.#options.adminEmail}</adminEmail>`,
      `<earliestDatestamp>${datestamp(earliest ?? new Date(0))}</earliestDatestamp>`,
      '<deletedRecord>persistent</deletedRecord>',
      '<granularity>YYYY-MM-DDThh:mm:ssZ</granularity>',
      '</Identify>',
    ].join('')
  }

  async #listSets(): Promise<string> {
    const { countries } = await this.#options.resources.harvestOverview()
    const names = new Intl.DisplayNames(['en'], { type: 'region' })
    const set = (spec: string, name: string) => `<set><setSpec>${spec}</setSpec><setName>${name}</setName></set>`
    return [
      '<ListSets>',
      set('collection', 'Collections'),
      ...COLLECTIONS.codes.map((code) => set(`collection:${code}`, `Collection: ${COLLECTIONS.terms[code].en}`)),
      set('country', 'Countries'),
      ...countries.map((code) => set(`country:${code}`, `Country: ${safeRegionName(names, code)}`)),
      '</ListSets>',
    ].join('')
  }

  /** The first page's state: the query, with until pinned to now so that the list cannot grow under the harvester. */
  async #start(verb: ListState['verb'], args: Record<string, string>, now: Date): Promise<ListState> {
    checkFormat(args.metadataPrefix!)
    const interval = readInterval(args.from, args.until)
    const until = interval.until && interval.until < now ? interval.until : now
    const state: ListState = {
      verb,
      metadataPrefix: args.metadataPrefix!,
      from: interval.from?.toISOString(),
      until: until.toISOString(),
      set: args.set,
      after: ['-infinity', '00000000-0000-0000-0000-000000000000'],
      cursor: 0,
      completeListSize: 0,
      expires: Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_SECONDS,
    }
    state.completeListSize = await this.#options.resources.countHarvest(filtersOf(state))
    if (state.completeListSize === 0) throw new OaiError('noRecordsMatch', 'No record matches these arguments.')
    return state
  }

  #resume(verb: ListState['verb'], token: string, now: Date): ListState {
    let state: ListState | undefined
    try {
      state = this.#options.tokens.read(token, now.getTime())
    } catch {
      state = undefined
    }
    if (!state || state.verb !== verb) throw new OaiError('badResumptionToken', 'The resumption token is invalid or has expired.')
    return state
  }

  async #list(state: ListState, now: Date): Promise<string> {
    const page = await this.#options.resources.harvest(filtersOf(state), { limit: this.#options.pageSize, after: state.after })
    if (page.items.length === 0 && state.cursor === 0) throw new OaiError('noRecordsMatch', 'No record matches these arguments.')
    const last = page.items.at(-1)
    const sent = state.cursor + page.items.length
    // A list grown or shrunk since it was counted: the size never says less than what was sent.
    const size = Math.max(state.completeListSize, sent + (page.more ? 1 : 0))
    let token = ''
    if (page.more && last) {
      const next: ListState = { ...state, after: [last.changedAt, last.id], cursor: sent, completeListSize: size, expires: Math.floor(now.getTime() / 1000) + TOKEN_LIFETIME_SECONDS }
      token = resumptionToken(this.#options.tokens.write(next), size, state.cursor, new Date(next.expires * 1000))
    } else if (state.cursor > 0) {
      token = resumptionToken(null, size, state.cursor, null)
    }
    const links = state.verb === 'ListRecords' ? await this.#links(page.items) : []
    const items = page.items.map((resource, i) =>
      state.verb === 'ListRecords' ? record(this.identifierOf(resource.id), resource, links[i]!) : header(this.identifierOf(resource.id), resource),
    )
    return `<${state.verb}>${items.join('\n')}${token}</${state.verb}>`
  }

  async #find(identifier: string): Promise<HarvestedResource> {
    const prefix = `oai:${new URL(this.#options.publicUrl()).hostname}:resource/`
    const id = identifier.startsWith(prefix) ? identifier.slice(prefix.length) : ''
    const resource = UUID.test(id) ? await this.#options.resources.harvested(id) : undefined
    if (!resource) throw new OaiError('idDoesNotExist', 'No item has this identifier in this repository.')
    return resource
  }

  /** Each record's address and publisher name: the publishers of a page in one lookup, through the organisations service. */
  async #links(resources: HarvestedResource[]): Promise<RecordLinks[]> {
    const ids = resources.flatMap((resource) => (resource.publisherId && !resource.deleted ? [resource.publisherId] : []))
    const publishers = ids.length > 0 ? await this.#options.organisations.byIds(ids) : new Map()
    return resources.map((resource) => ({
      itemUrl: `${this.#options.publicUrl()}/v1/resources/${resource.id}`,
      publisher: (resource.publisherId && publishers.get(resource.publisherId)?.name) ?? null,
    }))
  }
}

function checkFormat(metadataPrefix: string): void {
  if (metadataPrefix !== OAI_DC.prefix) throw new OaiError('cannotDisseminateFormat', `This repository disseminates ${OAI_DC.prefix} only.`)
}

/** The harvest filters of a list: its interval and its set (a set this repository does not have matches nothing). */
function filtersOf(state: ListState): HarvestFilters {
  const filters: HarvestFilters = { from: state.from ? new Date(state.from) : undefined, until: new Date(state.until) }
  const set = state.set
  if (set === undefined) return filters
  if (set === 'collection') return filters
  if (set === 'country') return { ...filters, anyCountry: true }
  const [kind, code, ...rest] = set.split(':')
  if (rest.length === 0 && kind === 'collection' && code) return { ...filters, collection: code }
  if (rest.length === 0 && kind === 'country' && code) return { ...filters, country: code }
  // No record is in it: a collection nobody uses.
  return { ...filters, collection: ':none' }
}

function safeRegionName(names: Intl.DisplayNames, code: string): string {
  try {
    return names.of(code) ?? code
  } catch {
    return code
  }
}
