import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator'
import type { Lang } from '../../db/schema.js'
import type { PresentedResource } from './resource-repository.js'

export const CALENDAR_TYPE = 'text/calendar; charset=utf-8'

const CALENDAR_NAME: Record<Lang, string> = {
  ar: 'WeGov: الندوات عبر الإنترنت',
  fr: 'WeGov : webinaires',
  en: 'WeGov: webinars',
}

/** Language names, in each language, for the note on a title shown in another language. */
const LANGUAGE_NAMES: Record<Lang, Record<Lang, string>> = {
  ar: { ar: 'العربية', fr: 'الفرنسية', en: 'الإنجليزية' },
  fr: { ar: 'arabe', fr: 'français', en: 'anglais' },
  en: { ar: 'Arabic', fr: 'French', en: 'English' },
}

const NOTES: Record<Lang, { fallback: (shownIn: string) => string; join: string; cancelled: string }> = {
  ar: {
    fallback: (shownIn) => `العنوان غير مترجم إلى العربية، وهو معروض باللغة ${shownIn}.`,
    join: 'رابط المشاركة:',
    cancelled: 'أُلغيت هذه الندوة.',
  },
  fr: {
    fallback: (shownIn) => `Titre non traduit en français : affiché en ${shownIn}.`,
    join: 'Pour participer :',
    cancelled: 'Ce webinaire est annulé.',
  },
  en: {
    fallback: (shownIn) => `Title not translated into English: shown in ${shownIn}.`,
    join: 'To join:',
    cancelled: 'This webinar has been cancelled.',
  },
}

export interface WebinarCalendar {
  lang: Lang
  /** The node's public origin (configuration, never the Host header): links and UIDs are built on it. */
  base: string
  webinars: PresentedResource[]
}

/**
 * Webinars as an iCalendar file (RFC 5545). Times are the stored instants, written in UTC (`…Z`): a
 * webinar is one moment for everyone, and each calendar shows it in its reader's own time zone.
 *
 * - UID: the resource's id at the node's host, so a calendar that subscribed updates the same event.
 * - DTSTAMP and LAST-MODIFIED: the resource's last change, so the same content gives the same bytes (ETag).
 * - A cancelled webinar stays, with STATUS:CANCELLED, so calendars that hold it remove or strike it.
 */
export function webinarCalendar({ lang, base, webinars }: WebinarCalendar): string {
  const host = new URL(base).host
  const calendar = ical({
    name: CALENDAR_NAME[lang],
    prodId: { company: 'WeGov', product: 'WeGov', language: lang.toUpperCase() },
    method: ICalCalendarMethod.PUBLISH,
  })
  for (const resource of webinars) {
    const webinar = resource.webinar
    if (!webinar) continue
    const updated = new Date(resource.updatedAt)
    calendar.createEvent({
      id: `${resource.id}@${host}`,
      start: new Date(webinar.startsAt),
      ...(webinar.endsAt ? { end: new Date(webinar.endsAt) } : {}),
      summary: resource.title.text,
      description: descriptionOf(resource, lang),
      url: webinar.joinUrl ?? webinar.recordingUrl ?? `${base}/v1/resources/${resource.slug}`,
      ...(webinar.joinUrl ? { location: webinar.joinUrl } : {}),
      status: webinar.cancelledAt ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      created: new Date(resource.createdAt),
      stamp: updated,
      lastModified: updated,
    })
  }
  return calendar.toString()
}

function descriptionOf(resource: PresentedResource, lang: Lang): string {
  const notes = NOTES[lang]
  const webinar = resource.webinar!
  return [
    webinar.cancelledAt ? notes.cancelled : null,
    resource.title.fallback ? notes.fallback(LANGUAGE_NAMES[lang][resource.title.lang]) : null,
    resource.summary?.text ?? null,
    webinar.joinUrl && !webinar.cancelledAt ? `${notes.join} ${webinar.joinUrl}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n\n')
}
