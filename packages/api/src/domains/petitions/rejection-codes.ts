import type { RejectionCode } from '../../db/petition-tables.js'
import type { Lang } from '../../db/schema.js'

/**
 * Why moderators reject a petition, as alphagov/e-petitions codes them. A rejection for one of HIDING_CODES
 * takes the petition off the site (status `hidden`); the others leave it public, with the reason shown.
 */
export const REJECTION_CODES = [
  'duplicate', 'not_governance', 'unclear', 'defamatory', 'illegal', 'personal_data', 'exists_elsewhere',
] as const satisfies readonly RejectionCode[]

export const HIDING_CODES: ReadonlySet<RejectionCode> = new Set(['defamatory', 'illegal', 'personal_data'])

export const REJECTION_LABELS: Record<RejectionCode, Record<Lang, string>> = {
  duplicate: {
    en: 'It duplicates a petition that is already open.',
    fr: 'Elle fait double emploi avec une pétition déjà ouverte.',
    ar: 'تكرّر عريضة مفتوحة بالفعل.',
  },
  not_governance: {
    en: 'It is not about governance, local democracy or citizen participation.',
    fr: 'Elle ne porte pas sur la gouvernance, la démocratie locale ou la participation citoyenne.',
    ar: 'لا تتعلّق بالحوكمة أو الديمقراطية المحلية أو المشاركة المواطنية.',
  },
  unclear: {
    en: 'It does not say clearly what it asks, or of whom.',
    fr: 'Elle ne dit pas clairement ce qu’elle demande, ni à qui.',
    ar: 'لا توضّح ما تطلبه أو الجهة التي تخاطبها.',
  },
  defamatory: {
    en: 'It contains defamatory statements.',
    fr: 'Elle contient des propos diffamatoires.',
    ar: 'تتضمّن عبارات تشهيرية.',
  },
  illegal: {
    en: 'It asks for something illegal, or contains illegal content.',
    fr: 'Elle demande quelque chose d’illégal, ou contient un contenu illégal.',
    ar: 'تطلب أمرًا مخالفًا للقانون أو تتضمّن محتوى مخالفًا للقانون.',
  },
  personal_data: {
    en: 'It contains personal information about someone.',
    fr: 'Elle contient des informations personnelles sur une personne.',
    ar: 'تتضمّن معلومات شخصية عن أحد الأشخاص.',
  },
  exists_elsewhere: {
    en: 'The same request is already being made elsewhere.',
    fr: 'La même demande est déjà portée ailleurs.',
    ar: 'الطلب نفسه مقدَّم بالفعل في مكان آخر.',
  },
}
