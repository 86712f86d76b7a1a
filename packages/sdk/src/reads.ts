import { buildUrl, request, segment, type Transport } from './transport.js'
import type {
  CallOptions,
  Organisation,
  OrganisationListParams,
  Page,
  Petition,
  PetitionCount,
  PetitionListParams,
  Project,
  ProjectListParams,
  PublicSignature,
  Resource,
  ResourceFeed,
  ResourceFeedParams,
  ResourceListParams,
  ResourceSummary,
  SignatureListParams,
  Vocabularies,
  WebinarCalendarParams,
} from './types.js'

/*
 * Every read of the API as a function of a transport (signing is in signing.ts). `createClient` builds its
 * namespaces from them; code that makes only a few calls and counts its bytes (the embeddable widgets)
 * imports just those:
 *
 * ```ts
 * const wegov = createTransport({ baseUrl: 'https://wegov.example.org', lang: 'ar' })
 * const petition = await getPetition(wegov, 'clean-water-for-gafsa')
 * ```
 */

type Cursor = { cursor?: string }
const read = <T>(t: Transport, path: string, query?: object, options?: CallOptions) => request<T>(t, path, { query, ...options })
/** `/v1/{collection}/{id or slug}`, the slug kept one path segment. */
export const itemPath = (name: string, idOrSlug: string) => `/v1/${name}/${segment(idOrSlug)}`

export const organisationsPage = (t: Transport, params?: OrganisationListParams & Cursor, options?: CallOptions) =>
  read<Page<Organisation>>(t, '/v1/organisations', params, options)
export const getOrganisation = (t: Transport, idOrSlug: string, options?: CallOptions) => read<Organisation>(t, itemPath('organisations', idOrSlug), undefined, options)

export const projectsPage = (t: Transport, params?: ProjectListParams & Cursor, options?: CallOptions) => read<Page<Project>>(t, '/v1/projects', params, options)
export const getProject = (t: Transport, idOrSlug: string, options?: CallOptions) => read<Project>(t, itemPath('projects', idOrSlug), undefined, options)

export const resourcesPage = (t: Transport, params?: ResourceListParams & Cursor, options?: CallOptions) =>
  read<Page<ResourceSummary>>(t, '/v1/resources', params, options)
export const getResource = (t: Transport, idOrSlug: string, options?: CallOptions) => read<Resource>(t, itemPath('resources', idOrSlug), undefined, options)
/** The resources as a JSON Feed 1.1 object (next_url pages it). */
export const getResourceFeed = (t: Transport, params?: ResourceFeedParams, options?: CallOptions) => read<ResourceFeed>(t, '/v1/resources/feed.json', params, options)

/**
 * The address of the webinars' iCalendar feed, for a calendar app to subscribe to (it fetches it itself):
 * the list's filters, titles in the client's language unless `params.lang` says otherwise.
 */
export const webinarCalendarUrl = (t: Transport, params?: WebinarCalendarParams) => buildUrl(t.baseUrl, '/v1/resources/webinars.ics', { lang: t.lang, ...params })
/** The address of one webinar's iCalendar file, for an "Add to calendar" link. */
export const webinarCalendarFileUrl = (t: Transport, idOrSlug: string, lang = t.lang) =>
  buildUrl(t.baseUrl, `${itemPath('resources', idOrSlug)}/calendar.ics`, { lang })

export const getVocabularies = (t: Transport, options?: CallOptions) => read<Vocabularies>(t, '/v1/vocabularies', undefined, options)

export const petitionsPage = (t: Transport, params?: PetitionListParams & Cursor, options?: CallOptions) => read<Page<Petition>>(t, '/v1/petitions', params, options)
export const getPetition = (t: Transport, idOrSlug: string, options?: CallOptions) => read<Petition>(t, itemPath('petitions', idOrSlug), undefined, options)
export const getPetitionCount = (t: Transport, idOrSlug: string, options?: CallOptions) =>
  read<PetitionCount>(t, `${itemPath('petitions', idOrSlug)}/count`, undefined, options)
export const petitionSignaturesPage = (t: Transport, idOrSlug: string, params?: SignatureListParams & Cursor, options?: CallOptions) =>
  read<Page<PublicSignature>>(t, `${itemPath('petitions', idOrSlug)}/signatures`, params, options)
