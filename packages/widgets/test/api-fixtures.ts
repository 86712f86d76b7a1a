import type { Kysely } from 'kysely'
import { createOrganisation, createProject, createResource } from '../../api/src/content/content-store.js'
import { createPetition } from '../../api/src/domains/petitions/create-petition.js'
import type { DB } from '../../api/src/db/schema.js'

/** What the browser tests can rely on, passed to them as JSON. */
export interface WidgetFixtures {
  projects: { total: number; tunisia: number; arabicOnlyTitle: string }
  resources: { upcomingWebinar: string; video: string; report: string }
  petitions: { open: string; closed: string; partner: string }
}

const DAY = 86_400_000
const GUIDE_SUMMARY =
  'A practical guide for citizens and municipal staff: how to prepare a community scorecard, hold a public hearing, follow up on the commitments made, and publish the results so that every resident can check them.'

export async function createWidgetFixtures(db: Kysely<DB>): Promise<WidgetFixtures> {
  await createOrganisation(db, {
    slug: 'jamiyat-al-hawkama',
    name: { ar: 'جمعية الحوكمة المحلية' },
    originalLang: 'ar',
    kind: 'ngo',
    country: 'TN',
    isPartner: true,
  })
  await createOrganisation(db, {
    slug: 'fondation-jasmin',
    name: { fr: 'Fondation Jasmin', en: 'Jasmine Foundation', ar: 'مؤسسة الياسمين' },
    originalLang: 'fr',
    kind: 'funder',
    country: 'TN',
  })

  // Seven projects: five in Tunisia, two in Jordan, so a page of three has a "load more" twice.
  const projects = [
    { slug: 'budget-participatif-sfax', country: 'TN', theme: 'local-democracy', status: 'implementation', fr: 'Budget participatif à Sfax', en: 'Participatory budgeting in Sfax', ar: 'الميزانية التشاركية في صفاقس' },
    { slug: 'acces-information-kef', country: 'TN', theme: 'transparency', status: 'implementation', fr: "Accès à l'information au Kef", en: 'Access to information in Le Kef', ar: 'النفاذ إلى المعلومة في الكاف' },
    { slug: 'jeunes-conseils-municipaux', country: 'TN', theme: 'youth', status: 'pipeline', fr: 'Conseils municipaux des jeunes', en: 'Youth municipal councils', ar: 'المجالس البلدية للشباب' },
    { slug: 'redevabilite-gabes', country: 'TN', theme: 'social-accountability', status: 'closed', fr: 'Redevabilité sociale à Gabès', en: 'Social accountability in Gabès', ar: 'المساءلة الاجتماعية في قابس' },
    { slug: 'mourakaba-baladia', country: 'TN', theme: 'local-democracy', status: 'implementation', ar: 'مراقبة البلديات' },
    { slug: 'amman-open-council', country: 'JO', theme: 'transparency', status: 'implementation', fr: "Conseil ouvert d'Amman", en: 'Amman open council', ar: 'مجلس عمّان المفتوح' },
    { slug: 'irbid-youth-voice', country: 'JO', theme: 'youth', status: 'finalisation', fr: "La voix des jeunes d'Irbid", en: 'Irbid youth voice', ar: 'صوت شباب إربد' },
  ] as const
  const projectIds: Record<string, string> = {}
  for (const [index, p] of projects.entries()) {
    const title = { ...('fr' in p ? { fr: p.fr, en: p.en } : {}), ar: p.ar }
    projectIds[p.slug] = (await createProject(db, {
      slug: p.slug,
      ownerSlug: 'jamiyat-al-hawkama',
      title,
      summary: 'fr' in p ? { fr: `Résumé : ${p.fr}.`, en: `Summary: ${p.en}.`, ar: `ملخص: ${p.ar}.` } : { ar: `ملخص: ${p.ar}.` },
      originalLang: 'fr' in p ? 'fr' : 'ar',
      status: p.status,
      plannedStart: `2024-0${(index % 9) + 1}-01`,
      plannedEnd: '2026-12-31',
      countries: [p.country],
      themes: [p.theme],
      participants: [
        { organisationSlug: 'jamiyat-al-hawkama', role: 'implementing' },
        { organisationSlug: 'fondation-jasmin', role: 'funding' },
      ],
      // Tunisian dinars have three decimals, which a whole budget must not show ("TND 121,000.000").
      budget: { amount: 120000 + index * 1000, currency: p.country === 'TN' ? 'TND' : 'EUR' },
      website: `https://example.org/${p.slug}`,
    })).id
  }

  const common = { ownerSlug: 'jamiyat-al-hawkama', originalLang: 'fr' as const, countries: ['TN'], themes: ['local-democracy' as const] }
  await createResource(db, {
    ...common,
    slug: 'webinaire-budget-participatif',
    collection: 'learning',
    kind: 'webinar',
    title: { fr: 'Webinaire : le budget participatif', en: 'Webinar: participatory budgeting', ar: 'ندوة: الميزانية التشاركية' },
    languages: ['fr', 'ar'],
    publishedOn: '2025-01-10',
    webinar: {
      startsAt: new Date(Date.now() + 10 * DAY).toISOString(),
      endsAt: new Date(Date.now() + 10 * DAY + 2 * 3_600_000).toISOString(),
      joinUrl: 'https://meet.example.org/budget',
      recordingUrl: null,
    },
  })
  await createResource(db, {
    ...common,
    slug: 'webinaire-transparence-passe',
    collection: 'learning',
    kind: 'webinar',
    title: { fr: 'Webinaire passé : la transparence', en: 'Past webinar: transparency', ar: 'ندوة سابقة: الشفافية' },
    languages: ['fr'],
    publishedOn: '2024-03-01',
    webinar: {
      startsAt: new Date(Date.now() - 30 * DAY).toISOString(),
      endsAt: new Date(Date.now() - 30 * DAY + 3_600_000).toISOString(),
      joinUrl: null,
      recordingUrl: 'https://video.example.org/transparence',
    },
  })
  await createResource(db, {
    ...common,
    slug: 'video-conseil-municipal',
    collection: 'learning',
    kind: 'video',
    title: { fr: 'Vidéo : un conseil municipal ouvert', en: 'Video: an open municipal council', ar: 'فيديو: مجلس بلدي مفتوح' },
    languages: ['ar'],
    url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
    durationSeconds: 754,
    publishedOn: '2024-11-05',
  })
  await createResource(db, {
    ...common,
    slug: 'guide-redevabilite',
    collection: 'learning',
    kind: 'guide',
    projectIds: [projectIds['budget-participatif-sfax']!],
    title: { fr: 'Guide de la redevabilité sociale', en: 'Social accountability guide', ar: 'دليل المساءلة الاجتماعية' },
    // Long enough to be cut off; its Arabic field was written in English (it happens), and French has none,
    // so a French widget shows the original language's text, English, as a fallback.
    summary: {
      en: GUIDE_SUMMARY,
      ar: GUIDE_SUMMARY,
    },
    languages: ['fr', 'en'],
    url: 'https://example.org/guide',
    publishedOn: '2024-06-01',
  })
  await createResource(db, {
    ...common,
    slug: 'rapport-gouvernance-locale-2024',
    collection: 'library',
    kind: 'report',
    projectIds: [projectIds['budget-participatif-sfax']!],
    title: { fr: 'Rapport 2024 sur la gouvernance locale', en: 'Local governance report 2024', ar: 'تقرير 2024 حول الحوكمة المحلية' },
    languages: ['ar', 'fr'],
    file: { url: 'https://example.org/rapport-2024.pdf', type: 'application/pdf', size: 2_516_582 },
    publishedOn: '2024-12-15',
    licence: 'CC-BY-4.0',
  })
  await createResource(db, {
    ...common,
    slug: 'loi-organique-collectivites',
    collection: 'library',
    kind: 'legal-text',
    title: { fr: 'Code des collectivités locales', en: 'Local authorities code', ar: 'مجلة الجماعات المحلية' },
    languages: ['ar'],
    file: { url: 'https://example.org/code.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 48_000 },
    publishedOn: '2018-05-09',
  })

  await createPetition(db, {
    slug: 'eau-potable-kasserine',
    organisationSlug: 'jamiyat-al-hawkama',
    title: { fr: 'De l’eau potable pour Kasserine', en: 'Clean water for Kasserine', ar: 'ماء صالح للشرب لالقصرين' },
    summary: {
      fr: 'Nous demandons un plan public et chiffré pour le réseau d’eau potable des quartiers nord.',
      en: 'We ask for a public, costed plan for the drinking-water network of the northern districts.',
      ar: 'نطالب بخطة علنية ومفصّلة التكلفة لشبكة مياه الشرب في الأحياء الشمالية.',
    },
    text: {
      fr: '<p>Madame la Présidente du conseil municipal,</p><p>Depuis trois étés, les coupures durent des semaines.</p>',
      en: '<p>Dear Mayor,</p><p>For three summers, water cuts have lasted for weeks.</p>',
      ar: '<p>السيدة رئيسة المجلس البلدي،</p><p>منذ ثلاثة فصول صيف تستمر الانقطاعات لأسابيع.</p>',
    },
    targets: [{ fr: 'Conseil municipal de Kasserine', en: 'Kasserine municipal council', ar: 'المجلس البلدي بالقصرين' }],
    originalLang: 'fr',
    country: 'TN',
    themes: ['public-services'],
    signatureGoal: 500,
    opensAt: new Date(Date.now() - 5 * DAY),
    closesAt: new Date(Date.now() + 20 * DAY),
    status: 'open',
  })
  const closed = await createPetition(db, {
    slug: 'budget-ouvert-irbid',
    organisationSlug: 'fondation-jasmin',
    title: { fr: 'Un budget ouvert pour Irbid', en: 'An open budget for Irbid', ar: 'ميزانية مفتوحة لإربد' },
    summary: { fr: 'Publier le budget municipal chaque trimestre.', en: 'Publish the municipal budget every quarter.', ar: 'نشر الميزانية البلدية كل ثلاثة أشهر.' },
    originalLang: 'fr',
    country: 'JO',
    themes: ['transparency'],
    signatureGoal: 1000,
    opensAt: new Date(Date.now() - 90 * DAY),
    closesAt: new Date(Date.now() - 10 * DAY),
    status: 'closed',
    response: {
      text: { fr: '<p>La municipalité publiera le budget dès le prochain trimestre.</p>', en: '<p>The municipality will publish the budget from next quarter.</p>', ar: '<p>ستنشر البلدية الميزانية ابتداءً من الربع القادم.</p>' },
      originalLang: 'fr',
      respondedAt: new Date(Date.now() - 3 * DAY),
    },
  })

  // Signatures it gathered while open, so a test can tell its count from a 0 shown before it loaded.
  await db
    .insertInto('petition_counts')
    .values({ petition_id: closed.id, shard: 0, country: 'JO', source: '', confirmed: 42, invalidated: 0, updated_at: new Date() })
    .execute()
  // And signatures a partner collected on paper, shown apart from the online ones.
  const partner = await db.selectFrom('organisations').select('id').where('slug', '=', 'jamiyat-al-hawkama').executeTakeFirstOrThrow()
  await db
    .insertInto('paper_signature_batches')
    .values({ id: '7d0f4b8e-3c1a-4f5e-9b2d-6a8c0e1f2a3b', petition_id: closed.id, organisation_id: partner.id, count: 180, country: 'JO', collected_on: '2025-01-15', scan_file_id: null, actor_person_id: null, actor_key_id: null })
    .execute()

  return {
    petitions: { open: 'eau-potable-kasserine', closed: 'budget-ouvert-irbid', partner: 'jamiyat-al-hawkama' },
    projects: { total: projects.length, tunisia: 5, arabicOnlyTitle: 'مراقبة البلديات' },
    resources: { upcomingWebinar: 'webinaire-budget-participatif', video: 'video-conseil-municipal', report: 'rapport-gouvernance-locale-2024' },
  }
}
