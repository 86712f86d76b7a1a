import type { Lang } from './languages.js'
import type { PortalData, PresentedOrganisation, PresentedPetition, PresentedProject, PresentedResource } from './portal-data.js'

type Thing = Record<string, unknown>
type Vocab = Record<string, { code: string; label: string }[] | undefined>

/**
 * schema.org descriptions of item pages, for search engines. Projects are `Project`; webinars are online
 * `Event`s with a `VirtualLocation`; learning resources are `LearningResource`s and library documents
 * `CreativeWork`s; petitions are `CreativeWork`s, since schema.org has no Petition type; an organisation's
 * profile is an `Organization` (a `GovernmentOrganization` for a public authority).
 */
export function itemJsonLd(page: string, data: PortalData, url: string, lang: Lang): Thing | null {
  if (page === 'project' && data.project) return projectJsonLd(data.project, url, data.vocab as Vocab | undefined)
  if (page === 'resource' && data.resource) return resourceJsonLd(data.resource, url, data.vocab as Vocab | undefined)
  if (page === 'petition' && data.petition) return petitionJsonLd(data.petition, url)
  if (page === 'organisation' && data.organisation) return organisationJsonLd(data.organisation, url, data.vocab as Vocab | undefined)
  if (page === 'home') return { '@context': 'https://schema.org', '@type': 'WebSite', name: 'WeGov', url, inLanguage: lang }
  return null
}

const organisation = (name: { text: string }, extra: Thing = {}): Thing => ({ '@type': 'Organization', name: name.text, ...extra })
const labelOf = (vocab: Vocab | undefined, name: string, code: string) => vocab?.[name]?.find((term) => term.code === code)?.label ?? code

function projectJsonLd(project: PresentedProject, url: string, vocab?: Vocab): Thing {
  const funders = project.participants.filter((p) => p.role === 'funding').map((p) => organisation(p.organisation.name))
  const start = project.dates.actualStart ?? project.dates.plannedStart
  return compact({
    '@context': 'https://schema.org',
    '@type': 'Project',
    '@id': url,
    url,
    identifier: project.id,
    name: project.title.text,
    description: project.summary?.text ?? project.description?.text,
    inLanguage: project.title.lang,
    foundingDate: start ?? undefined,
    areaServed: project.countries.map((code) => ({ '@type': 'Country', identifier: code })),
    keywords: project.themes.map((code) => labelOf(vocab, 'themes', code)).join(', ') || undefined,
    parentOrganization: organisation(project.owner.name),
    funder: funders.length ? funders : undefined,
    sameAs: project.website ?? undefined,
  })
}

function resourceJsonLd(resource: PresentedResource, url: string, vocab?: Vocab): Thing {
  const publisher = resource.publisher ?? resource.owner
  const common = {
    '@context': 'https://schema.org',
    '@id': url,
    url,
    identifier: resource.id,
    name: resource.title.text,
    description: resource.summary?.text,
    inLanguage: resource.languages.length === 1 ? resource.languages[0] : resource.languages,
    keywords: resource.themes.map((code) => labelOf(vocab, 'themes', code)).join(', ') || undefined,
  }
  if (resource.webinar) {
    return compact({
      ...common,
      '@type': 'Event',
      startDate: resource.webinar.startsAt,
      endDate: resource.webinar.endsAt ?? undefined,
      eventStatus: resource.webinar.cancelledAt ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
      eventAttendanceMode: 'https://schema.org/OnlineEventAttendanceMode',
      location: { '@type': 'VirtualLocation', url: resource.webinar.joinUrl ?? url },
      organizer: organisation(publisher.name),
      recordedIn: resource.webinar.recordingUrl ? { '@type': 'VideoObject', name: resource.title.text, contentUrl: resource.webinar.recordingUrl } : undefined,
    })
  }
  return compact({
    ...common,
    '@type': resource.collection === 'learning' ? 'LearningResource' : 'CreativeWork',
    learningResourceType: resource.collection === 'learning' ? labelOf(vocab, 'resourceKinds', resource.kind) : undefined,
    genre: resource.collection === 'library' ? labelOf(vocab, 'resourceKinds', resource.kind) : undefined,
    datePublished: resource.publishedOn ?? undefined,
    publisher: organisation(publisher.name),
    license: resource.licence ?? undefined,
    spatialCoverage: resource.countries.map((code) => ({ '@type': 'Country', identifier: code })),
    sameAs: resource.url ?? undefined,
    encoding: resource.file
      ? { '@type': 'MediaObject', contentUrl: resource.file.url, encodingFormat: resource.file.type, contentSize: `${resource.file.size} B` }
      : undefined,
    timeRequired: resource.durationSeconds ? `PT${Math.round(resource.durationSeconds / 60)}M` : undefined,
  })
}

const GOVERNMENT_KINDS = new Set(['public-authority'])

function organisationJsonLd(organisation: PresentedOrganisation, url: string, vocab?: Vocab): Thing {
  return compact({
    '@context': 'https://schema.org',
    '@type': GOVERNMENT_KINDS.has(organisation.kind) ? 'GovernmentOrganization' : 'Organization',
    '@id': url,
    url,
    identifier: organisation.id,
    name: organisation.name.text,
    description: organisation.description?.text,
    logo: organisation.logoUrl ?? undefined,
    sameAs: organisation.website ?? undefined,
    address: { '@type': 'PostalAddress', addressCountry: organisation.country },
    additionalType: labelOf(vocab, 'organisationKinds', organisation.kind),
  })
}

function petitionJsonLd(petition: PresentedPetition, url: string): Thing {
  const launcher = petition.launcher.organisation
    ? organisation(petition.launcher.organisation.name)
    : petition.launcher.name
      ? { '@type': 'Person', name: petition.launcher.name }
      : undefined
  return compact({
    '@context': 'https://schema.org',
    '@type': 'CreativeWork',
    additionalType: 'Petition',
    '@id': url,
    url,
    identifier: petition.id,
    name: petition.title.text,
    description: petition.summary?.text,
    text: petition.text?.text,
    inLanguage: petition.title.lang,
    author: launcher,
    datePublished: petition.opensAt,
    expires: petition.closesAt,
    audience: petition.targets.map((target) => ({ '@type': 'Audience', name: target.text })),
    spatialCoverage: { '@type': 'Country', identifier: petition.country },
    interactionStatistic: {
      '@type': 'InteractionCounter',
      interactionType: 'https://schema.org/AgreeAction',
      userInteractionCount: petition.signatureCount,
    },
  })
}

/** Drops undefined and empty-array properties, so the description only says what is known. */
function compact(thing: Thing): Thing {
  return Object.fromEntries(
    Object.entries(thing).filter(([, value]) => value !== undefined && value !== null && !(Array.isArray(value) && value.length === 0)),
  )
}

/**
 * JSON for a <script type="application/ld+json"> element. JSON.stringify leaves `<`, `>` and `&` as they
 * are, so a title containing `</script>` would close the element and open the page to injected markup;
 * these and the two JavaScript line terminators are written as \u escapes, which JSON readers decode.
 */
export function serialiseJsonLd(thing: Thing): string {
  return JSON.stringify(thing).replace(/[<>&\u2028\u2029]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
