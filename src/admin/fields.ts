/**
 * Labels and hints of Nashra's fields in the three interface languages. Strapi 5.54 labels a
 * field with the translation `content-manager.content-types.<uid>.<field>` (a component's with
 * `content-manager.components.<uid>.<field>`), falling back to the label stored in the view
 * configuration, which has one language only; so labels go in as translations and the stored
 * configuration is left alone. Hints have no translation key in Strapi (only the stored
 * description), so they are set by the edit-view layout hook in app.tsx.
 */
type Text = { ar: string; fr: string; en: string };
type Field = { label: Text; hint?: Text };

const common = {
  name: { label: { ar: 'الاسم', fr: 'Nom', en: 'Name' } },
  slug: { label: { ar: 'الرابط الدائم', fr: 'Slug', en: 'Slug' } },
  articles: { label: { ar: 'المقالات', fr: 'Articles', en: 'Articles' } },
  id: { label: { ar: 'المعرّف', fr: 'ID', en: 'ID' } },
  createdAt: { label: { ar: 'أنشئ في', fr: 'Créé le', en: 'Created' } },
  updatedAt: { label: { ar: 'عُدّل في', fr: 'Modifié le', en: 'Updated' } },
  publishedAt: { label: { ar: 'نُشر في', fr: 'Publié le', en: 'Published' } },
  locale: { label: { ar: 'اللغة', fr: 'Langue', en: 'Locale' } },
} satisfies Record<string, Field>;

export const FIELDS: Record<string, Record<string, Field>> = {
  'api::article.article': {
    ...common,
    title: { label: { ar: 'العنوان', fr: 'Titre', en: 'Title' } },
    slug: {
      label: { ar: 'الرابط الدائم', fr: 'Slug', en: 'Slug' },
    },
    excerpt: {
      label: { ar: 'المقتطف', fr: 'Chapeau', en: 'Excerpt' },
      hint: {
        ar: 'فقرة قصيرة تظهر تحت العنوان في القوائم ونتائج البحث',
        fr: 'Quelques lignes affichées sous le titre dans les listes et la recherche',
        en: 'A few lines shown under the title in lists and search results',
      },
    },
    body: { label: { ar: 'نص المقال', fr: 'Corps de l’article', en: 'Body' } },
    cover: { label: { ar: 'الصورة الرئيسية', fr: 'Image principale', en: 'Cover image' } },
    gallery: { label: { ar: 'معرض الصور', fr: 'Galerie', en: 'Gallery' } },
    source: {
      label: { ar: 'المصدر', fr: 'Source', en: 'Source' },
      hint: {
        ar: 'الجهة التي نشرت الخبر أولا، وتظهر في سطر «نشر في…»',
        fr: 'Le média qui a publié l’information en premier, cité dans « Publié dans… »',
        en: 'The outlet that published the story first, credited in "Published in…"',
      },
    },
    originalUrl: {
      label: { ar: 'الرابط الأصلي', fr: 'Lien d’origine', en: 'Original URL' },
      hint: {
        ar: 'رابط الخبر في موقع المصدر، لزر «اقرأ الخبر في مصدره»',
        fr: 'L’adresse de l’article chez la source, pour le lien « Lire à la source »',
        en: 'Where the story lives at its source, for the "Read it at its source" link',
      },
    },
    sourcePublishedAt: {
      label: { ar: 'تاريخ النشر في المصدر', fr: 'Publié par la source le', en: 'Published at the source on' },
      hint: {
        ar: 'يظهر في سطر الإسناد: «نشر في اليوم 24 يوم 05 - 02 - 2015»',
        fr: 'Affiché dans l’attribution : « Publié dans Le Desk le 05/02/2015 »',
        en: 'Shown in the attribution: "Published in Le Desk on 05/02/2015"',
      },
    },
    category: { label: { ar: 'القسم', fr: 'Rubrique', en: 'Category' } },
    byline: {
      label: { ar: 'الكاتب', fr: 'Signature', en: 'Byline' },
      hint: { ar: 'اسم المحرر أو المراسل كما يظهر للقراء', fr: 'Le nom du journaliste, tel que les lecteurs le voient', en: 'The writer’s name as readers see it' },
    },
  },
  'api::source.source': {
    ...common,
    homepage: { label: { ar: 'الموقع', fr: 'Site', en: 'Homepage' } },
    feedUrl: {
      label: { ar: 'رابط الخلاصة', fr: 'Flux RSS', en: 'Feed URL' },
      hint: { ar: 'خلاصة RSS أو Atom التي تُجلب منها أخبار المصدر', fr: 'Le flux RSS ou Atom d’où viennent les articles de la source', en: 'The RSS or Atom feed the source’s articles are fetched from' },
    },
    logo: { label: { ar: 'الشعار', fr: 'Logo', en: 'Logo' } },
    language: { label: { ar: 'لغة المصدر', fr: 'Langue', en: 'Language' } },
    country: {
      label: { ar: 'البلد', fr: 'Pays', en: 'Country' },
      hint: { ar: 'رمز البلد من حرفين (MA، DZ، TN)', fr: 'Code du pays en deux lettres (MA, DZ, TN)', en: 'Two-letter country code (MA, DZ, TN)' },
    },
    timeZone: {
      label: { ar: 'المنطقة الزمنية', fr: 'Fuseau horaire', en: 'Time zone' },
      hint: { ar: 'مثل Africa/Casablanca، لقراءة تواريخ المصدر', fr: 'Par exemple Africa/Casablanca, pour lire les dates de la source', en: 'E.g. Africa/Casablanca, to read the source’s dates' },
    },
    active: { label: { ar: 'نشط', fr: 'Actif', en: 'Active' } },
  },
  'api::category.category': { ...common },
  'api::ticker.ticker': {
    ...common,
    items: { label: { ar: 'عناوين مختارة', fr: 'Titres choisis', en: 'Hand-picked items' } },
    autoEnabled: {
      label: { ar: 'إضافة آخر المقالات تلقائيا', fr: 'Ajouter les derniers articles', en: 'Add the latest articles' },
      hint: { ar: 'تُدمج آخر المقالات المنشورة مع العناوين المختارة', fr: 'Les derniers articles publiés rejoignent les titres choisis', en: 'The latest published articles join the hand-picked items' },
    },
    autoSources: { label: { ar: 'من المصادر', fr: 'Des sources', en: 'From the sources' } },
    autoCategories: { label: { ar: 'من الأقسام', fr: 'Des rubriques', en: 'From the categories' } },
    autoMaxAgeHours: {
      label: { ar: 'أقصى عمر للمقال (بالساعات)', fr: 'Âge maximal (heures)', en: 'Maximum age (hours)' },
    },
    limit: { label: { ar: 'عدد العناوين', fr: 'Nombre de titres', en: 'Number of headlines' } },
  },
  'ticker.item': {
    headline: { label: { ar: 'العنوان', fr: 'Titre', en: 'Headline' } },
    url: { label: { ar: 'الرابط', fr: 'Lien', en: 'URL' } },
    article: { label: { ar: 'المقال', fr: 'Article', en: 'Article' } },
    priority: {
      label: { ar: 'الأولوية', fr: 'Priorité', en: 'Priority' },
      hint: { ar: 'من 0 إلى 100، الأعلى يظهر أولا', fr: 'De 0 à 100 : le plus haut passe en premier', en: 'From 0 to 100: the highest comes first' },
    },
    startsAt: { label: { ar: 'يبدأ في', fr: 'Début', en: 'Starts at' } },
    expiresAt: { label: { ar: 'ينتهي في', fr: 'Fin', en: 'Expires at' } },
  },
};

/** Names of the content types as the Content Manager's menu and headers ask for them (their displayName is the key). */
const TYPE_NAMES: Record<string, Text> = {
  Article: { ar: 'المقالات', fr: 'Articles', en: 'Articles' },
  Category: { ar: 'الأقسام', fr: 'Rubriques', en: 'Categories' },
  Source: { ar: 'المصادر', fr: 'Sources', en: 'Sources' },
  Ticker: { ar: 'الشريط الإخباري', fr: 'Bandeaux', en: 'Tickers' },
  'Ticker item': { ar: 'عنوان في الشريط', fr: 'Titre du bandeau', en: 'Ticker item' },
  User: { ar: 'المستخدمون', fr: 'Utilisateurs', en: 'Users' },
  // The source's language enumeration shows its raw values as keys.
  ar: { ar: 'العربية', fr: 'Arabe', en: 'Arabic' },
  fr: { ar: 'الفرنسية', fr: 'Français', en: 'French' },
  en: { ar: 'الإنجليزية', fr: 'Anglais', en: 'English' },
};

export const hintId = (uid: string, field: string) => `nashra.hint.${uid}.${field}`;

/** The translations the fields need, per interface language. */
export function fieldTranslations(lang: keyof Text): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [uid, fields] of Object.entries(FIELDS)) {
    const prefix = uid.includes('::') ? `content-manager.content-types.${uid}` : `content-manager.components.${uid}`;
    for (const [name, field] of Object.entries(fields)) {
      out[`${prefix}.${name}`] = field.label[lang];
      if (field.hint) out[hintId(uid, name)] = field.hint[lang];
    }
  }
  for (const [key, text] of Object.entries(TYPE_NAMES)) out[key] = text[lang];
  return out;
}
