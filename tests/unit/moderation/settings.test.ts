import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import {
  DEFAULT_REASONS,
  DEFAULT_SETTINGS,
  validateSettings,
  type ModerationSettings,
  type Validation,
} from '../../../plugins/moderation/server/src/domain';

/** A fresh, mutable, valid settings object to break one field at a time. */
// any: settings broken on purpose, one field at a time, with values of the wrong type
function valid(): any {
  return {
    threshold: 3,
    minNetworks: 2,
    windowDays: 7,
    rateLimit: { perMinute: 10, perDay: 50 },
    reasons: DEFAULT_REASONS.map((r) => ({ code: r.code, labels: { ...r.labels } })),
  };
}

function errorsOf(result: Validation<ModerationSettings>) {
  assert.equal(result.ok, false, 'expected a rejection');
  if (result.ok) throw new Error('unreachable');
  for (const e of result.errors) {
    assert.equal(typeof e.path, 'string');
    assert.ok(e.path.length > 0, 'every error names a path');
    assert.ok(e.message.length > 0);
  }
  return result.errors;
}

describe('DEFAULT_SETTINGS', () => {
  it('are the documented defaults', () => {
    assert.equal(DEFAULT_SETTINGS.threshold, 3);
    assert.equal(DEFAULT_SETTINGS.minNetworks, 2);
    assert.equal(DEFAULT_SETTINGS.windowDays, 7);
    assert.deepEqual(DEFAULT_SETTINGS.rateLimit, { perMinute: 10, perDay: 50 });
    assert.deepEqual(
      DEFAULT_SETTINGS.reasons.map((r) => r.code),
      ['violence', 'nudity', 'hate', 'misleading', 'copyright', 'privacy', 'other'],
    );
  });

  it('pass their own validation and come back as a copy', () => {
    const result = validateSettings(DEFAULT_SETTINGS);
    assert.ok(result.ok);
    assert.deepEqual(result.value, DEFAULT_SETTINGS);
    assert.notEqual(result.value, DEFAULT_SETTINGS);
    assert.notEqual(result.value.reasons[0], DEFAULT_SETTINGS.reasons[0]);
  });

  it('are frozen so no caller can change them for everyone', () => {
    assert.ok(Object.isFrozen(DEFAULT_SETTINGS));
    assert.ok(Object.isFrozen(DEFAULT_SETTINGS.rateLimit));
    assert.ok(Object.isFrozen(DEFAULT_SETTINGS.reasons));
    assert.ok(DEFAULT_SETTINGS.reasons.every((r) => Object.isFrozen(r) && Object.isFrozen(r.labels)));
  });
});

describe('validateSettings accepts', () => {
  // any: settings broken on purpose, one field at a time, with values of the wrong type
  const accepted: Array<[string, (s: any) => void]> = [
    ['threshold 1 with minNetworks 1', (s) => Object.assign(s, { threshold: 1, minNetworks: 1 })],
    ['threshold 1000 with minNetworks 1000', (s) => Object.assign(s, { threshold: 1000, minNetworks: 1000 })],
    ['windowDays 1 and 365', (s) => Object.assign(s, { windowDays: 365 })],
    ['perDay equal to perMinute', (s) => (s.rateLimit = { perMinute: 20, perDay: 20 })],
    ['the largest rate limits', (s) => (s.rateLimit = { perMinute: 10_000, perDay: 1_000_000 })],
    ['a single reason', (s) => (s.reasons = [s.reasons[0]])],
    ['30 reasons', (s) => (s.reasons = Array.from({ length: 30 }, (_, i) => ({ code: `r${i}`, labels: { ar: 'س', fr: 'r', en: 'r' } })))],
    ['an 80-character Arabic label', (s) => (s.reasons[0].labels.ar = 'ع'.repeat(80))],
    ['a hyphenated code', (s) => (s.reasons[0].code = 'fake-news-2')],
  ];
  for (const [name, mutate] of accepted) {
    it(name, () => {
      const input = valid();
      mutate(input);
      const result = validateSettings(input);
      assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
      assert.deepEqual(result.value, input);
    });
  }

  it('accepts a label with a right-to-left mark, and drops the mark', () => {
    const input = valid();
    input.reasons[0].labels.ar = 'صورة\u200F مضللة';
    const result = validateSettings(input);
    assert.ok(result.ok);
    assert.equal(result.value.reasons[0].labels.ar, 'صورة مضللة');
  });

  it('trims labels', () => {
    const input = valid();
    input.reasons[1].labels.fr = '  Nudité  ';
    const result = validateSettings(input);
    assert.ok(result.ok);
    assert.equal(result.value.reasons[1].labels.fr, 'Nudité');
  });
});

describe('validateSettings rejects', () => {
  // any: settings broken on purpose, one field at a time, with values of the wrong type
  const rejected: Array<[string, (s: any) => unknown, string, RegExp?]> = [
    ['null', () => null, 'settings'],
    ['an array', () => [], 'settings'],
    ['a string', () => 'threshold=3', 'settings'],
    ['a Map', () => new Map(), 'settings'],
    ['an unknown top-level key', (s) => ({ ...s, thresold: 4 }), 'thresold', /not allowed/],
    ['a missing threshold', (s) => (delete s.threshold, s), 'threshold', /1 to 1000/],
    ['threshold 0', (s) => ({ ...s, threshold: 0 }), 'threshold'],
    ['threshold 1001', (s) => ({ ...s, threshold: 1001 }), 'threshold'],
    ['threshold 2.5', (s) => ({ ...s, threshold: 2.5 }), 'threshold'],
    ['threshold as a string', (s) => ({ ...s, threshold: '3' }), 'threshold'],
    ['threshold NaN', (s) => ({ ...s, threshold: Number.NaN }), 'threshold'],
    ['threshold Infinity', (s) => ({ ...s, threshold: Infinity }), 'threshold'],
    ['minNetworks 0', (s) => ({ ...s, minNetworks: 0 }), 'minNetworks'],
    ['minNetworks above threshold', (s) => ({ ...s, minNetworks: 4 }), 'minNetworks', /from 1 to threshold \(3\)/],
    ['minNetworks null', (s) => ({ ...s, minNetworks: null }), 'minNetworks'],
    ['windowDays 0', (s) => ({ ...s, windowDays: 0 }), 'windowDays', /1 to 365/],
    ['windowDays 366', (s) => ({ ...s, windowDays: 366 }), 'windowDays'],
    ['windowDays -7', (s) => ({ ...s, windowDays: -7 }), 'windowDays'],
    ['a missing rateLimit', (s) => (delete s.rateLimit, s), 'rateLimit'],
    ['rateLimit as an array', (s) => ({ ...s, rateLimit: [10, 50] }), 'rateLimit'],
    ['an unknown rateLimit key', (s) => ((s.rateLimit.perHour = 5), s), 'rateLimit.perHour'],
    ['perMinute 0', (s) => ((s.rateLimit.perMinute = 0), s), 'rateLimit.perMinute'],
    ['perMinute 10001', (s) => ((s.rateLimit.perMinute = 10_001), s), 'rateLimit.perMinute'],
    ['perDay below perMinute', (s) => ((s.rateLimit.perDay = 9), s), 'rateLimit.perDay', /rateLimit\.perMinute \(10\)/],
    ['perDay above a million', (s) => ((s.rateLimit.perDay = 1_000_001), s), 'rateLimit.perDay'],
    ['reasons missing', (s) => (delete s.reasons, s), 'reasons'],
    ['reasons empty', (s) => ({ ...s, reasons: [] }), 'reasons'],
    ['31 reasons', (s) => ({ ...s, reasons: Array.from({ length: 31 }, (_, i) => ({ code: `r${i}`, labels: { ar: 'س', fr: 'r', en: 'r' } })) }), 'reasons'],
    ['reasons as an object', (s) => ({ ...s, reasons: { violence: {} } }), 'reasons'],
    ['a reason that is a string', (s) => ((s.reasons[2] = 'hate'), s), 'reasons[2]'],
    ['an unknown reason key', (s) => ((s.reasons[0].severity = 3), s), 'reasons[0].severity'],
    ['an upper-case code', (s) => ((s.reasons[0].code = 'Violence'), s), 'reasons[0].code'],
    ['a one-letter code', (s) => ((s.reasons[0].code = 'v'), s), 'reasons[0].code'],
    ['a code starting with a digit', (s) => ((s.reasons[0].code = '1abc'), s), 'reasons[0].code'],
    ['a code with an underscore', (s) => ((s.reasons[0].code = 'fake_news'), s), 'reasons[0].code'],
    ['a 33-character code', (s) => ((s.reasons[0].code = `a${'b'.repeat(32)}`), s), 'reasons[0].code'],
    ['a numeric code', (s) => ((s.reasons[0].code = 12), s), 'reasons[0].code'],
    ['a duplicate code', (s) => ((s.reasons[3].code = 'violence'), s), 'reasons[3].code', /duplicates/],
    ['missing labels', (s) => (delete s.reasons[1].labels, s), 'reasons[1].labels'],
    ['an empty French label', (s) => ((s.reasons[2].labels.fr = ''), s), 'reasons[2].labels.fr'],
    ['a blank English label', (s) => ((s.reasons[2].labels.en = '   '), s), 'reasons[2].labels.en'],
    ['a missing Arabic label', (s) => (delete s.reasons[4].labels.ar, s), 'reasons[4].labels.ar'],
    ['an 81-character label', (s) => ((s.reasons[0].labels.ar = 'ع'.repeat(81)), s), 'reasons[0].labels.ar', /80/],
    ['a label with a control character', (s) => ((s.reasons[0].labels.en = 'Vio\u0000lence'), s), 'reasons[0].labels.en'],
    ['a label in an unknown locale', (s) => ((s.reasons[0].labels.de = 'Gewalt'), s), 'reasons[0].labels.de'],
    ['a numeric label', (s) => ((s.reasons[0].labels.fr = 5), s), 'reasons[0].labels.fr'],
  ];
  for (const [name, build, path, message] of rejected) {
    it(`${name} (${path})`, () => {
      const errors = errorsOf(validateSettings(build(valid())));
      const hit = errors.find((e) => e.path === path);
      assert.ok(hit, `expected an error at ${path}, got ${JSON.stringify(errors)}`);
      if (message) assert.match(hit.message, message);
    });
  }

  it('reports every problem at once', () => {
    const input = valid();
    input.threshold = 0;
    input.windowDays = 400;
    input.reasons[0].labels.fr = '';
    input.extra = true;
    const paths = errorsOf(validateSettings(input)).map((e) => e.path).sort();
    assert.deepEqual(paths, ['extra', 'reasons[0].labels.fr', 'threshold', 'windowDays'].sort());
  });
});

describe('reason labels are plain text', () => {
  const withLabel = (label: string) => {
    const input = valid();
    input.reasons[1].labels.fr = label;
    return validateSettings(input);
  };

  it('any label with < or > is refused, naming the field', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom('<', '>', '<b>', '</a>', '<img src=x onerror=alert(1)>', '<script>'), fc.string({ maxLength: 30 }), (a, markup, b) => {
        fc.pre([...(a + markup + b).trim()].length <= 80);
        const result = withLabel(a + markup + b);
        return !result.ok && result.errors.some((e) => e.path === 'reasons[1].labels.fr');
      }),
      { numRuns: 500 },
    );
    const result = withLabel('<b>Contenu</b> violent');
    assert.ok(!result.ok);
    assert.deepEqual(result.errors, [{ path: 'reasons[1].labels.fr', message: 'must be plain text, without < or >' }]);
  });

  it('accepted labels are stored without invisible or bidi characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...'صورة مضللة Image trompeuse'), fc.constantFrom('\u200F', '\u202E', '\u2066', '\u200B', '\uFEFF', '\u061C')), { minLength: 1, maxLength: 60 }),
        (chars) => {
          const label = chars.join('');
          const visible = label.replace(/[\u200F\u202E\u2066\u200B\uFEFF\u061C]/g, '').trim();
          const result = withLabel(label);
          if (visible.length === 0) return !result.ok;
          return result.ok && result.value.reasons[1].labels.fr === visible;
        },
      ),
      { numRuns: 500 },
    );
  });
});
