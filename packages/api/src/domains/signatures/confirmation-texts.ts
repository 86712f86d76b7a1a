import type { Lang } from '../../db/schema.js'

type Texts = Record<Lang, string>

/** What one of the pages the emailed links open says, in the three languages (one is shown). */
export interface PageText {
  title: Texts
  body: Texts
  button?: Texts
}

export const PAGES = {
  confirm: {
    title: { en: 'Confirm your signature', fr: 'Confirmez votre signature', ar: 'أكّد توقيعك' },
    body: {
      en: 'One last step: press the button to confirm your signature.',
      fr: 'Dernière étape : appuyez sur le bouton pour confirmer votre signature.',
      ar: 'خطوة أخيرة: اضغط على الزر لتأكيد توقيعك.',
    },
    button: { en: 'Confirm my signature', fr: 'Confirmer ma signature', ar: 'تأكيد توقيعي' },
  },
  confirmed: {
    title: { en: 'Thank you!', fr: 'Merci !', ar: 'شكرًا!' },
    body: { en: 'Your signature is confirmed and counted.', fr: 'Votre signature est confirmée et comptée.', ar: 'تمّ تأكيد توقيعك واحتسابه.' },
  },
  withdraw: {
    title: { en: 'Withdraw your signature', fr: 'Retirer votre signature', ar: 'سحب توقيعك' },
    body: {
      en: 'Press the button to withdraw your signature. Your personal data will be deleted.',
      fr: 'Appuyez sur le bouton pour retirer votre signature. Vos données personnelles seront supprimées.',
      ar: 'اضغط على الزر لسحب توقيعك. ستُحذف بياناتك الشخصية.',
    },
    button: { en: 'Withdraw my signature', fr: 'Retirer ma signature', ar: 'سحب توقيعي' },
  },
  withdrawn: {
    title: { en: 'Signature withdrawn', fr: 'Signature retirée', ar: 'تمّ سحب التوقيع' },
    body: {
      en: 'Your signature has been withdrawn and your personal data deleted.',
      fr: 'Votre signature a été retirée et vos données personnelles supprimées.',
      ar: 'تمّ سحب توقيعك وحذف بياناتك الشخصية.',
    },
  },
} satisfies Record<string, PageText>

export const ERROR_TITLE: Texts = { en: 'This did not work', fr: 'Cela n’a pas fonctionné', ar: 'لم تنجح العملية' }

/** The words around the petition on those pages. `{count}` and `{goal}` are numbers in the page's language. */
export const WORDS = {
  petition: { en: 'Petition', fr: 'Pétition', ar: 'العريضة' },
  count: {
    en: 'Signatures so far: {count} of {goal}',
    fr: 'Signatures à ce jour : {count} sur {goal}',
    ar: 'عدد التوقيعات حتى الآن: {count} من أصل {goal}',
  },
  backToPetition: { en: 'Back to the petition', fr: 'Revenir à la pétition', ar: 'العودة إلى العريضة' },
  backToSource: { en: 'Back to the page where you signed', fr: 'Revenir à la page où vous avez signé', ar: 'العودة إلى الصفحة التي وقّعت منها' },
  allPetitions: { en: 'See all petitions', fr: 'Voir toutes les pétitions', ar: 'عرض كل العرائض' },
} satisfies Record<string, Texts>
