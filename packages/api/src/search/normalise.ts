/**
 * Text normalisation for full-text search, applied identically to indexed text and to queries, so that
 * what a person types matches what was written whatever the spelling variant.
 *
 * People type Arabic without diacritics, mix alef forms, ة/ه and ى/ي, and the snowball `arabic` stemmer
 * neither drops stop-words nor strips و/ف/ب/ك/ل before the article (والحوكمة stays والحوكم). French and
 * English searches must not depend on accents. Text in any language goes through the same function,
 * because a record or a query is often mixed (an Arabic title with a Latin acronym).
 *
 * @example normaliseText('وَالحُكُومَةُ في تونس') // 'الحكومه تونس'
 * @example normaliseText('Démocratie LOCALE') // 'democratie locale'
 */
export function normaliseText(text: string): string {
  if (!text) return ''
  const folded = text
    // NFKD splits أ إ آ ؤ ئ into a base letter plus a hamza/madda mark (removed below), Arabic
    // presentation forms into plain letters, and é into e plus a combining accent.
    .normalize('NFKD')
    .replace(LETTER_VARIANTS, (letter) => LETTER_MAP[letter] ?? letter)
    .replace(MARKS, '')
    .toLowerCase()
    .replace(SEPARATORS, ' ')
  const words: string[] = []
  for (const raw of folded.split(WHITESPACE)) {
    if (raw === '') continue
    const word = stripArabicPrefix(raw)
    if (!STOP_WORDS.has(word)) words.push(word)
  }
  return words.join(' ')
}

/** True when a normalised query has something left to search for (letters or digits). */
export function hasSearchableText(normalised: string): boolean {
  return SEARCHABLE.test(normalised)
}

const LETTER_MAP: Record<string, string> = {
  'ٱ': 'ا', // alef wasla (no canonical decomposition)
  'ى': 'ي',
  'ی': 'ي', // Farsi yeh, produced by some keyboards
  'ک': 'ك', // keheh
  'ة': 'ه',
  'ؤ': 'و', // normally decomposed by NFKD; kept for robustness
  'ئ': 'ي',
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'œ': 'oe',
  'æ': 'ae',
  'ß': 'ss',
  '’': ' ',
  "'": ' ',
  '٠': '0', '١': '1', '٢': '2', '٣': '3', '٤': '4', '٥': '5', '٦': '6', '٧': '7', '٨': '8', '٩': '9',
  '۰': '0', '۱': '1', '۲': '2', '۳': '3', '۴': '4', '۵': '5', '۶': '6', '۷': '7', '۸': '8', '۹': '9',
}
const LETTER_VARIANTS = new RegExp(`[${Object.keys(LETTER_MAP).join('')}]`, 'gu')
/** Latin combining accents, Arabic tashkeel (incl. hamza/madda marks), superscript alef, tatweel. */
const MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g
/**
 * Punctuation becomes a space. Letters, digits, hyphens (e-gov) and double quotes (phrase search in
 * websearch_to_tsquery) survive.
 */
const SEPARATORS = /[^\p{L}\p{N}\s"-]+/gu
const WHITESPACE = /\s+/u
const SEARCHABLE = /[\p{L}\p{N}]/u

/**
 * و/ف/ب/ك/ل before the article, and لل (ل + ال), become ال, so that the stemmer's own ال-stripping
 * applies. Only on words with at least three letters after the article: والد (father) or بالغ (adult)
 * are words of their own, not a conjunction plus a noun.
 */
const CONJUNCTION_ARTICLE = /^[وفبكل]ال(?=\p{L}{3})/u
const LAM_LAM = /^لل(?=\p{L}{3})/u

function stripArabicPrefix(word: string): string {
  if (CONJUNCTION_ARTICLE.test(word)) return word.slice(1)
  if (LAM_LAM.test(word)) return `ا${word.slice(1)}`
  return word
}

/** Folds a word list written in ordinary spelling into its normalised form, without stop-word removal. */
function foldList(words: string): string[] {
  return words
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) =>
      stripArabicPrefix(
        word.normalize('NFKD').replace(LETTER_VARIANTS, (l) => LETTER_MAP[l] ?? l).replace(MARKS, '').toLowerCase(),
      ),
    )
}

/**
 * Common Arabic function words. PostgreSQL's `arabic` configuration has no stop-word list, so without
 * this في، من and على would match nearly every record.
 */
const ARABIC_STOP_WORDS = `
  في من على إلى الى عن مع عند منذ حتى خلال حول ضد دون فوق تحت قبل بعد بين أمام وراء عبر لدى نحو
  هذا هذه هذان هاتان هؤلاء ذلك تلك أولئك هنا هناك هنالك
  الذي التي الذين اللذان اللتان اللواتي اللاتي التى
  هو هي هم هن هما أنا نحن أنت أنتم أنتن
  ما ماذا متى أين كيف لماذا هل أي أيّ
  لا لم لن ليس ليست إلا الا غير سوى
  كان كانت كانوا يكون تكون يكن
  أن إن أنه إنه أنها إنها أنهم لأن لكن لكنه بل قد لقد سوف
  أو أم ثم كما مثل كل بعض جميع أيضا ذات ذو حيث إذا اذا إذ لو
  و ف ب ك ل يا
  وفي ومن وعلى وإلى وعن ومع وهذا وهذه وذلك وما ولا ولم وقد وكان وأن وإن وهو وهي وهم وكل
  فإن فقد فلا ففي
  عليه عليها عليهم فيه فيها فيهم منه منها منهم إليه إليها له لها لهم به بها بهم
  التي
`
/** French and English function words that the `simple` vector would otherwise index. "or" stays: websearch syntax. */
const LATIN_STOP_WORDS = `
  le la les l un une des du de d au aux et en dans par pour sur avec sans sous ce ces cet cette
  qui que qu quoi dont ou est sont a ne pas plus se sa son ses leur leurs nos notre vos votre
  il elle ils elles on nous vous je j m n s t c y
  the a an of and to in on for with by at from as is are was were be been it its this that these those
  into than then there their they them he she we you i not no but if so do does
`
const STOP_WORDS = new Set([...foldList(ARABIC_STOP_WORDS), ...foldList(LATIN_STOP_WORDS)])
