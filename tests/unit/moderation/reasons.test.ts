import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DEFAULT_REASONS,
  LOCALES,
  localizedReasons,
  reasonLabel,
  resolveLocale,
  type ReportReason,
} from '../../../plugins/moderation/server/src/domain';

const ARABIC_LETTER = /[\u0621-\u064a]/;

describe('DEFAULT_REASONS', () => {
  it('cover what readers report about news images', () => {
    assert.deepEqual(
      DEFAULT_REASONS.map((r) => r.code),
      ['violence', 'nudity', 'hate', 'misleading', 'copyright', 'privacy', 'other'],
    );
  });

  it('have real labels in every locale: Arabic in ar, none in fr and en', () => {
    for (const reason of DEFAULT_REASONS) {
      for (const locale of LOCALES) assert.ok(reason.labels[locale].trim().length > 1, `${reason.code}.${locale}`);
      assert.match(reason.labels.ar, ARABIC_LETTER, reason.code);
      assert.doesNotMatch(reason.labels.fr, ARABIC_LETTER, reason.code);
      assert.doesNotMatch(reason.labels.en, ARABIC_LETTER, reason.code);
    }
    assert.equal(new Set(DEFAULT_REASONS.map((r) => r.labels.ar)).size, DEFAULT_REASONS.length, 'labels are distinct');
  });

  it('use the newsroom wording', () => {
    assert.match(reasonLabel(DEFAULT_REASONS, 'violence', 'ar') ?? '', /^محتوى عنيف/);
    assert.match(reasonLabel(DEFAULT_REASONS, 'misleading', 'ar') ?? '', /^صورة مضللة/);
  });
});

describe('resolveLocale', () => {
  const cases: Array<[string | null | undefined, string]> = [
    ['ar', 'ar'],
    ['fr', 'fr'],
    ['en', 'en'],
    ['FR', 'fr'],
    ['fr-FR', 'fr'],
    ['ar_MA', 'ar'],
    ['fr_CA', 'fr'],
    ['en-GB', 'en'],
    [' en ', 'en'],
    ['de', 'ar'],
    ['', 'ar'],
    [null, 'ar'],
    [undefined, 'ar'],
    ['english', 'ar'],
  ];
  for (const [input, locale] of cases) {
    it(`${JSON.stringify(input)} -> ${locale}`, () => assert.equal(resolveLocale(input), locale));
  }
});

describe('reasonLabel', () => {
  it('gives the label in the requested locale', () => {
    assert.equal(reasonLabel(DEFAULT_REASONS, 'privacy', 'fr'), 'Atteinte à la vie privée');
    assert.equal(reasonLabel(DEFAULT_REASONS, 'privacy', 'en'), 'Privacy violation');
    assert.equal(reasonLabel(DEFAULT_REASONS, 'privacy', 'ar'), 'انتهاك الخصوصية');
  });

  it('falls back to Arabic for an unknown locale', () => {
    assert.equal(reasonLabel(DEFAULT_REASONS, 'privacy', 'de'), 'انتهاك الخصوصية');
  });

  it('falls back to Arabic when a configured reason lacks the locale label', () => {
    const reasons: ReportReason[] = [{ code: 'spam', labels: { ar: 'رسائل مزعجة', fr: '', en: 'Spam' } }];
    assert.equal(reasonLabel(reasons, 'spam', 'fr'), 'رسائل مزعجة');
    assert.equal(reasonLabel(reasons, 'spam', 'en'), 'Spam');
  });

  it('returns null for a code not in the list', () => {
    assert.equal(reasonLabel(DEFAULT_REASONS, 'spam', 'ar'), null);
    assert.equal(reasonLabel(DEFAULT_REASONS, 'Violence', 'ar'), null);
    assert.equal(reasonLabel([], 'violence', 'ar'), null);
  });
});

describe('localizedReasons', () => {
  it('lists codes and labels in one locale, in configured order', () => {
    const fr = localizedReasons(DEFAULT_REASONS, 'fr');
    assert.equal(fr.length, DEFAULT_REASONS.length);
    assert.deepEqual(fr[0], { code: 'violence', label: 'Contenu violent ou choquant' });
    assert.deepEqual(fr.at(-1), { code: 'other', label: 'Autre raison' });
    assert.deepEqual(
      localizedReasons(DEFAULT_REASONS, 'xx').map((r) => r.label),
      DEFAULT_REASONS.map((r) => r.labels.ar),
    );
  });
});

describe('the public reasons list never carries HTML', () => {
  // Labels stored before the plain-text rule, or written into the store by other means, skip validation.
  it('whatever the stored labels hold, no answer has < or > or invisible characters', () => {
    const label = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('<b>x</b>', '<img src=x onerror=alert(1)>', 'a<', '>', '\u202Eevil', '<<script>script>'));
    fc.assert(
      fc.property(fc.array(fc.record({ code: fc.constantFrom('violence', 'other', 'hate'), labels: fc.record({ ar: label, fr: label, en: label }) }), { minLength: 1, maxLength: 5 }), fc.constantFrom('ar', 'fr', 'en', 'de', undefined), (reasons, locale) => {
        for (const { label: text } of localizedReasons(reasons, locale)) {
          if (/[<>\u202A-\u202E\u2066-\u2069\u200B-\u200F]/.test(text)) return false;
          if (text.length === 0) return false;
        }
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('keeps the words of a marked-up label', () => {
    const reasons = [{ code: 'violence', labels: { ar: '<b>عنف</b>', fr: '<i>Violence</i>', en: '<img src=x onerror=alert(1)>Violence' } }];
    assert.deepEqual(localizedReasons(reasons, 'ar'), [{ code: 'violence', label: 'عنف' }]);
    assert.deepEqual(localizedReasons(reasons, 'en'), [{ code: 'violence', label: 'Violence' }]);
  });
});
