import type { OrganisationInput } from '../content/content-inputs.js'

/**
 * Demo organisations: the partners of the WeGov project, plus a fictional commune, funder and citizen
 * group. Descriptions open with a demo marker because a first-time visitor must never mistake this for
 * real activity; every URL is on the reserved example.org domain.
 */
export const DEMO_ORGANISATIONS: OrganisationInput[] = [
  {
    slug: 'gvc',
    name: {
      en: 'GVC – Gruppo di Volontariato Civile',
      fr: 'GVC – Gruppo di Volontariato Civile',
      ar: 'جي في سي – مجموعة التطوع المدني',
    },
    description: {
      en: '[Demo] Italian non-governmental organisation based in Bologna, working in international cooperation and humanitarian aid. As lead partner of WeGov, it coordinates the work with civil-society organisations in Tunisia, Libya, Palestine and Jordan.',
      fr: "[Démo] Organisation non gouvernementale italienne basée à Bologne, active dans la coopération internationale et l'aide humanitaire. Chef de file du projet WeGov, elle coordonne le travail avec les organisations de la société civile en Tunisie, en Libye, en Palestine et en Jordanie.",
      ar: '[تجريبي] منظمة غير حكومية إيطالية مقرّها بولونيا، تعمل في مجالَي التعاون الدولي والعمل الإنساني. وبصفتها الشريك الرئيسي في مشروع WeGov، تنسّق العمل مع منظمات المجتمع المدني في تونس وليبيا وفلسطين والأردن.',
    },
    originalLang: 'en',
    kind: 'ngo',
    country: 'IT',
    website: 'https://gvc.example.org',
    isPartner: true,
  },
  {
    slug: 'accun',
    name: { fr: 'ACCUN', en: 'ACCUN', ar: 'ACCUN' },
    description: {
      fr: '[Démo] Association tunisienne partenaire du projet WeGov. Elle accompagne les communes et les associations locales sur la participation citoyenne et la démocratie locale.',
      en: '[Demo] Tunisian association and WeGov partner. It supports municipalities and local associations on citizen participation and local democracy.',
      ar: '[تجريبي] جمعية تونسية شريكة في مشروع WeGov، ترافق البلديات والجمعيات المحلية في مجالَي المشاركة المواطنية والديمقراطية المحلية.',
    },
    originalLang: 'fr',
    kind: 'ngo',
    country: 'TN',
    website: 'https://accun.example.org',
    isPartner: true,
  },
  {
    slug: 'jamaity',
    name: { fr: 'Jamaity', en: 'Jamaity', ar: 'جمعيتي' },
    description: {
      fr: "[Démo] Plateforme tunisienne au service de la société civile : annuaire d'associations, appels à projets, offres et ressources. Elle héberge le hub WeGov qui relie les partenaires des quatre pays.",
      en: '[Demo] Tunisian platform serving civil society: a directory of associations, calls for proposals, opportunities and resources. It hosts the WeGov hub that connects the partners of the four countries.',
      ar: '[تجريبي] منصّة تونسية في خدمة المجتمع المدني: دليل للجمعيات، وطلبات عروض، وفرص، وموارد. وتحتضن منصّة WeGov التي تربط بين الشركاء في البلدان الأربعة.',
    },
    originalLang: 'fr',
    kind: 'network',
    country: 'TN',
    website: 'https://jamaity.example.org',
    isPartner: true,
  },
  {
    slug: 'maan',
    name: { ar: 'مركز معاً التنموي', fr: 'Centre de développement MA’AN', en: 'MA’AN Development Center' },
    description: {
      ar: '[تجريبي] مؤسسة تنموية فلسطينية غير ربحية تعمل مع المجتمعات المحلية على التنمية المستدامة والمساءلة المجتمعية وتمكين الشباب والنساء، وهي شريكة في مشروع WeGov.',
      fr: "[Démo] Organisation palestinienne de développement, à but non lucratif, qui travaille avec les communautés locales sur le développement durable, la redevabilité sociale et l'autonomisation des jeunes et des femmes. Partenaire du projet WeGov.",
      en: '[Demo] Palestinian non-profit development organisation working with local communities on sustainable development, social accountability and the empowerment of young people and women. A WeGov partner.',
    },
    originalLang: 'ar',
    kind: 'ngo',
    country: 'PS',
    website: 'https://maan.example.org',
    isPartner: true,
  },
  {
    slug: 'hai',
    name: { en: 'HAI', fr: 'HAI', ar: 'HAI' },
    // Deliberately in one language only, so readers see the fallback marking on a partner profile.
    description: {
      en: '[Demo] Humanitarian and development organisation, WeGov partner in Palestine. It works with village councils and community committees on basic services and on how residents can take part in local decisions.',
    },
    originalLang: 'en',
    kind: 'ngo',
    country: 'PS',
    website: 'https://hai.example.org',
    isPartner: true,
  },
  {
    slug: 'achrs',
    name: {
      ar: 'مركز عمّان لدراسات حقوق الإنسان',
      fr: "Centre d'Amman pour les études des droits de l'homme (ACHRS)",
      en: 'Amman Center for Human Rights Studies (ACHRS)',
    },
    description: {
      ar: '[تجريبي] مركز أردني غير حكومي يعمل على نشر ثقافة حقوق الإنسان والديمقراطية، وعلى رصد السياسات العامة والتدريب والمناصرة. وهو الشريك المنفّذ لمشروع WeGov في الأردن.',
      fr: "[Démo] Centre jordanien non gouvernemental qui promeut la culture des droits de l'homme et de la démocratie par la recherche, le suivi des politiques publiques, la formation et le plaidoyer. Partenaire de mise en œuvre de WeGov en Jordanie.",
      en: '[Demo] Jordanian non-governmental centre promoting a culture of human rights and democracy through research, monitoring of public policy, training and advocacy. WeGov implementing partner in Jordan.',
    },
    originalLang: 'ar',
    kind: 'ngo',
    country: 'JO',
    website: 'https://achrs.example.org',
    isPartner: true,
  },
  {
    slug: 'ya-basta',
    name: { fr: 'Association Ya Basta', en: 'Ya Basta Association', ar: 'جمعية يا باستا' },
    description: {
      fr: "[Démo] Association italienne engagée dans la solidarité internationale, les droits humains et l'échange entre sociétés civiles des deux rives de la Méditerranée. Partenaire international du projet WeGov.",
      en: '[Demo] Italian association committed to international solidarity, human rights and exchange between civil societies on both shores of the Mediterranean. International partner of WeGov.',
      ar: '[تجريبي] جمعية إيطالية تعمل في مجال التضامن الدولي وحقوق الإنسان وتبادل الخبرات بين مجتمعات ضفّتَي المتوسط المدنية. وهي شريك دولي في مشروع WeGov.',
    },
    originalLang: 'fr',
    kind: 'ngo',
    country: 'IT',
    website: 'https://yabasta.example.org',
    isPartner: true,
  },
  {
    slug: 'fal',
    name: { ar: 'منظمة FAL', fr: 'Organisation FAL', en: 'FAL Organisation' },
    description: {
      ar: '[تجريبي] منظمة ليبية تعمل على التنمية البشرية والدفاع عن حرية الفكر والإبداع، وتدعم المجالس البلدية ومنظمات الشباب والنساء. شريكة في مشروع WeGov في ليبيا.',
      fr: "[Démo] Organisation libyenne pour le développement humain et la défense de la liberté de pensée et de création, qui appuie les conseils municipaux et les associations de jeunes et de femmes. Partenaire de WeGov en Libye.",
      en: "[Demo] Libyan organisation for human development and the defence of freedom of thought and creativity, supporting municipal councils and youth and women's groups. WeGov partner in Libya.",
    },
    originalLang: 'ar',
    kind: 'ngo',
    country: 'LY',
    website: 'https://fal.example.org',
    isPartner: true,
  },
  {
    slug: 'commune-oued-zitoun',
    name: { ar: 'بلدية وادي الزيتون', fr: 'Commune de Oued Zitoun', en: 'Municipality of Oued Zitoun' },
    description: {
      ar: '[تجريبي] بلدية تونسية خيالية أُنشئت لأغراض العرض. تجرّب الميزانية التشاركية وتنشر بياناتها المفتوحة، وتعقد جلسات تشاركية في كل حيّ مرّتين في السنة.',
      fr: "[Démo] Commune tunisienne fictive, créée pour la démonstration. Elle expérimente le budget participatif, publie ses données ouvertes et tient deux fois par an des séances participatives dans chaque quartier.",
      en: '[Demo] A fictional Tunisian municipality created for the demo. It is piloting participatory budgeting, publishes open data and holds participatory sessions in every neighbourhood twice a year.',
    },
    originalLang: 'ar',
    kind: 'public-authority',
    country: 'TN',
    website: 'https://oued-zitoun.example.org',
    isPartner: false,
  },
  {
    slug: 'euromed-civic-fund',
    name: {
      en: 'Euro-Mediterranean Civic Fund',
      fr: 'Fonds euro-méditerranéen pour la société civile',
      ar: 'الصندوق الأورومتوسطي للمجتمع المدني',
    },
    description: {
      en: '[Demo] A fictional funder created for the demo. It finances projects on good governance, transparency and citizen participation south and east of the Mediterranean.',
      fr: '[Démo] Bailleur fictif, créé pour la démonstration. Il finance des projets de bonne gouvernance, de transparence et de participation citoyenne au sud et à l’est de la Méditerranée.',
      ar: '[تجريبي] جهة مانحة خيالية أُنشئت لأغراض العرض، تموّل مشاريع الحوكمة الرشيدة والشفافية والمشاركة المواطنية في جنوب المتوسط وشرقه.',
    },
    originalLang: 'en',
    kind: 'funder',
    country: 'BE',
    website: 'https://civic-fund.example.org',
    isPartner: false,
  },
  {
    slug: 'sawt-al-hay',
    name: { ar: 'مبادرة صوت الحيّ', fr: 'Initiative Sawt al-Hay (La voix du quartier)', en: 'Sawt al-Hay (Neighbourhood Voice) Initiative' },
    description: {
      ar: '[تجريبي] مجموعة خيالية من الشباب المتطوعين في مدينة الزرقاء، تجمع ملاحظات السكان على الخدمات البلدية وتعرضها على المجلس البلدي في لقاءات مفتوحة.',
      fr: '[Démo] Groupe fictif de jeunes bénévoles à Zarqa, qui recueille les avis des habitants sur les services municipaux et les présente au conseil municipal lors de rencontres ouvertes.',
      en: "[Demo] A fictional group of young volunteers in Zarqa who gather residents' feedback on municipal services and bring it to the municipal council in open meetings.",
    },
    originalLang: 'ar',
    kind: 'citizen-group',
    country: 'JO',
    website: 'https://sawt-al-hay.example.org',
    isPartner: false,
  },
]
