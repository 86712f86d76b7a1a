import type { Lang } from './db/schema.js'

/**
 * The one catalogue of errors WeGov answers with. Every problem+json response comes from here.
 * Codes are stable: never rename or reuse one; add a new code instead.
 * Each message exists in ar, fr and en so that a widget can show it as it is.
 */
export interface ErrorDefinition {
  status: number
  title: string
  message: Record<Lang, string>
}

export const ERRORS = {
  WEGOV_VALIDATION: {
    status: 400,
    title: 'Invalid request',
    message: {
      en: 'Some of the information sent is not valid.',
      fr: 'Certaines informations envoyées ne sont pas valides.',
      ar: 'بعض المعلومات المرسلة غير صالحة.',
    },
  },
  WEGOV_BAD_CURSOR: {
    status: 400,
    title: 'Invalid cursor',
    message: {
      en: 'This page link is not valid. Start again from the first page.',
      fr: "Ce lien de page n'est pas valide. Recommencez depuis la première page.",
      ar: 'رابط الصفحة هذا غير صالح. ابدأ من الصفحة الأولى.',
    },
  },
  WEGOV_CURSOR_EXPIRED: {
    status: 410,
    title: 'Cursor expired',
    message: {
      en: 'This cursor is older than the change feed keeps. Copy the lists again, then follow the feed from its start.',
      fr: 'Ce curseur est plus ancien que ce que le flux de modifications conserve. Recopiez les listes, puis suivez le flux depuis son début.',
      ar: 'هذا المؤشر أقدم مما يحتفظ به سجل التغييرات. انسخ القوائم من جديد، ثم تابع السجل من بدايته.',
    },
  },
  WEGOV_UNKNOWN_FILTER_VALUE: {
    status: 400,
    title: 'Unknown filter value',
    message: {
      en: 'One of the filters has a value WeGov does not know.',
      fr: "L'un des filtres a une valeur inconnue de WeGov.",
      ar: 'أحد عوامل التصفية يحتوي على قيمة غير معروفة.',
    },
  },
  WEGOV_UNKNOWN_PARAMETER: {
    status: 400,
    title: 'Unknown parameter',
    message: {
      en: 'The request has a parameter WeGov does not know.',
      fr: 'La requête contient un paramètre inconnu de WeGov.',
      ar: 'يحتوي الطلب على معامل غير معروف.',
    },
  },
  WEGOV_LIMIT_OUT_OF_RANGE: {
    status: 400,
    title: 'Limit out of range',
    message: {
      en: 'The number of items per page must be between 1 and 100.',
      fr: "Le nombre d'éléments par page doit être compris entre 1 et 100.",
      ar: 'يجب أن يكون عدد العناصر في الصفحة بين 1 و100.',
    },
  },
  WEGOV_QUERY_TOO_LONG: {
    status: 400,
    title: 'Search text too long',
    message: {
      en: 'The search text is too long (200 characters at most).',
      fr: 'Le texte recherché est trop long (200 caractères au maximum).',
      ar: 'نص البحث طويل جدًا (200 حرف كحد أقصى).',
    },
  },
  WEGOV_INVALID_ID: {
    status: 400,
    title: 'Malformed identifier',
    message: {
      en: 'This identifier is neither a UUID nor a valid slug.',
      fr: "Cet identifiant n'est ni un UUID ni un slug valide.",
      ar: 'هذا المعرّف ليس UUID ولا اسمًا مختصرًا صالحًا.',
    },
  },
  WEGOV_UNSUPPORTED_LANGUAGE: {
    status: 400,
    title: 'Unsupported language',
    message: {
      en: 'WeGov speaks Arabic (ar), French (fr) and English (en).',
      fr: 'WeGov parle arabe (ar), français (fr) et anglais (en).',
      ar: 'يدعم WeGov العربية (ar) والفرنسية (fr) والإنجليزية (en).',
    },
  },
  WEGOV_NOT_FOUND: {
    status: 404,
    title: 'Not found',
    message: {
      en: 'Nothing was found here.',
      fr: "Rien n'a été trouvé ici.",
      ar: 'لم يتم العثور على أي شيء هنا.',
    },
  },
  WEGOV_ROUTE_NOT_FOUND: {
    status: 404,
    title: 'Unknown route',
    message: {
      en: 'This address does not exist in the WeGov API. See /docs.',
      fr: "Cette adresse n'existe pas dans l'API WeGov. Voir /docs.",
      ar: 'هذا العنوان غير موجود في واجهة WeGov البرمجية. راجع ‎/docs.',
    },
  },
  WEGOV_GONE: {
    status: 410,
    title: 'Deleted',
    message: {
      en: 'This content has been deleted.',
      fr: 'Ce contenu a été supprimé.',
      ar: 'تم حذف هذا المحتوى.',
    },
  },
  WEGOV_METHOD_NOT_ALLOWED: {
    status: 405,
    title: 'Method not allowed',
    message: {
      en: 'This address does not accept this method.',
      fr: "Cette adresse n'accepte pas cette méthode.",
      ar: 'هذا العنوان لا يقبل هذه الطريقة.',
    },
  },
  WEGOV_MISDIRECTED_REQUEST: {
    status: 421,
    title: 'Misdirected request',
    message: {
      en: 'This server does not answer for this host name. Use the address WeGov publishes.',
      fr: "Ce serveur ne répond pas pour ce nom d'hôte. Utilisez l'adresse publiée par WeGov.",
      ar: 'لا يستجيب هذا الخادم لاسم المضيف هذا. استخدم العنوان الذي تنشره WeGov.',
    },
  },
  WEGOV_UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    title: 'Unsupported content type',
    message: {
      en: 'Send the request body as application/json.',
      fr: 'Envoyez le corps de la requête en application/json.',
      ar: 'أرسل محتوى الطلب بصيغة application/json.',
    },
  },
  WEGOV_BODY_TOO_LARGE: {
    status: 413,
    title: 'Request body too large',
    message: {
      en: 'The request is too large.',
      fr: 'La requête est trop volumineuse.',
      ar: 'الطلب كبير جدًا.',
    },
  },
  WEGOV_FILE_TOO_LARGE: {
    status: 413,
    title: 'File too large',
    message: {
      en: 'This file is larger than WeGov accepts. Make it smaller (compress the images of a PDF, for example) and send it again.',
      fr: "Ce fichier dépasse la taille acceptée par WeGov. Réduisez-le (en compressant les images d'un PDF, par exemple) et envoyez-le à nouveau.",
      ar: 'هذا الملف أكبر مما يقبله WeGov. قلّل حجمه (بضغط صور ملف PDF مثلًا) ثم أرسله مرة أخرى.',
    },
  },
  WEGOV_UNSUPPORTED_FILE_TYPE: {
    status: 415,
    title: 'Unsupported file type',
    message: {
      en: 'WeGov accepts PDF, OpenDocument and Office documents (text, presentation, spreadsheet), and PNG, JPEG or WebP images. The content of this file is none of those.',
      fr: "WeGov accepte les PDF, les documents OpenDocument et Office (texte, présentation, tableur) et les images PNG, JPEG ou WebP. Le contenu de ce fichier n'en fait pas partie.",
      ar: 'يقبل WeGov ملفات PDF ومستندات OpenDocument وOffice (نصوص، عروض، جداول) وصور PNG أو JPEG أو WebP. محتوى هذا الملف ليس من بينها.',
    },
  },
  WEGOV_FILE_MISSING: {
    status: 400,
    title: 'No file sent',
    message: {
      en: 'Send the file as multipart/form-data, in a field named "file".',
      fr: 'Envoyez le fichier en multipart/form-data, dans un champ nommé « file ».',
      ar: 'أرسل الملف بصيغة multipart/form-data في حقل باسم «file».',
    },
  },
  WEGOV_RANGE_NOT_SATISFIABLE: {
    status: 416,
    title: 'Range not satisfiable',
    message: {
      en: 'The requested range lies outside the file.',
      fr: 'La plage demandée se trouve en dehors du fichier.',
      ar: 'النطاق المطلوب يقع خارج الملف.',
    },
  },
  WEGOV_MALFORMED_BODY: {
    status: 400,
    title: 'Malformed request body',
    message: {
      en: 'The request body is not valid JSON.',
      fr: "Le corps de la requête n'est pas un JSON valide.",
      ar: 'محتوى الطلب ليس JSON صالحًا.',
    },
  },
  WEGOV_MALFORMED_URL: {
    status: 400,
    title: 'Malformed address',
    message: {
      en: 'This address is not valid: a % must be followed by two hexadecimal digits.',
      fr: "Cette adresse n'est pas valide : un % doit être suivi de deux chiffres hexadécimaux.",
      ar: 'هذا العنوان غير صالح: يجب أن يتبع الرمز % رقمان سداسيّان عشريّان.',
    },
  },
  WEGOV_URL_TOO_LONG: {
    status: 414,
    title: 'Address too long',
    message: {
      en: 'This address is too long: a part of its path has more than 200 characters.',
      fr: 'Cette adresse est trop longue : une partie de son chemin dépasse 200 caractères.',
      ar: 'هذا العنوان طويل جدًا: أحد أجزاء مساره يتجاوز 200 حرف.',
    },
  },
  WEGOV_MALFORMED_REQUEST: {
    status: 400,
    title: 'Malformed HTTP request',
    message: {
      en: 'This request does not follow the HTTP protocol, so it could not be read. The connection is closed.',
      fr: "Cette requête ne respecte pas le protocole HTTP : elle n'a pas pu être lue. La connexion est fermée.",
      ar: 'هذا الطلب لا يتبع بروتوكول HTTP، لذا تعذّرت قراءته. تم إغلاق الاتصال.',
    },
  },
  WEGOV_HEADERS_TOO_LARGE: {
    status: 431,
    title: 'Request headers too large',
    message: {
      en: 'The request line and headers are too large. The connection is closed.',
      fr: 'La ligne de requête et les en-têtes sont trop volumineux. La connexion est fermée.',
      ar: 'سطر الطلب وترويساته كبيرة جدًا. تم إغلاق الاتصال.',
    },
  },
  WEGOV_REQUEST_TIMEOUT: {
    status: 408,
    title: 'Request timeout',
    message: {
      en: 'The request took too long to arrive. The connection is closed.',
      fr: 'La requête a mis trop de temps à arriver. La connexion est fermée.',
      ar: 'استغرق وصول الطلب وقتًا طويلًا جدًا. تم إغلاق الاتصال.',
    },
  },
  WEGOV_POW_REQUIRED: {
    status: 400,
    title: 'Proof of work required',
    message: {
      en: 'Please complete the anti-spam check before signing.',
      fr: 'Veuillez effectuer la vérification anti-spam avant de signer.',
      ar: 'يرجى إكمال خطوة التحقق من مكافحة الرسائل المزعجة قبل التوقيع.',
    },
  },
  WEGOV_POW_INVALID: {
    status: 400,
    title: 'Proof of work invalid or expired',
    message: {
      en: 'The anti-spam check failed or has expired. Please try again.',
      fr: 'La vérification anti-spam a échoué ou a expiré. Veuillez réessayer.',
      ar: 'فشلت خطوة التحقق من مكافحة الرسائل المزعجة أو انتهت صلاحيتها. يرجى المحاولة مرة أخرى.',
    },
  },
  WEGOV_POW_REPLAYED: {
    status: 400,
    title: 'Proof of work already used',
    message: {
      en: 'This anti-spam check has already been used. Please try again.',
      fr: 'Cette vérification anti-spam a déjà été utilisée. Veuillez réessayer.',
      ar: 'سبق استخدام خطوة التحقق هذه. يرجى المحاولة مرة أخرى.',
    },
  },
  WEGOV_EMAIL_DOMAIN_BLOCKED: {
    status: 422,
    title: 'Email provider not accepted',
    message: {
      en: 'Addresses from this email provider cannot be used to sign. Please use another address.',
      fr: 'Les adresses de ce fournisseur de messagerie ne peuvent pas servir à signer. Utilisez une autre adresse.',
      ar: 'لا يمكن استخدام عناوين مزوّد البريد هذا للتوقيع. يرجى استخدام عنوان آخر.',
    },
  },
  WEGOV_PETITION_NOT_OPEN: {
    status: 409,
    title: 'Petition not open yet',
    message: {
      en: 'This petition is not open for signatures yet.',
      fr: "Cette pétition n'est pas encore ouverte aux signatures.",
      ar: 'هذه العريضة غير مفتوحة للتوقيع بعد.',
    },
  },
  WEGOV_PETITION_STATE: {
    status: 409,
    title: 'Not possible in this state',
    message: {
      en: 'This petition is not in a state that allows this action.',
      fr: "L'état de cette pétition ne permet pas cette action.",
      ar: 'حالة هذه العريضة لا تسمح بهذا الإجراء.',
    },
  },
  WEGOV_SPONSORING_CLOSED: {
    status: 409,
    title: 'Sponsoring closed',
    message: {
      en: 'This petition no longer takes sponsors: it has them all, or it was withdrawn.',
      fr: "Cette pétition ne recueille plus de parrainages : elle les a tous, ou elle a été retirée.",
      ar: 'لم تعد هذه العريضة تقبل الرعاة: فقد اكتمل عددهم أو سُحبت العريضة.',
    },
  },
  WEGOV_PETITION_CLOSES_TOO_SOON: {
    status: 409,
    title: 'Closing date too soon',
    message: {
      en: 'The closing date must be at least a week after the petition opens, and within the allowed length.',
      fr: "La date de clôture doit être au moins une semaine après l'ouverture, et dans la durée autorisée.",
      ar: 'يجب أن يكون تاريخ الإغلاق بعد أسبوع على الأقل من فتح العريضة، وضمن المدة المسموح بها.',
    },
  },
  WEGOV_MODERATION_CLAIMED: {
    status: 409,
    title: 'Claimed by another moderator',
    message: {
      en: 'Another moderator has claimed this petition.',
      fr: 'Une autre personne de la modération a pris cette pétition en charge.',
      ar: 'تولّى مشرف آخر مراجعة هذه العريضة.',
    },
  },
  WEGOV_PETITION_CLOSED: {
    status: 409,
    title: 'Petition closed',
    message: {
      en: 'This petition is closed: it no longer accepts signatures.',
      fr: "Cette pétition est close : elle n'accepte plus de signatures.",
      ar: 'هذه العريضة مغلقة: لم تعد تقبل التوقيعات.',
    },
  },
  WEGOV_PETITION_NOT_ACTIVE: {
    status: 409,
    title: 'Petition neither open nor closed',
    message: {
      en: 'Only an open or closed petition takes paper signatures or an official response.',
      fr: 'Seule une pétition ouverte ou close reçoit des signatures papier ou une réponse officielle.',
      ar: 'لا تقبل التوقيعات الورقية أو الرد الرسمي إلا عريضة مفتوحة أو مغلقة.',
    },
  },
  WEGOV_NOT_A_PARTNER: {
    status: 403,
    title: 'Not a WeGov partner',
    message: {
      en: 'Only a WeGov partner organisation, or the petition’s own, may do this for a petition.',
      fr: 'Seule une organisation partenaire de WeGov, ou celle de la pétition, peut faire cela pour une pétition.',
      ar: 'لا يمكن القيام بذلك لعريضة إلا لمنظمة شريكة لـ WeGov أو للمنظمة صاحبة العريضة.',
    },
  },
  WEGOV_INVALID_EMAIL: {
    status: 400,
    title: 'Invalid email address',
    message: {
      en: 'This email address is not valid. Please check it.',
      fr: "Cette adresse e-mail n'est pas valide. Veuillez la vérifier.",
      ar: 'عنوان البريد الإلكتروني هذا غير صالح. يرجى التحقق منه.',
    },
  },
  WEGOV_INVALID_NAME: {
    status: 400,
    title: 'Invalid name',
    message: {
      en: 'Please give your first and last name (100 characters at most, letters and ordinary punctuation).',
      fr: 'Indiquez votre prénom et votre nom (100 caractères au maximum, lettres et ponctuation ordinaire).',
      ar: 'يرجى إدخال الاسم واللقب (100 حرف كحد أقصى، حروف وعلامات ترقيم عادية).',
    },
  },
  WEGOV_INVALID_TEXT: {
    status: 400,
    title: 'Invalid text',
    message: {
      en: 'The city or the comment is too long or contains characters that cannot be shown.',
      fr: 'La ville ou le commentaire est trop long ou contient des caractères impossibles à afficher.',
      ar: 'المدينة أو التعليق طويل جدًا أو يحتوي على رموز لا يمكن عرضها.',
    },
  },
  WEGOV_INVALID_COUNTRY: {
    status: 400,
    title: 'Unknown country',
    message: {
      en: 'Please choose your country of residence from the list.',
      fr: 'Choisissez votre pays de résidence dans la liste.',
      ar: 'يرجى اختيار بلد إقامتك من القائمة.',
    },
  },
  WEGOV_CONSENT_REQUIRED: {
    status: 400,
    title: 'Consent required',
    message: {
      en: 'To sign, you must agree to the processing of your data for this petition.',
      fr: 'Pour signer, vous devez accepter le traitement de vos données pour cette pétition.',
      ar: 'للتوقيع، يجب أن توافق على معالجة بياناتك لأجل هذه العريضة.',
    },
  },
  WEGOV_CONFIRMATION_INVALID: {
    status: 400,
    title: 'Invalid confirmation',
    message: {
      en: 'This confirmation code or link is not valid. Check the last email we sent you, or sign again to receive a new one.',
      fr: "Ce code ou ce lien de confirmation n'est pas valide. Vérifiez le dernier e-mail reçu, ou signez à nouveau pour en recevoir un autre.",
      ar: 'رمز التأكيد أو الرابط هذا غير صالح. تحقق من آخر رسالة أرسلناها إليك، أو وقّع من جديد لتصلك رسالة أخرى.',
    },
  },
  WEGOV_CONFIRMATION_EXPIRED: {
    status: 410,
    title: 'Confirmation expired',
    message: {
      en: 'This confirmation has expired. Please sign the petition again.',
      fr: 'Cette confirmation a expiré. Veuillez signer la pétition à nouveau.',
      ar: 'انتهت صلاحية هذا التأكيد. يرجى التوقيع على العريضة من جديد.',
    },
  },
  WEGOV_WITHDRAWAL_INVALID: {
    status: 400,
    title: 'Invalid withdrawal link',
    message: {
      en: 'This withdrawal link is not valid, or the signature has already been withdrawn.',
      fr: "Ce lien de retrait n'est pas valide, ou la signature a déjà été retirée.",
      ar: 'رابط السحب هذا غير صالح، أو سبق سحب التوقيع.',
    },
  },
  WEGOV_IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    title: 'Invalid Idempotency-Key',
    message: {
      en: 'The Idempotency-Key header must be 8 to 128 letters, digits, dashes, underscores, dots or colons.',
      fr: "L'en-tête Idempotency-Key doit compter 8 à 128 lettres, chiffres, tirets, soulignés, points ou deux-points.",
      ar: 'يجب أن تتكوّن قيمة الترويسة Idempotency-Key من 8 إلى 128 حرفًا أو رقمًا أو شرطة أو شرطة سفلية أو نقطة أو نقطتين.',
    },
  },
  WEGOV_IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    title: 'Idempotency-Key reused',
    message: {
      en: 'This Idempotency-Key was already used for a different request.',
      fr: 'Cette Idempotency-Key a déjà servi pour une autre requête.',
      ar: 'سبق استخدام مفتاح Idempotency-Key هذا لطلب مختلف.',
    },
  },
  // Accounts: who is asking, and whether they may (domains/accounts).
  WEGOV_UNAUTHENTICATED: {
    status: 401,
    title: 'Sign-in required',
    message: {
      en: 'Sign in to do this. If you were signed in, your session has ended: sign in again.',
      fr: 'Connectez-vous pour faire ceci. Si vous étiez connecté, votre session a pris fin : reconnectez-vous.',
      ar: 'سجّل الدخول للقيام بذلك. إذا كنت مسجّلًا، فقد انتهت جلستك: سجّل الدخول من جديد.',
    },
  },
  WEGOV_INVALID_API_KEY: {
    status: 401,
    title: 'Invalid API key',
    message: {
      en: 'This API key is unknown or has been revoked.',
      fr: 'Cette clé d’API est inconnue ou a été révoquée.',
      ar: 'مفتاح واجهة البرمجة هذا غير معروف أو تم إلغاؤه.',
    },
  },
  WEGOV_FORBIDDEN: {
    status: 403,
    title: 'Not allowed',
    message: {
      en: 'Your role does not allow you to do this.',
      fr: 'Votre rôle ne vous permet pas de faire ceci.',
      ar: 'لا يسمح لك دورك بالقيام بذلك.',
    },
  },
  WEGOV_INSUFFICIENT_SCOPE: {
    status: 403,
    title: 'API key scope too narrow',
    message: {
      en: 'This API key does not have the scope this operation needs.',
      fr: 'Cette clé d’API n’a pas la portée nécessaire à cette opération.',
      ar: 'لا يملك مفتاح واجهة البرمجة هذا الصلاحية التي تحتاجها هذه العملية.',
    },
  },
  WEGOV_CSRF: {
    status: 403,
    title: 'Cross-site request refused',
    message: {
      en: 'This request did not come from WeGov itself, so it was refused. Reload the page and try again.',
      fr: 'Cette requête ne vient pas de WeGov lui-même : elle a été refusée. Rechargez la page et réessayez.',
      ar: 'لم يصدر هذا الطلب عن WeGov نفسه، لذا تم رفضه. أعد تحميل الصفحة وحاول مرة أخرى.',
    },
  },
  // Sign-in by email code (domains/accounts/sign-in-codes.ts)
  WEGOV_SIGN_IN_CODE_INVALID: {
    status: 400,
    title: 'Invalid sign-in code',
    message: {
      en: 'This sign-in code or link is not valid. Check the last email we sent you, or ask for a new code.',
      fr: "Ce code ou ce lien de connexion n'est pas valide. Vérifiez le dernier e-mail reçu, ou demandez un nouveau code.",
      ar: 'رمز تسجيل الدخول أو الرابط هذا غير صالح. تحقّق من آخر رسالة أرسلناها إليك، أو اطلب رمزًا جديدًا.',
    },
  },
  WEGOV_SIGN_IN_CODE_EXPIRED: {
    status: 410,
    title: 'Sign-in code expired',
    message: {
      en: 'This sign-in code has expired. Ask for a new one.',
      fr: 'Ce code de connexion a expiré. Demandez-en un nouveau.',
      ar: 'انتهت صلاحية رمز تسجيل الدخول هذا. اطلب رمزًا جديدًا.',
    },
  },
  // Passkeys (WebAuthn): registering one and signing in with it.
  WEGOV_PASSKEY_INVALID: {
    status: 400,
    title: 'Passkey not accepted',
    message: {
      en: 'This passkey could not be verified, or WeGov does not know it. Try again, or sign in with an email code.',
      fr: "Cette clé d'accès n'a pas pu être vérifiée, ou WeGov ne la connaît pas. Réessayez, ou connectez-vous avec un code reçu par e-mail.",
      ar: 'تعذّر التحقق من مفتاح المرور هذا، أو أن WeGov لا يعرفه. حاول مرة أخرى، أو سجّل الدخول برمز يصلك بالبريد الإلكتروني.',
    },
  },
  WEGOV_PASSKEY_CHALLENGE_EXPIRED: {
    status: 410,
    title: 'Passkey request expired',
    message: {
      en: 'This passkey request has expired or was already used. Please start again.',
      fr: "Cette demande de clé d'accès a expiré ou a déjà servi. Veuillez recommencer.",
      ar: 'انتهت صلاحية طلب مفتاح المرور هذا أو سبق استخدامه. يرجى البدء من جديد.',
    },
  },
  // Organisations, members, invitations, join applications and platform roles (domains/organisations).
  WEGOV_LAST_OWNER: {
    status: 409,
    title: 'Last owner',
    message: {
      en: 'An organisation must keep at least one owner. Make another member an owner first.',
      fr: 'Une organisation doit garder au moins un propriétaire. Nommez d’abord un autre membre propriétaire.',
      ar: 'يجب أن يبقى للمنظمة مالك واحد على الأقل. عيّن عضوًا آخر مالكًا أولًا.',
    },
  },
  WEGOV_LAST_ADMIN: {
    status: 409,
    title: 'Last administrator',
    message: {
      en: 'WeGov must keep at least one administrator. Make someone else an administrator first.',
      fr: 'WeGov doit garder au moins un administrateur. Nommez d’abord quelqu’un d’autre administrateur.',
      ar: 'يجب أن يبقى لـ WeGov مدير واحد على الأقل. عيّن شخصًا آخر مديرًا أولًا.',
    },
  },
  WEGOV_ALREADY_MEMBER: {
    status: 409,
    title: 'Already a member',
    message: {
      en: 'This person is already a member of the organisation.',
      fr: 'Cette personne est déjà membre de l’organisation.',
      ar: 'هذا الشخص عضو في المنظمة بالفعل.',
    },
  },
  WEGOV_INVITATION_EXPIRED: {
    status: 410,
    title: 'Invitation expired',
    message: {
      en: 'This invitation has expired or was withdrawn. Ask the organisation for a new one.',
      fr: 'Cette invitation a expiré ou a été retirée. Demandez-en une nouvelle à l’organisation.',
      ar: 'انتهت صلاحية هذه الدعوة أو تم سحبها. اطلب دعوة جديدة من المنظمة.',
    },
  },
  WEGOV_INVITATION_USED: {
    status: 409,
    title: 'Invitation already accepted',
    message: {
      en: 'This invitation has already been accepted.',
      fr: 'Cette invitation a déjà été acceptée.',
      ar: 'سبق قبول هذه الدعوة.',
    },
  },
  WEGOV_INVITATION_OTHER_ADDRESS: {
    status: 403,
    title: 'Invitation for another address',
    message: {
      en: 'This invitation was sent to another email address. Sign in with the address that received it.',
      fr: 'Cette invitation a été envoyée à une autre adresse e-mail. Connectez-vous avec l’adresse qui l’a reçue.',
      ar: 'أُرسلت هذه الدعوة إلى عنوان بريد إلكتروني آخر. سجّل الدخول بالعنوان الذي تلقّاها.',
    },
  },
  WEGOV_APPLICATION_DECIDED: {
    status: 409,
    title: 'Application already decided',
    message: {
      en: 'A decision has already been made on this application.',
      fr: 'Une décision a déjà été prise sur cette demande.',
      ar: 'سبق البتّ في هذا الطلب.',
    },
  },
  WEGOV_UNKNOWN_ROLE: {
    status: 400,
    title: 'Unknown role',
    message: {
      en: 'This role does not exist. In an organisation: owner or editor; on WeGov: admin or moderator.',
      fr: 'Ce rôle n’existe pas. Dans une organisation : owner (propriétaire) ou editor (éditeur) ; sur WeGov : admin ou moderator (modérateur).',
      ar: 'هذا الدور غير موجود. في المنظمة: owner (مالك) أو editor (محرّر)؛ وعلى WeGov: admin (مدير) أو moderator (مشرف).',
    },
  },
  WEGOV_SLUG_TAKEN: {
    status: 409,
    title: 'Slug already taken',
    message: {
      en: 'Another organisation already uses this short name (slug). Choose another one.',
      fr: 'Une autre organisation utilise déjà ce nom court (slug). Choisissez-en un autre.',
      ar: 'تستخدم منظمة أخرى هذا الاسم المختصر (slug) بالفعل. اختر اسمًا آخر.',
    },
  },
  WEGOV_NAME_REQUIRED: {
    status: 400,
    title: 'Name required in the original language',
    message: {
      en: 'An organisation needs its name in its original language: that one cannot be removed.',
      fr: 'Une organisation doit avoir son nom dans sa langue d’origine : celui-ci ne peut pas être supprimé.',
      ar: 'يجب أن يكون للمنظمة اسم بلغتها الأصلية: لا يمكن حذفه.',
    },
  },
  // Webhooks (domains/webhooks).
  WEGOV_WEBHOOK_URL_REFUSED: {
    status: 400,
    title: 'Webhook URL refused',
    message: {
      en: 'This webhook URL cannot be used. It must be an https URL of a public server (not a private, local or reserved address).',
      fr: 'Cette URL de webhook ne peut pas être utilisée. Elle doit être une URL https d’un serveur public (pas une adresse privée, locale ou réservée).',
      ar: 'لا يمكن استخدام عنوان الويب هوك هذا. يجب أن يكون عنوان https لخادم عام (وليس عنوانًا خاصًا أو محليًا أو محجوزًا).',
    },
  },
  WEGOV_UNKNOWN_WEBHOOK_EVENT: {
    status: 400,
    title: 'Unknown webhook event type',
    message: {
      en: 'An event type is unknown. See the list of webhook event types in the API documentation.',
      fr: 'Un type d’événement est inconnu. Consultez la liste des types d’événements de webhook dans la documentation de l’API.',
      ar: 'أحد أنواع الأحداث غير معروف. راجع قائمة أنواع أحداث الويب هوك في توثيق واجهة البرمجة.',
    },
  },
  // API keys and the audit log (domains/accounts/api-key-routes.ts, domains/changes/audit-routes.ts).
  WEGOV_UNKNOWN_SCOPE: {
    status: 400,
    title: 'Unknown API key scope',
    message: {
      en: 'An API key scope is unknown. The scopes are drafts:read and content:write.',
      fr: 'Une portée de clé d’API est inconnue. Les portées sont drafts:read et content:write.',
      ar: 'إحدى صلاحيات مفتاح واجهة البرمجة غير معروفة. الصلاحيات هي drafts:read و content:write.',
    },
  },
  // Publishing: the content write API (domains/content-writes).
  WEGOV_PRECONDITION_REQUIRED: {
    status: 428,
    title: 'If-Match required',
    message: {
      en: 'Send the If-Match header with the ETag of the version you edited, so that no change is overwritten.',
      fr: 'Envoyez l’en-tête If-Match avec l’ETag de la version modifiée, afin qu’aucune modification ne soit écrasée.',
      ar: 'أرسل الترويسة If-Match مع وسم ETag للنسخة التي عدّلتها، حتى لا يُستبدل أي تعديل.',
    },
  },
  WEGOV_EDIT_CONFLICT: {
    status: 412,
    title: 'Edit conflict',
    message: {
      en: 'Someone changed this item since you opened it. Reload it, then apply your change again.',
      fr: 'Quelqu’un a modifié cet élément depuis que vous l’avez ouvert. Rechargez-le, puis refaites votre modification.',
      ar: 'عدّل شخص آخر هذا العنصر منذ أن فتحته. أعد تحميله ثم أعد تطبيق تعديلك.',
    },
  },
  WEGOV_ORIGINAL_LANGUAGE_REQUIRED: {
    status: 422,
    title: 'Original language required',
    message: {
      en: 'The title must exist in the original language: that translation cannot be missing or removed.',
      fr: 'Le titre doit exister dans la langue d’origine : cette traduction ne peut pas manquer ni être supprimée.',
      ar: 'يجب أن يكون العنوان موجودًا باللغة الأصلية: لا يمكن أن تغيب هذه الترجمة أو تُحذف.',
    },
  },
  WEGOV_INVALID_URL: {
    status: 400,
    title: 'Invalid web address',
    message: {
      en: 'A web address must start with http:// or https://.',
      fr: 'Une adresse web doit commencer par http:// ou https://.',
      ar: 'يجب أن يبدأ عنوان الويب بـ http:// أو https://.',
    },
  },
  WEGOV_INVALID_DATE: {
    status: 400,
    title: 'Invalid date',
    message: {
      en: 'A date is not valid, or an end comes before its start.',
      fr: 'Une date n’est pas valide, ou une fin précède son début.',
      ar: 'أحد التواريخ غير صالح، أو أن تاريخ النهاية يسبق تاريخ البداية.',
    },
  },
  WEGOV_UNKNOWN_ORGANISATION: {
    status: 400,
    title: 'Unknown organisation',
    message: {
      en: 'An organisation named in the request does not exist on WeGov.',
      fr: 'Une organisation citée dans la requête n’existe pas sur WeGov.',
      ar: 'إحدى المنظمات المذكورة في الطلب غير موجودة على WeGov.',
    },
  },
  WEGOV_UNRELATED_PROJECT: {
    status: 400,
    title: 'Project not yours',
    message: {
      en: 'A resource can only be attached to a project its organisation runs or takes part in.',
      fr: 'Une ressource ne peut être rattachée qu’à un projet que son organisation mène ou auquel elle participe.',
      ar: 'لا يمكن ربط مورد إلا بمشروع تديره منظمته أو تشارك فيه.',
    },
  },
  WEGOV_IATI_IDENTIFIER_TAKEN: {
    status: 409,
    title: 'IATI identifier already taken',
    message: {
      en: 'Another organisation already states this IATI organisation identifier. Check the identifier your registration agency gave you.',
      fr: "Une autre organisation déclare déjà cet identifiant d'organisation IATI. Vérifiez l'identifiant que votre agence d'enregistrement vous a attribué.",
      ar: 'تُصرّح منظمة أخرى بالفعل بمعرّف المنظمة هذا في IATI. تحقّق من المعرّف الذي منحتك إياه جهة التسجيل.',
    },
  },
  WEGOV_IATI_EMPTY: {
    status: 404,
    title: 'Nothing to publish to IATI',
    message: {
      en: 'Nothing here can be published in an IATI file yet. An organisation must state its IATI organisation identifier, and each of its projects needs a description, a start date, a country and a theme.',
      fr: "Rien ici ne peut encore être publié dans un fichier IATI. Une organisation doit indiquer son identifiant d'organisation IATI, et chacun de ses projets a besoin d'une description, d'une date de début, d'un pays et d'une thématique.",
      ar: 'لا يمكن بعدُ نشر أي شيء هنا في ملف IATI. يجب أن تُصرّح المنظمة بمعرّف منظمتها في IATI، ويحتاج كل مشروع من مشاريعها إلى وصف وتاريخ بدء وبلد وموضوع.',
    },
  },
  WEGOV_ITEM_SLUG_TAKEN: {
    status: 409,
    title: 'Slug already taken',
    message: {
      en: 'Another item already uses this short name (slug). Choose another one.',
      fr: 'Un autre élément utilise déjà ce nom court (slug). Choisissez-en un autre.',
      ar: 'يستخدم عنصر آخر هذا الاسم المختصر (slug) بالفعل. اختر اسمًا آخر.',
    },
  },
  WEGOV_RATE_LIMITED: {
    status: 429,
    title: 'Too many requests',
    message: {
      en: 'Too many attempts. Please wait a moment and try again.',
      fr: 'Trop de tentatives. Patientez un instant puis réessayez.',
      ar: 'محاولات كثيرة جدًا. يرجى الانتظار قليلًا ثم المحاولة مرة أخرى.',
    },
  },
  WEGOV_UNAVAILABLE: {
    status: 503,
    title: 'Service unavailable',
    message: {
      en: 'WeGov is temporarily unavailable. Please try again shortly.',
      fr: 'WeGov est momentanément indisponible. Réessayez dans un instant.',
      ar: 'WeGov غير متاح مؤقتًا. يرجى المحاولة بعد قليل.',
    },
  },
  WEGOV_INTERNAL: {
    status: 500,
    title: 'Internal error',
    message: {
      en: 'Something went wrong on our side. Please try again.',
      fr: 'Une erreur est survenue de notre côté. Veuillez réessayer.',
      ar: 'حدث خطأ من جهتنا. يرجى المحاولة مرة أخرى.',
    },
  },
} as const satisfies Record<string, ErrorDefinition>

export type ErrorCode = keyof typeof ERRORS

/** A detail about one field, for validation problems. */
export interface FieldError {
  field: string
  message: string
  /** The catalogue code of this field's fault, when it has its own (the problem's `code` is the first one). */
  code?: ErrorCode
}

/** Thrown anywhere in the API; the problem handler turns it into application/problem+json. */
export class WeGovError extends Error {
  readonly code: ErrorCode
  readonly status: number
  readonly errors: FieldError[] | undefined
  readonly headers: Record<string, string> | undefined
  /** Extra members of the problem body (RFC 9457 extensions), e.g. `currentVersion` of an edit conflict. */
  readonly extensions: Record<string, unknown> | undefined

  constructor(
    code: ErrorCode,
    options: { errors?: FieldError[]; headers?: Record<string, string>; extensions?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(ERRORS[code].title, { cause: options.cause })
    this.name = 'WeGovError'
    this.code = code
    this.status = ERRORS[code].status
    this.errors = options.errors
    this.headers = options.headers
    this.extensions = options.extensions
  }
}
