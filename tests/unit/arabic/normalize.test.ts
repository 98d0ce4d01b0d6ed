import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { normalizeForSearch } from '../../../plugins/arabic/server/src/text/index';
import { HEADLINES, SAMPLES, TICKER } from './samples';

const range = (from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));
const hex = (c: string): string => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('normalizeForSearch: letter folds', () => {
  const folds: [string, string][] = [
    ['أ', 'ا'], ['إ', 'ا'], ['آ', 'ا'], ['ٱ', 'ا'], ['ٲ', 'ا'], ['ٳ', 'ا'],
    ['ى', 'ي'], ['ة', 'ه'], ['ؤ', 'و'], ['ئ', 'ي'],
    ['ک', 'ك'], ['ی', 'ي'], ['ے', 'ي'], ['ۓ', 'ي'], ['ۀ', 'ه'], ['ھ', 'ه'], ['ہ', 'ه'], ['ۂ', 'ه'], ['ۃ', 'ه'],
  ];
  for (const [from, to] of folds) {
    it(`folds ${from} (${hex(from)}) to ${to}`, () => {
      assert.equal(normalizeForSearch(`ب${from}ت`), `ب${to}ت`);
    });
  }

  it('folds real words', () => {
    assert.equal(normalizeForSearch('أخنوش'), 'اخنوش');
    assert.equal(normalizeForSearch('إسبانيا'), 'اسبانيا');
    assert.equal(normalizeForSearch('آمنة'), 'امنه');
    assert.equal(normalizeForSearch('مؤتمر'), 'موتمر');
    assert.equal(normalizeForSearch('بيئة'), 'بييه');
    assert.equal(normalizeForSearch('مستشفى'), normalizeForSearch('مستشفي'));
    assert.equal(normalizeForSearch('مدرسة'), normalizeForSearch('مدرسه'));
    assert.equal(normalizeForSearch('ٱلله'), 'الله');
    assert.equal(normalizeForSearch('کتاب فارسی'), 'كتاب فارسي');
  });

  it('keeps the lone hamza ء and the legitimate letters it does not fold', () => {
    assert.equal(normalizeForSearch('السماء'), 'السماء');
    assert.equal(normalizeForSearch('ڤيديو ڭالا ڨالمة پ چ گ'), 'ڤيديو ڭالا ڨالمه پ چ گ');
  });

  it('"الأمنُ" and "الامن" give the same key', () => {
    assert.equal(normalizeForSearch('الأمنُ'), normalizeForSearch('الامن'));
    assert.equal(normalizeForSearch('الأمنُ'), 'الامن');
  });
});

describe('normalizeForSearch: marks', () => {
  const marks = [...range(0x064b, 0x065f), '\u0670', ...range(0x0610, 0x061a), ...range(0x06d6, 0x06ed)];
  for (const mark of marks) {
    it(`strips ${hex(mark)}`, () => {
      assert.equal(normalizeForSearch(`كت${mark}ب`), 'كتب');
    });
  }

  it('strips tashkeel and shadda from real text', () => {
    assert.equal(normalizeForSearch('كُلُّنا ذاك الإنسان في مهبِّ الطوفان !'), 'كلنا ذاك الانسان في مهب الطوفان');
    assert.equal(normalizeForSearch('اللّيْل... ماهو وما لونه؟'), 'الليل ماهو وما لونه');
    assert.equal(normalizeForSearch('بِسْمِ ٱللَّهِ'), 'بسم الله');
    assert.equal(normalizeForSearch('هٰذا'), 'هذا');
  });

  it('strips tatweel: الـمـغـرب -> المغرب', () => {
    assert.equal(normalizeForSearch('الـمـغـرب'), 'المغرب');
    assert.equal(normalizeForSearch('جمـــيل'), 'جميل');
  });
});

describe('normalizeForSearch: invisible characters', () => {
  const invisible: [string, string][] = [
    ['\u200B', 'ZWSP'], ['\u200C', 'ZWNJ'], ['\u200D', 'ZWJ'], ['\u200E', 'LRM'], ['\u200F', 'RLM'],
    ['\u202A', 'LRE'], ['\u202B', 'RLE'], ['\u202C', 'PDF'], ['\u202D', 'LRO'], ['\u202E', 'RLO'],
    ['\u2066', 'LRI'], ['\u2067', 'RLI'], ['\u2068', 'FSI'], ['\u2069', 'PDI'],
    ['\u061C', 'ALM'], ['\uFEFF', 'BOM'], ['\u00AD', 'soft hyphen'], ['\u2060', 'word joiner'], ['\uFE0F', 'VS16'],
  ];
  for (const [c, name] of invisible) {
    it(`removes ${name} (${hex(c)}) without splitting the word`, () => {
      assert.equal(normalizeForSearch(`${c}مر${c}حبا${c}`), 'مرحبا');
    });
  }

  it('treats NBSP and other spaces as word separators', () => {
    assert.equal(normalizeForSearch('مرحبا\u00A0عالم\u202Fجميل\u3000جدا'), 'مرحبا عالم جميل جدا');
    assert.equal(
      normalizeForSearch(TICKER),
      'ظلمات ومثالب الحداثه الليل ماهو وما لونه نهضه بركان تسقط امام باور ديناموز بثناييه ام بي سي تستعين بمغاربه في مقالب مفبركه',
    );
  });
});

describe('normalizeForSearch: digits, Latin, presentation forms, emoji', () => {
  it('converts both Arabic digit sets to ASCII', () => {
    assert.equal(normalizeForSearch('٠١٢٣٤٥٦٧٨٩'), '0123456789');
    assert.equal(normalizeForSearch('۰۱۲۳۴۵۶۷۸۹'), '0123456789');
    assert.equal(normalizeForSearch('عام ٢٠٢٥ و۱۴۰۳'), 'عام 2025 و1403');
  });

  it('treats the Arabic number signs as separators (through their ASCII forms)', () => {
    assert.equal(normalizeForSearch('٤٫٨٢٪'), '4 82');
    assert.equal(normalizeForSearch('١٬٥٠٠ كلم'), '1 500 كلم');
  });

  it('lower-cases Latin and strips its accents', () => {
    assert.equal(normalizeForSearch('Médi1 TV'), 'medi1 tv');
    assert.equal(normalizeForSearch('iPhone 15'), 'iphone 15');
    assert.equal(normalizeForSearch('Élysée São Paulo Ñandú Çà'), 'elysee sao paulo nandu ca');
    assert.equal(normalizeForSearch('Straße Cœur Ærø Łódź'), 'strasse coeur aero lodz');
    assert.equal(normalizeForSearch('İstanbul'), 'istanbul');
  });

  it('folds presentation forms with NFKC', () => {
    assert.equal(normalizeForSearch('ﻻ'), 'لا');
    assert.equal(normalizeForSearch('ﷲ'), 'الله');
    assert.equal(normalizeForSearch('ﺍﻟﺴﻼﻡ'), 'السلام');
    assert.equal(normalizeForSearch('ﷺ'), 'صلي الله عليه وسلم');
    assert.equal(normalizeForSearch('ﺍﻟﺴﻼﻡ'), normalizeForSearch('السلام'));
    assert.equal(normalizeForSearch('Ｗｉｆｉ ｆｉ'), 'wifi fi'); // full-width and the ﬁ ligature
  });

  it('drops emoji, flags, skin tones, keycaps and ZWJ sequences', () => {
    assert.equal(normalizeForSearch('🇲🇦 المغرب👨‍👩‍👧يتأهل 1️⃣ 👍🏽 ❤️'), 'المغرب يتاهل');
    assert.equal(normalizeForSearch('🏴󠁧󠁢󠁳󠁣󠁴󠁿'), '');
  });
});

describe('normalizeForSearch: punctuation and whitespace', () => {
  it('turns Arabic punctuation ، ؛ ؟ « » into separators', () => {
    assert.equal(normalizeForSearch('داعش،القاعدة؛ليبيا؟مالي«تونس»الجزائر'), 'داعش القاعده ليبيا مالي تونس الجزاير');
  });

  it('turns other punctuation and symbols into separators', () => {
    assert.equal(normalizeForSearch('5+5، التي تضم (بلاغ) "مارتا" \'الأحرار\' — a/b @x #y $z'), '5 5 التي تضم بلاغ مارتا الاحرار a b x y z');
    assert.equal(normalizeForSearch('تحلية مياه الداخلة..أكبر'), 'تحليه مياه الداخله اكبر');
  });

  it('collapses whitespace and trims', () => {
    assert.equal(normalizeForSearch('  \t المغرب \n\n  فرنسا  '), 'المغرب فرنسا');
    assert.equal(normalizeForSearch(''), '');
    assert.equal(normalizeForSearch(' \u00A0 '), '');
    assert.equal(normalizeForSearch('!!! ... ؟؟'), '');
  });
});

describe('normalizeForSearch: elongation', () => {
  it('collapses a run of 3+ identical Arabic letters to one', () => {
    assert.equal(normalizeForSearch('جمييييل'), 'جميل');
    assert.equal(normalizeForSearch('جميييل'), 'جميل');
    assert.equal(normalizeForSearch('هدفففف جدااااا'), 'هدف جدا');
  });

  it('collapses runs that only appear after folding or stripping', () => {
    assert.equal(normalizeForSearch('جمي_ي_ي_ل'.replace(/_/g, '\u0640')), 'جميل');
    assert.equal(normalizeForSearch('ياأإآ'), 'يا');
  });

  it('keeps two identical letters (Arabic doubles and Latin)', () => {
    assert.equal(normalizeForSearch('جمييل'), 'جمييل');
    assert.equal(normalizeForSearch('تتويج ممتاز للاعب'), 'تتويج ممتاز للاعب');
    assert.equal(normalizeForSearch('book'), 'book');
  });

  it('leaves Latin runs and digit runs alone', () => {
    assert.equal(normalizeForSearch('Louis XIII www'), 'louis xiii www');
    assert.equal(normalizeForSearch('1000 ٣٣٣'), '1000 333');
  });
});

describe('normalizeForSearch: stability', () => {
  it('is idempotent over every sample', () => {
    for (const s of SAMPLES) {
      const once = normalizeForSearch(s);
      assert.equal(normalizeForSearch(once), once, s);
    }
  });

  it('gives the same key for NFC, NFD, NFKC and NFKD input', () => {
    for (const s of [...SAMPLES, 'é', 'آ', 'Médi1']) {
      const key = normalizeForSearch(s);
      for (const form of ['NFC', 'NFD', 'NFKC', 'NFKD'] as const) assert.equal(normalizeForSearch(s.normalize(form)), key, `${form}: ${s}`);
    }
    assert.equal(normalizeForSearch('\u00E9'), normalizeForSearch('e\u0301'));
    assert.equal(normalizeForSearch('\u0622'), normalizeForSearch('\u0627\u0653'));
    assert.equal(normalizeForSearch('\u0623\u0624\u0625\u0626'), normalizeForSearch('\u0627\u0654\u0648\u0654\u0627\u0655\u064A\u0654'));
  });

  it('gives keys made only of letters, digits and single spaces', () => {
    for (const s of SAMPLES) {
      const key = normalizeForSearch(s);
      assert.match(key, /^(?:[\p{L}\p{N}]+(?: [\p{L}\p{N}]+)*)?$/u, s);
      assert.doesNotMatch(key, /[\p{M}\u0640A-Z\u0660-\u0669\u06F0-\u06F9أإآٱؤئىة]/u, s);
    }
  });

  it('maps every real headline to a non-empty key', () => {
    for (const h of HEADLINES) assert.notEqual(normalizeForSearch(h), '', h);
  });
});
