import type { Lang } from '../../db/schema.js'

/**
 * The controlled vocabularies of WeGov, with their labels in the three languages.
 * Route schemas turn these lists into enums, so the OpenAPI document, the SDK types and
 * the filters all come from here.
 */
type Labels = Record<Lang, string>

function vocabulary<const T extends Record<string, Labels>>(terms: T) {
  return { terms, codes: Object.keys(terms) as Extract<keyof T, string>[] }
}

/** IATI activity-status codes 1-6. */
export const PROJECT_STATUSES = vocabulary({
  pipeline: { en: 'Pipeline', fr: 'En préparation', ar: 'قيد الإعداد' },
  implementation: { en: 'Implementation', fr: 'En cours', ar: 'قيد التنفيذ' },
  finalisation: { en: 'Finalisation', fr: 'En finalisation', ar: 'في مرحلة الإنهاء' },
  closed: { en: 'Closed', fr: 'Terminé', ar: 'منتهٍ' },
  cancelled: { en: 'Cancelled', fr: 'Annulé', ar: 'ملغى' },
  suspended: { en: 'Suspended', fr: 'Suspendu', ar: 'معلّق' },
})

/** IATI participating-org roles 1-4. */
export const PARTICIPATION_ROLES = vocabulary({
  funding: { en: 'Funding', fr: 'Bailleur', ar: 'جهة مموّلة' },
  accountable: { en: 'Accountable', fr: 'Responsable', ar: 'جهة مسؤولة' },
  extending: { en: 'Extending', fr: 'Gestionnaire', ar: 'جهة مُشرفة' },
  implementing: { en: 'Implementing', fr: 'Exécutant', ar: 'جهة منفّذة' },
})

export const THEMES = vocabulary({
  'local-democracy': { en: 'Local democracy', fr: 'Démocratie locale', ar: 'الديمقراطية المحلية' },
  'citizen-participation': { en: 'Citizen participation', fr: 'Participation citoyenne', ar: 'المشاركة المواطنية' },
  transparency: {
    en: 'Transparency and access to information',
    fr: "Transparence et accès à l'information",
    ar: 'الشفافية والنفاذ إلى المعلومة',
  },
  decentralisation: { en: 'Decentralisation', fr: 'Décentralisation', ar: 'اللامركزية' },
  'human-rights': { en: 'Human rights', fr: "Droits de l'homme", ar: 'حقوق الإنسان' },
  gender: { en: 'Gender equality', fr: 'Égalité de genre', ar: 'المساواة بين الجنسين' },
  youth: { en: 'Youth', fr: 'Jeunesse', ar: 'الشباب' },
  'anti-corruption': { en: 'Anti-corruption', fr: 'Lutte contre la corruption', ar: 'مكافحة الفساد' },
  'social-accountability': { en: 'Social accountability', fr: 'Redevabilité sociale', ar: 'المساءلة الاجتماعية' },
  'public-services': { en: 'Public services', fr: 'Services publics', ar: 'الخدمات العامة' },
  environment: { en: 'Environment', fr: 'Environnement', ar: 'البيئة' },
  'media-freedom': { en: 'Media freedom', fr: 'Liberté des médias', ar: 'حرية الإعلام' },
})

export const ORGANISATION_KINDS = vocabulary({
  ngo: { en: 'NGO', fr: 'ONG', ar: 'منظمة غير حكومية' },
  network: { en: 'Network', fr: 'Réseau', ar: 'شبكة' },
  'public-authority': { en: 'Public authority', fr: 'Autorité publique', ar: 'سلطة عمومية' },
  'citizen-group': { en: 'Citizen group', fr: 'Groupe citoyen', ar: 'مجموعة مواطنين' },
  funder: { en: 'Funder', fr: 'Bailleur de fonds', ar: 'جهة مانحة' },
})

export const COLLECTIONS = vocabulary({
  learning: { en: 'Learning', fr: 'Apprentissage', ar: 'التعلّم' },
  library: { en: 'Library', fr: 'Bibliothèque', ar: 'المكتبة' },
})

export const RESOURCE_KINDS = vocabulary({
  article: { en: 'Article', fr: 'Article', ar: 'مقال' },
  webinar: { en: 'Webinar', fr: 'Webinaire', ar: 'ندوة عبر الإنترنت' },
  presentation: { en: 'Presentation', fr: 'Présentation', ar: 'عرض تقديمي' },
  video: { en: 'Video', fr: 'Vidéo', ar: 'فيديو' },
  guide: { en: 'Guide', fr: 'Guide', ar: 'دليل' },
  report: { en: 'Report', fr: 'Rapport', ar: 'تقرير' },
  toolkit: { en: 'Toolkit', fr: 'Boîte à outils', ar: 'مجموعة أدوات' },
  'legal-text': { en: 'Legal text', fr: 'Texte juridique', ar: 'نص قانوني' },
})

/** The statuses a reader can see on a petition (drafts and petitions under review are never public). */
export const PUBLIC_PETITION_STATUSES = vocabulary({
  upcoming: { en: 'Opening soon', fr: 'Bientôt ouverte', ar: 'تُفتح قريبًا' },
  open: { en: 'Open', fr: 'Ouverte', ar: 'مفتوحة' },
  closed: { en: 'Closed', fr: 'Close', ar: 'مغلقة' },
  rejected: { en: 'Rejected', fr: 'Rejetée', ar: 'مرفوضة' },
  responded: { en: 'Responded', fr: 'Réponse reçue', ar: 'تمّ الرد عليها' },
})

export type ProjectStatus = (typeof PROJECT_STATUSES.codes)[number]
/**
 * The licences an organisation may publish its content under (migration 0017), by SPDX id, with the
 * address of each licence's deed. CC BY 4.0 is the default.
 */
export const CONTENT_LICENCES = vocabulary({
  'CC-BY-4.0': { en: 'Creative Commons Attribution 4.0', fr: 'Creative Commons Attribution 4.0', ar: 'المشاع الإبداعي - نسب المصنف 4.0' },
  'CC-BY-SA-4.0': { en: 'Creative Commons Attribution-ShareAlike 4.0', fr: 'Creative Commons Attribution - Partage dans les mêmes conditions 4.0', ar: 'المشاع الإبداعي - نسب المصنف - الترخيص بالمثل 4.0' },
  'CC0-1.0': { en: 'Creative Commons Zero 1.0 (public domain)', fr: 'Creative Commons Zéro 1.0 (domaine public)', ar: 'المشاع الإبداعي صفر 1.0 (ملكية عامة)' },
  'CC-BY-NC-4.0': { en: 'Creative Commons Attribution-NonCommercial 4.0', fr: 'Creative Commons Attribution - Pas d’utilisation commerciale 4.0', ar: 'المشاع الإبداعي - نسب المصنف - غير تجاري 4.0' },
})
export const DEFAULT_LICENCE = 'CC-BY-4.0'
export const LICENCE_URLS: Record<(typeof CONTENT_LICENCES.codes)[number], string> = {
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'CC-BY-NC-4.0': 'https://creativecommons.org/licenses/by-nc/4.0/',
}

export type ParticipationRole = (typeof PARTICIPATION_ROLES.codes)[number]
export type Theme = (typeof THEMES.codes)[number]
export type OrganisationKind = (typeof ORGANISATION_KINDS.codes)[number]
export type Collection = (typeof COLLECTIONS.codes)[number]
export type ResourceKind = (typeof RESOURCE_KINDS.codes)[number]

/** Every vocabulary by its public name (used by GET /v1/vocabularies). */
export const VOCABULARIES = {
  projectStatuses: PROJECT_STATUSES,
  participationRoles: PARTICIPATION_ROLES,
  themes: THEMES,
  organisationKinds: ORGANISATION_KINDS,
  collections: COLLECTIONS,
  resourceKinds: RESOURCE_KINDS,
  petitionStatuses: PUBLIC_PETITION_STATUSES,
} as const
