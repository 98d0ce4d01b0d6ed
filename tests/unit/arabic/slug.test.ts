import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { SLUG_MAX_LENGTH, isValidSlug, slugify } from '../../../plugins/arabic/server/src/text/index';
import { HEADLINES, SAMPLES, TICKER } from './samples';

const cp = (s: string): number => [...s].length;
const SHAPE = /^(?:[a-z0-9\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06D5\u06EE-\u06FF\u0750-\u077F\u08A0-\u08FF]+(?:-|$))*$/u;

describe('slugify: real headlines', () => {
  const expected: [string, string][] = [
    [HEADLINES[1]!, 'عاصفة-مارتا-تعلق-مجددا-الربط-البحري-بين-شمال-المغرب-وجنوب-إسبانيا'],
    [HEADLINES[6]!, 'شوكي-ندعم-برامج-الحكومة-و-الأحرار-فاعل-أساسي-في-التحولات-الكبرى'],
    [HEADLINES[7]!, 'مؤتمر-استثنائي-بالجديدة-يزكي-محمد-شوكي-رئيسا-للأحرار'],
    [HEADLINES[8]!, 'الليل-ماهو-وما-لونه'],
    [HEADLINES[9]!, 'إم-بي-سي-تستعين-بمغاربة-في-مقالب-مفبركة'],
    [HEADLINES[10]!, 'بنك-المغرب-يخفض-كلفة-الاقتراض-بعد-تراجع-أسعار-الفائدة-إلى-4-82-في-نهاية-2025'],
    [HEADLINES[13]!, 'ارتفاع-عدد-السياح-البرازيليين-الوافدين-على-المغرب-ب35'],
    [HEADLINES[15]!, 'قطاع-صناعة-الآلات-في-الصين-يسجل-مؤشرات-إيجابية-خلال-2025'],
    [HEADLINES[20]!, 'كلنا-ذاك-الإنسان-في-مهب-الطوفان'],
    [HEADLINES[24]!, 'نشر-في-اليوم-24-يوم-05-02-2015'],
    [HEADLINES[26]!, 'التهديدات-الأمنية-من-طرف-داعش-و-القاعدة-والوضع-غير-المستقر-في-ليبيا-وفي-شمال'],
  ];
  for (const [title, slug] of expected) {
    it(`slugs "${title}"`, () => assert.equal(slugify(title), slug));
  }

  it('cuts a long real headline at a word boundary', () => {
    const slug = slugify(HEADLINES[14]!);
    assert.equal(slug, 'الادعاءات-الواردة-في-قصاصة-إخبارية-لوكالة-أجنبية-بخصوص-إضراب-معتقلين-سنغاليين-عن');
    assert.equal(cp(slug), 80);
  });

  it('splits the NBSP-separated ticker into words', () => {
    assert.equal(
      slugify(TICKER),
      'ظلمات-ومثالب-الحداثة-الليل-ماهو-وما-لونه-نهضة-بركان-تسقط-أمام-باور-ديناموز',
    );
  });
});

describe('slugify: what it keeps', () => {
  it('keeps hamza forms, ة and ى', () => {
    assert.equal(slugify('أمن إسبانيا آمنة ٱلله مؤتمر بيئة السماء مستشفى'), 'أمن-إسبانيا-آمنة-ٱلله-مؤتمر-بيئة-السماء-مستشفى');
  });

  it('keeps ڤ ڭ ڨ پ چ گ', () => {
    assert.equal(slugify('ڤيديو ڭالا ڨالمة'), 'ڤيديو-ڭالا-ڨالمة');
    assert.equal(slugify('پ چ گ ژ'), 'پ-چ-گ-ژ');
  });

  it('does not transliterate, so عمر and أمر stay distinct', () => {
    assert.notEqual(slugify('عمر'), slugify('أمر'));
    assert.equal(slugify('عمر'), 'عمر');
    assert.equal(slugify('أمر'), 'أمر');
  });
});

describe('slugify: what it folds or drops', () => {
  it('folds ک ی ے ۀ', () => {
    assert.equal(slugify('کتاب فارسی ے ۀ'), 'كتاب-فارسي-ي-ه');
  });

  it('strips tashkeel, shadda, Quranic marks and superscript alef', () => {
    assert.equal(slugify('بِسْمِ ٱللَّهِ الرَّحْمَٰنِ'), 'بسم-ٱلله-الرحمن');
    assert.equal(slugify('بنك المغرب يُخفِّض'), 'بنك-المغرب-يخفض');
    for (let c = 0x0610; c <= 0x06ed; c++) {
      if (c > 0x061a && c < 0x064b) continue;
      if (c > 0x065f && c < 0x06d6 && c !== 0x0670) continue;
      assert.equal(slugify(`كت${String.fromCodePoint(c)}ب`), 'كتب', c.toString(16));
    }
  });

  it('removes tatweel: الـمـغـرب -> المغرب', () => {
    assert.equal(slugify('الـمـغـرب'), 'المغرب');
  });

  it('converts both digit sets and treats ٫ ٬ ٪ as separators', () => {
    assert.equal(slugify('٢٠٢٤ ۱۴۰۳'), '2024-1403');
    assert.equal(slugify('نسبة ٤٫٨٢٪'), 'نسبة-4-82');
    assert.equal(slugify('١٬٥٠٠ كلم'), '1-500-كلم');
  });

  it('lower-cases and de-accents Latin', () => {
    assert.equal(slugify('iPhone 15'), 'iphone-15');
    assert.equal(slugify('Médi1 TV'), 'medi1-tv');
    assert.equal(slugify('Élysée — São Paulo'), 'elysee-sao-paulo');
    assert.equal(slugify('Straße Cœur'), 'strasse-coeur');
    assert.equal(slugify('قناة Médi1 TV المغربية'), 'قناة-medi1-tv-المغربية');
  });

  it('drops emoji: flags, ZWJ sequences, skin tones, keycaps', () => {
    assert.equal(slugify('🇲🇦 المغرب يتأهل'), 'المغرب-يتأهل');
    assert.equal(slugify('المغرب🇲🇦'), 'المغرب');
    assert.equal(slugify('عائلة 👨‍👩‍👧 سعيدة'), 'عائلة-سعيدة');
    assert.equal(slugify('👍🏽 برافو ❤️ 1️⃣'), 'برافو');
    assert.equal(slugify('🇲🇦👨‍👩‍👧'), '');
  });

  it('turns Arabic punctuation ، ؛ ؟ « » and / into single separators', () => {
    assert.equal(slugify('داعش،القاعدة؛ليبيا؟مالي«تونس»الجزائر/الرباط'), 'داعش-القاعدة-ليبيا-مالي-تونس-الجزائر-الرباط');
    assert.equal(slugify('«لادجيد» ، المغربية ؟!'), 'لادجيد-المغربية');
  });

  it('drops invisible characters inside words and splits on NBSP', () => {
    const invisible = ['\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u202E',
      '\u2066', '\u2067', '\u2068', '\u2069', '\u061C', '\uFEFF', '\u00AD', '\u2060'];
    for (const c of invisible) assert.equal(slugify(`${c}مر${c}حبا${c}`), 'مرحبا', c.codePointAt(0)!.toString(16));
    assert.equal(slugify('مرحبا\u00A0عالم'), 'مرحبا-عالم');
    assert.equal(slugify('\uFEFFخبر'), 'خبر');
  });

  it('folds presentation forms ﻻ ﷲ ﺍﻟﺴﻼﻡ ﷺ', () => {
    assert.equal(slugify('ﻻ'), 'لا');
    assert.equal(slugify('ﷲ'), 'الله');
    assert.equal(slugify('ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ'), 'السلام-عليكم');
    assert.equal(slugify('محمد ﷺ'), 'محمد-صلى-الله-عليه-وسلم');
  });

  it('applies NFKC compatibility folds to symbols that stand for letters', () => {
    assert.equal(slugify('Brand™ ²'), 'brandtm-2');
  });

  it('drops letters of other scripts (they are not in the policy) as separators', () => {
    assert.equal(slugify('Москва и المغرب 東京'), 'المغرب');
  });
});

describe('slugify: empty results', () => {
  for (const title of ['', '   ', '!!! ??? ...', '«» ، ؛ ؟', '— • © ® ★ § ¶ ° € $', '\u200F\u200E\uFEFF', 'ـــ', '\u064B\u0651']) {
    it(`returns '' for ${JSON.stringify(title)}`, () => assert.equal(slugify(title), ''));
  }
});

describe('slugify: length limit', () => {
  // 300+ code points of real headline text, dense in shadda and tashkeel.
  const long = [
    'كُلُّنا ذاك الإنسان في مهبِّ الطوفان', 'مؤتمر استثنائي بالجديدة يزكّي محمد شوكي رئيسًا للأحرار',
    'بنك المغرب يُخفِّض كلفة الاقتراض', 'اللّيْل ماهو وما لونه', 'عاصفة مارتا تُعلّق مجددًا الربط البحري',
    'الادعاءات الواردة في قصاصة إخبارية لوكالة أجنبية بخصوص إضراب معتقلين سنغاليين عن الطعام',
    'تدابير استعجالية لضمان متابعة تلاميذ المؤسسات التعليمية المتضررة',
  ].join(' ');

  it('the fixture is a 300+ character title with marks', () => {
    assert.ok(cp(long) >= 300);
    assert.match(long, /\u0651/);
  });

  it('cuts a 300-character title at a word boundary, <= 80 code points, with no mark left', () => {
    const full = slugify(long, { maxLength: 10_000 });
    const slug = slugify(long);
    assert.equal(slug, 'كلنا-ذاك-الإنسان-في-مهب-الطوفان-مؤتمر-استثنائي-بالجديدة-يزكي-محمد-شوكي-رئيسا');
    assert.ok(cp(slug) <= SLUG_MAX_LENGTH);
    assert.ok(full.startsWith(`${slug}-`));
    assert.doesNotMatch(slug, /\p{M}/u);
  });

  it('at every limit, keeps the most whole words that fit and never leaves a mark', () => {
    const full = slugify(long, { maxLength: 10_000 });
    const words = full.split('-');
    for (let max = words[0]!.length; max <= 200; max++) {
      const slug = slugify(long, { maxLength: max });
      assert.ok(cp(slug) <= max, `max ${max}`);
      assert.doesNotMatch(slug, /\p{M}|^-|-$|--/u);
      const kept = slug.split('-').length;
      assert.deepEqual(slug.split('-'), words.slice(0, kept), `max ${max}`);
      assert.ok(cp(words.slice(0, kept + 1).join('-')) > max, `one more word would fit at max ${max}`);
    }
  });

  it('cuts a first word longer than the limit at the limit', () => {
    assert.equal(slugify('ا'.repeat(100) + ' كلمة'), 'ا'.repeat(80));
    assert.equal(slugify('المغرب', { maxLength: 3 }), 'الم');
    assert.equal(slugify('مُحَمَّدٌ', { maxLength: 3 }), 'محم');
  });

  it('honours maxLength and rejects a bad one', () => {
    assert.equal(slugify('خطر داعش يدفع الجزائر', { maxLength: 13 }), 'خطر-داعش-يدفع');
    assert.equal(slugify('خطر داعش يدفع الجزائر', { maxLength: 12 }), 'خطر-داعش');
    for (const maxLength of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => slugify('خبر', { maxLength }), RangeError);
    }
  });

  it('SLUG_MAX_LENGTH is 80', () => assert.equal(SLUG_MAX_LENGTH, 80));
});

describe('slugify: stability', () => {
  it('is idempotent over every sample, at the default and a short limit', () => {
    for (const s of SAMPLES) {
      const once = slugify(s);
      assert.equal(slugify(once), once, s);
      const short = slugify(s, { maxLength: 20 });
      assert.equal(slugify(short, { maxLength: 20 }), short, s);
    }
  });

  it('gives the same slug for NFC and NFD input', () => {
    assert.equal(slugify('\u00E9t\u00E9'), 'ete');
    assert.equal(slugify('e\u0301te\u0301'), 'ete');
    assert.equal(slugify('\u0622'), slugify('\u0627\u0653'));
    assert.equal(slugify('\u0627\u0653\u0645\u0646\u0629'), 'آمنة');
    assert.equal(slugify('\u0627\u0654\u0645\u0646'), 'أمن');
    assert.equal(slugify('\u0627\u0655\u0633\u0628\u0627\u0646\u064A\u0627'), 'إسبانيا');
    for (const s of SAMPLES) {
      assert.equal(slugify(s.normalize('NFD')), slugify(s.normalize('NFC')), s);
    }
  });

  it('only ever produces the allowed shape', () => {
    for (const s of SAMPLES) {
      const slug = slugify(s);
      assert.match(slug, SHAPE, s);
      assert.doesNotMatch(slug, /^-|-$|--|[\u0640\u0660-\u0669\u06F0-\u06F9کیے]/u, s);
      assert.ok(cp(slug) <= SLUG_MAX_LENGTH, s);
    }
  });

  it('survives a percent-encoding round trip', () => {
    for (const h of HEADLINES) {
      const slug = slugify(h);
      const encoded = encodeURIComponent(slug);
      assert.match(encoded, /^[A-Za-z0-9%-]*$/);
      assert.equal(decodeURIComponent(encoded), slug);
      assert.equal(decodeURIComponent(new URL(`https://nashra.example/alyaoum24/42-${slug}`).pathname), `/alyaoum24/42-${slug}`);
    }
  });
});

describe('isValidSlug', () => {
  it('accepts what slugify produces', () => {
    for (const s of SAMPLES) {
      const slug = slugify(s);
      if (slug) assert.equal(isValidSlug(slug), true, slug);
    }
    for (const ok of ['المغرب', 'iphone-15', 'a', '2015', 'ڤيديو-ڭالا-ڨالمة', 'آمنة-مستشفى-مؤتمر', 'ا'.repeat(80)]) {
      assert.equal(isValidSlug(ok), true, ok);
    }
  });

  const invalid: [string, string][] = [
    ['', 'empty'], ['ا'.repeat(81), '81 code points'], ['Maroc', 'upper case'], ['-المغرب', 'leading hyphen'],
    ['المغرب-', 'trailing hyphen'], ['المغرب--فرنسا', 'double hyphen'], ['المغرب فرنسا', 'space'],
    ['المغرب_فرنسا', 'underscore'], ['الْمَغْرِب', 'tashkeel'], ['الـمغرب', 'tatweel'], ['کتاب', 'keheh'],
    ['فارسی', 'Farsi yeh'], ['٢٠٢٤', 'Arabic-Indic digits'], ['مر\u200Cحبا', 'ZWNJ'], ['المغرب🇲🇦', 'emoji'],
    ['médi1', 'accent'], ['ﻻ', 'presentation form'], ['москва', 'Cyrillic'], ['a.b', 'dot'],
  ];
  for (const [s, why] of invalid) {
    it(`rejects ${why}`, () => assert.equal(isValidSlug(s), false));
  }

  it('rejects non-strings at run time', () => {
    assert.equal(isValidSlug(undefined as unknown as string), false);
    assert.equal(isValidSlug(42 as unknown as string), false);
  });
});
