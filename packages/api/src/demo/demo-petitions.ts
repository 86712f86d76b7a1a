import { randomBytes, randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { DB } from '../db/schema.js'
import { addToCount } from '../domains/signatures/signature-counts.js'
import { type PetitionInput, createPetition } from '../domains/petitions/create-petition.js'
import { DEMO_CITIZEN_EMAIL } from './demo-accounts.js'

const DAY = 86_400_000

interface DemoSigner {
  firstName: string
  lastName: string
  city: string
  country: string
  comment?: string
  source?: string
}

interface DemoPetition {
  /** Dates are given in days from the moment the demo is loaded, so open petitions stay open. */
  input: (days: (offset: number) => Date) => PetitionInput
  /** A citizen's petition: the demo account that launched it. */
  creatorEmail?: string
  publicSigners: DemoSigner[]
  anonymous: number
}

/**
 * Demo petitions in Arabic, French and English, in every state: open, closed (with and without a response),
 * rejected with a public reason, and those the public must never see (a draft, one collecting its sponsors,
 * two awaiting moderation, one hidden). Both organisations' and a citizen's (citizen@wegov.localhost). Texts
 * open with a demo marker; signers are fictional and have no email address.
 */
const DEMO_PETITIONS: DemoPetition[] = [
  {
    input: (days) => ({
      slug: 'eclairage-public-oued-zitoun',
      organisationSlug: 'accun',
      title: {
        fr: "Un éclairage public dans tous les quartiers d'Oued Zitoun",
        ar: 'إنارة عمومية في كل أحياء وادي الزيتون',
        en: 'Street lighting in every neighbourhood of Oued Zitoun',
      },
      summary: {
        fr: '[Démo] Trois quartiers sont encore dans le noir la nuit. Nous demandons un calendrier public des travaux.',
        ar: '[تجريبي] ما تزال ثلاثة أحياء تغرق في الظلام ليلًا. نطالب بجدول زمني علني للأشغال.',
        en: '[Demo] Three neighbourhoods are still dark at night. We ask for a public schedule of the works.',
      },
      text: {
        fr: '<p>[Démo] Madame la Présidente du conseil municipal,</p><p>Nous demandons que le budget 2027 finance l’éclairage des quartiers Ennour, El Amal et Essaada, et que le calendrier des travaux soit publié.</p>',
        ar: '<p>[تجريبي] السيدة رئيسة المجلس البلدي،</p><p>نطالب بأن تموّل ميزانية 2027 إنارة أحياء النور والأمل والسعادة، وبأن يُنشر جدول الأشغال للعموم.</p>',
        en: '<p>[Demo] Dear President of the municipal council,</p><p>We ask that the 2027 budget fund lighting in the Ennour, El Amal and Essaada neighbourhoods, and that the schedule of the works be published.</p>',
      },
      targets: [{ fr: "Conseil municipal d'Oued Zitoun", ar: 'المجلس البلدي لوادي الزيتون', en: 'Oued Zitoun municipal council' }],
      originalLang: 'fr',
      country: 'TN',
      themes: ['local-democracy', 'public-services'],
      signatureGoal: 2000,
      opensAt: days(-21),
      closesAt: days(69),
      status: 'open',
    }),
    publicSigners: [
      { firstName: 'Amira', lastName: 'Ben Salah', city: 'Oued Zitoun', country: 'TN', comment: 'Nos enfants rentrent de l’école à la nuit tombée.' },
      { firstName: 'Youssef', lastName: 'Trabelsi', city: 'Tunis', country: 'TN', source: 'accun' },
      { firstName: 'سلمى', lastName: 'الجريدي', city: 'صفاقس', country: 'TN', comment: 'الإنارة حق لكل الأحياء.' },
      { firstName: 'Karim', lastName: 'Mansouri', city: 'Sousse', country: 'TN' },
      { firstName: 'Ines', lastName: 'Gharbi', city: 'Oued Zitoun', country: 'TN', source: 'jamaity' },
    ],
    anonymous: 1840,
  },
  {
    input: (days) => ({
      slug: 'publish-municipal-budgets-jordan',
      organisationSlug: 'achrs',
      title: {
        en: 'Publish every municipal budget in Jordan as open data',
        ar: 'انشروا كل الميزانيات البلدية في الأردن كبيانات مفتوحة',
        fr: 'Publier chaque budget municipal en Jordanie en données ouvertes',
      },
      summary: {
        en: '[Demo] Citizens cannot follow how their municipality spends public money. Publication should be the rule.',
        ar: '[تجريبي] لا يستطيع المواطنون متابعة كيفية إنفاق بلدياتهم للمال العام. يجب أن يكون النشر هو القاعدة.',
      },
      text: {
        en: '<p>[Demo] We call on the Ministry of Local Administration to require every municipality to publish its budget and accounts, line by line, in a reusable format.</p>',
        ar: '<p>[تجريبي] ندعو وزارة الإدارة المحلية إلى إلزام كل بلدية بنشر ميزانيتها وحساباتها، بندًا بندًا، في صيغة قابلة لإعادة الاستخدام.</p>',
      },
      targets: [{ en: 'Ministry of Local Administration', ar: 'وزارة الإدارة المحلية', fr: "Ministère de l'Administration locale" }],
      originalLang: 'en',
      country: 'JO',
      themes: ['transparency', 'anti-corruption'],
      signatureGoal: 5000,
      opensAt: days(-10),
      closesAt: days(80),
      status: 'open',
    }),
    publicSigners: [
      { firstName: 'Lina', lastName: 'Haddad', city: 'Amman', country: 'JO', comment: 'Transparency builds trust.' },
      { firstName: 'عمر', lastName: 'الخطيب', city: 'إربد', country: 'JO' },
      { firstName: 'Rania', lastName: 'Qasem', city: 'Zarqa', country: 'JO', source: 'achrs' },
    ],
    anonymous: 412,
  },
  {
    input: (days) => ({
      slug: 'majalis-shabab-libya',
      organisationSlug: 'fal',
      title: { ar: 'مجالس شبابية منتخبة في كل بلديات ليبيا', en: 'Elected youth councils in every Libyan municipality' },
      summary: {
        ar: '[تجريبي] نطالب بإشراك الشباب في القرار المحلي عبر مجالس منتخبة ذات صلاحيات استشارية حقيقية.',
        en: '[Demo] Young people should take part in local decisions through elected councils with a real advisory role.',
      },
      text: { ar: '<p>[تجريبي] إلى وزارة الحكم المحلي: نطالب بإصدار لائحة تنظّم انتخاب مجالس شبابية في كل بلدية.</p>' },
      targets: [{ ar: 'وزارة الحكم المحلي', en: 'Ministry of Local Government' }],
      originalLang: 'ar',
      country: 'LY',
      themes: ['youth', 'citizen-participation'],
      signatureGoal: 1000,
      opensAt: days(12),
      closesAt: days(102),
      status: 'open',
    }),
    publicSigners: [],
    anonymous: 0,
  },
  {
    input: (days) => ({
      slug: 'acces-information-archives-locales',
      launcherName: 'Collectif citoyen pour la transparence',
      title: {
        fr: "Ouvrir les archives des délibérations communales",
        en: 'Open the archives of municipal deliberations',
        ar: 'فتح أرشيف مداولات المجالس البلدية',
      },
      summary: {
        fr: "[Démo] Les procès-verbaux des conseils doivent être consultables en ligne, comme le prévoit la loi sur l'accès à l'information.",
        en: '[Demo] Council minutes must be available online, as the access to information law provides.',
      },
      originalLang: 'fr',
      country: 'TN',
      themes: ['transparency'],
      signatureGoal: 500,
      opensAt: days(-200),
      closesAt: days(-30),
      status: 'closed',
      response: {
        text: {
          fr: "[Démo] L'Instance d'accès à l'information a rappelé aux communes leur obligation de publier les procès-verbaux sous trente jours.",
          en: '[Demo] The Access to Information Authority reminded municipalities of their duty to publish minutes within thirty days.',
          ar: '[تجريبي] ذكّرت هيئة النفاذ إلى المعلومة البلديات بواجب نشر المحاضر في أجل ثلاثين يومًا.',
        },
        originalLang: 'fr',
        respondedAt: days(-12),
      },
    }),
    publicSigners: [
      { firstName: 'Mehdi', lastName: 'Zouari', city: 'Bizerte', country: 'TN', comment: 'Enfin une réponse officielle.' },
      { firstName: 'Sarra', lastName: 'Belhaj', city: 'Nabeul', country: 'TN' },
    ],
    anonymous: 611,
  },
  {
    input: (days) => ({
      slug: 'water-network-nablus',
      organisationSlug: 'maan',
      title: { en: 'Repair the water network of the old city of Nablus', ar: 'إصلاح شبكة المياه في البلدة القديمة بنابلس' },
      summary: { en: '[Demo] A petition addressed to an authority that has no power over the network.' },
      originalLang: 'en',
      country: 'PS',
      themes: ['public-services'],
      signatureGoal: 3000,
      opensAt: days(-60),
      closesAt: days(30),
      status: 'rejected',
      endedAt: days(-55),
      rejectionCode: 'unclear',
      rejectionReason: {
        en: '[Demo] The petition addresses a body that is not responsible for the water network. It may be submitted again to the municipal water department.',
        ar: '[تجريبي] العريضة موجّهة إلى جهة غير مسؤولة عن شبكة المياه. يمكن تقديمها من جديد إلى دائرة المياه في البلدية.',
        fr: "[Démo] La pétition s'adresse à un organisme qui n'est pas responsable du réseau d'eau. Elle peut être soumise à nouveau au service municipal des eaux.",
      },
    }),
    publicSigners: [],
    anonymous: 0,
  },
  {
    input: (days) => ({
      slug: 'jardins-partages-draft',
      organisationSlug: 'sawt-al-hay',
      title: { fr: '[Démo] Brouillon : des jardins partagés', en: '[Demo] Draft: shared gardens' },
      originalLang: 'fr',
      country: 'JO',
      themes: ['environment'],
      signatureGoal: 300,
      opensAt: days(30),
      closesAt: days(120),
      status: 'draft',
    }),
    publicSigners: [],
    anonymous: 0,
  },
  {
    input: (days) => ({
      slug: 'media-freedom-review',
      organisationSlug: 'hai',
      title: { en: '[Demo] Under review: protect local journalists', ar: '[تجريبي] قيد المراجعة: حماية الصحفيين المحليين' },
      originalLang: 'en',
      country: 'PS',
      themes: ['media-freedom', 'human-rights'],
      signatureGoal: 1500,
      opensAt: days(5),
      closesAt: days(95),
      status: 'pending_review',
    }),
    publicSigners: [],
    anonymous: 0,
  },
  {
    creatorEmail: DEMO_CITIZEN_EMAIL,
    input: (days) => ({
      slug: 'masalik-darrajat-safaqis',
      launcherName: 'سلمى الصفاقسي',
      title: { ar: 'مسالك آمنة للدراجات في وسط صفاقس', fr: 'Des pistes cyclables sûres au centre de Sfax' },
      summary: { ar: '[تجريبي] تجمع هذه العريضة رعاتها الخمسة قبل أن يراجعها المشرفون.' },
      text: { ar: '<p>[تجريبي] نطالب البلدية بتهيئة مسالك آمنة للدراجات تربط الأحياء بالمعاهد.</p>' },
      targets: [{ ar: 'بلدية صفاقس', fr: 'Municipalité de Sfax' }],
      originalLang: 'ar',
      country: 'TN',
      themes: ['local-democracy', 'environment'],
      signatureGoal: 1000,
      opensAt: days(-2),
      closesAt: days(90),
      status: 'collecting_sponsors',
      sponsorsNeeded: 5,
      submittedAt: days(-2),
    }),
    // Two of its five sponsors have confirmed.
    publicSigners: [
      { firstName: 'يوسف', lastName: 'الطرابلسي', city: 'صفاقس', country: 'TN' },
      { firstName: 'Ines', lastName: 'Karray', city: 'Sfax', country: 'TN' },
    ],
    anonymous: 0,
  },
  {
    creatorEmail: DEMO_CITIZEN_EMAIL,
    input: (days) => ({
      slug: 'maktabat-ahya-jerba',
      launcherName: 'سلمى الصفاقسي',
      title: { ar: 'مكتبات أحياء مفتوحة في المساء بجربة', en: 'Neighbourhood libraries open in the evening in Djerba' },
      summary: { ar: '[تجريبي] اكتمل رعاتها، وهي بانتظار قرار المشرفين.' },
      originalLang: 'ar',
      country: 'TN',
      themes: ['youth', 'public-services'],
      signatureGoal: 800,
      opensAt: days(-6),
      closesAt: days(120),
      status: 'pending_review',
      sponsorsNeeded: 5,
      submittedAt: days(-6),
      moderationDueAt: days(3),
    }),
    publicSigners: [],
    anonymous: 5,
  },
  {
    creatorEmail: DEMO_CITIZEN_EMAIL,
    input: (days) => ({
      slug: 'taqrir-sanawi-baladiya-gabes',
      launcherName: 'سلمى الصفاقسي',
      title: {
        ar: 'تقرير سنوي مبسّط عن ميزانية بلدية قابس',
        fr: 'Un rapport annuel simplifié sur le budget de la commune de Gabès',
        en: 'A plain annual report on the budget of Gabès municipality',
      },
      summary: {
        ar: '[تجريبي] عريضة أطلقتها مواطنة ورعاها خمسة أشخاص، ثم وافق عليها المشرفون.',
        fr: '[Démo] Une pétition lancée par une citoyenne, parrainée par cinq personnes, puis approuvée par la modération.',
        en: '[Demo] A petition launched by a citizen, sponsored by five people, then approved by the moderators.',
      },
      targets: [{ ar: 'المجلس البلدي بقابس', fr: 'Conseil municipal de Gabès', en: 'Gabès municipal council' }],
      originalLang: 'ar',
      country: 'TN',
      themes: ['transparency', 'local-democracy'],
      signatureGoal: 1500,
      opensAt: days(-10),
      closesAt: days(80),
      status: 'open',
      sponsorsNeeded: 5,
      submittedAt: days(-15),
    }),
    publicSigners: [{ firstName: 'Hichem', lastName: 'Ben Amor', city: 'Gabès', country: 'TN', comment: 'Un budget qu’on peut lire, enfin.' }],
    anonymous: 96,
  },
  {
    creatorEmail: DEMO_CITIZEN_EMAIL,
    input: (days) => ({
      slug: 'hidden-demo-petition',
      launcherName: 'سلمى الصفاقسي',
      title: { ar: '[تجريبي] عريضة حجبها المشرفون' },
      summary: { ar: '[تجريبي] رُفضت لأنها تضمّنت معلومات شخصية عن أحد الأشخاص، فلا تُعرض على الموقع.' },
      originalLang: 'ar',
      country: 'LY',
      themes: ['human-rights'],
      signatureGoal: 200,
      opensAt: days(-20),
      closesAt: days(60),
      status: 'hidden',
      endedAt: days(-12),
      rejectionCode: 'personal_data',
      sponsorsNeeded: 5,
      submittedAt: days(-20),
    }),
    publicSigners: [],
    anonymous: 5,
  },
  {
    input: (days) => ({
      slug: 'cantines-scolaires-kairouan',
      organisationSlug: 'accun',
      title: { fr: 'Des cantines scolaires dans les écoles rurales de Kairouan', ar: 'مطاعم مدرسية في المدارس الريفية بالقيروان' },
      summary: { fr: '[Démo] Close à sa date de fin ; la réponse du ministère est attendue.' },
      originalLang: 'fr',
      country: 'TN',
      themes: ['public-services', 'youth'],
      signatureGoal: 1000,
      opensAt: days(-150),
      closesAt: days(-20),
      status: 'open',
    }),
    publicSigners: [{ firstName: 'Nadia', lastName: 'Mejri', city: 'Kairouan', country: 'TN' }],
    anonymous: 1240,
  },
]

const ANONYMOUS_COUNTRIES = ['TN', 'TN', 'TN', 'LY', 'PS', 'JO', 'JO', 'FR']

/**
 * Loads the demo petitions and their confirmed demo signatures, with their counts. Pass the demo
 * loader's transaction (load-demo.ts), so a failure leaves no partial demo.
 */
export async function loadDemoPetitions(db: Kysely<DB>, now = Date.now()): Promise<number> {
  const days = (offset: number) => new Date(now + offset * DAY)
  for (const demo of DEMO_PETITIONS) {
    const creator = demo.creatorEmail
      ? await db.selectFrom('people').select('id').where('email', '=', demo.creatorEmail).executeTakeFirst()
      : undefined
    const input = { ...demo.input(days), creatorPersonId: creator?.id ?? null }
    const { id } = await createPetition(db, input)
    const signedFrom = Math.max(input.opensAt instanceof Date ? input.opensAt.getTime() : Date.parse(String(input.opensAt)), now - 60 * DAY)
    for (const [index, signer] of demo.publicSigners.entries()) {
      await db
        .insertInto('signatures')
        .values({
          ...demoSecrets(),
          id: randomUUID(),
          petition_id: id,
          first_name: signer.firstName,
          last_name: signer.lastName,
          city: signer.city,
          country: signer.country,
          comment: signer.comment ?? null,
          display: 'public',
          locale: input.originalLang,
          consent_news_organiser: false,
          consent_news_partner: false,
          source_partner: signer.source ?? null,
          source_url: null,
          status: 'confirmed',
          confirmed_at: new Date(signedFrom + (index + 1) * 3_600_000),
        })
        .execute()
    }
    if (demo.anonymous > 0) {
      // Anonymous signers in bulk, from a few countries and partner sites.
      await sql`INSERT INTO signatures (id, petition_id, email_hash, country, display, locale, consent_news_organiser,
          consent_news_partner, source_partner, status, confirm_token_hash, code_hash, withdraw_token_hash, confirmed_at)
        SELECT gen_random_uuid(), ${id}, md5('demo-email' || ${id} || i), (${ANONYMOUS_COUNTRIES}::text[])[1 + i % ${ANONYMOUS_COUNTRIES.length}],
          'anonymous', ${input.originalLang}, false, false, CASE WHEN i % 5 = 0 THEN 'jamaity' WHEN i % 7 = 0 THEN 'accun' END,
          'confirmed', md5('demo-confirm' || ${id} || i), md5('demo-code' || ${id} || i), md5('demo-withdraw' || ${id} || i),
          ${new Date(signedFrom)}::timestamptz + make_interval(secs => i * 60)
        FROM generate_series(1, ${demo.anonymous}) AS i`.execute(db)
    }
    // The counts start from the rows just written, the way the reconciliation job would compute them.
    const groups = await db
      .selectFrom('signatures')
      .select(['country', 'source_partner', (eb) => eb.fn.countAll<number>().as('n')])
      .where('petition_id', '=', id)
      .where('status', '=', 'confirmed')
      .groupBy(['country', 'source_partner'])
      .execute()
    for (const group of groups) {
      await addToCount(db, { petitionId: id, country: group.country, source: group.source_partner, confirmed: Number(group.n) }, 0)
    }
  }
  return DEMO_PETITIONS.length
}

/** Demo signers have no address, link or code: random values fill the columns that hold their hashes. */
function demoSecrets() {
  const random = () => randomBytes(32).toString('hex')
  return { email_hash: random(), confirm_token_hash: random(), code_hash: random(), withdraw_token_hash: random() }
}
