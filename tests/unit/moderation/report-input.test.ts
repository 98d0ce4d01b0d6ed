import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import fc from 'fast-check';
import { DEFAULT_REASONS, MAX_COMMENT_LENGTH, parseReportInput, type ReportReason } from '../../../plugins/moderation/server/src/domain';

const DOC_ID = 'k3j4h5g6f7d8s9a0qwertyui';
const body = (data: Record<string, unknown>) => ({ data: { file: 12, reason: 'violence', ...data } });
const parse = (input: unknown, reasons: readonly ReportReason[] = DEFAULT_REASONS) => parseReportInput(input, reasons);

function accepted(input: unknown) {
  const result = parse(input);
  assert.ok(result.ok, `expected acceptance, got ${JSON.stringify(!result.ok && result.errors)}`);
  return result.value;
}

describe('parseReportInput accepts', () => {
  it('a numeric id', () => assert.deepEqual(accepted(body({})), { file: { id: 12 }, reason: 'violence' }));
  it('a numeric string id', () => assert.deepEqual(accepted(body({ file: '12' })).file, { id: 12 }));
  it('the largest safe id', () => assert.deepEqual(accepted(body({ file: Number.MAX_SAFE_INTEGER })).file, { id: Number.MAX_SAFE_INTEGER }));
  it('a documentId', () => assert.deepEqual(accepted(body({ file: DOC_ID })).file, { documentId: DOC_ID }));
  it('a 10-character documentId', () => assert.deepEqual(accepted(body({ file: 'abcde12345' })).file, { documentId: 'abcde12345' }));
  it('every configured reason', () => {
    for (const { code } of DEFAULT_REASONS) assert.equal(accepted(body({ reason: code })).reason, code);
  });
  it('a comment, trimmed', () => assert.equal(accepted(body({ comment: '  صورة مفبركة  ' })).comment, 'صورة مفبركة'));
  it('a comment with \\r\\n line endings, made \\n', () => assert.equal(accepted(body({ comment: 'a\r\nb\rc\nd' })).comment, 'a\nb\nc\nd'));
  it('a comment with tabs, made spaces', () => assert.equal(accepted(body({ comment: 'a\tb' })).comment, 'a b'));
  it('a comment with bidi marks, stored without them', () => assert.equal(accepted(body({ comment: 'نص\u200F ok' })).comment, 'نص ok'));
  it('a null comment as none', () => assert.equal('comment' in accepted(body({ comment: null })), false));
  it('an empty comment as none', () => assert.equal('comment' in accepted(body({ comment: '' })), false));
  it('a blank comment as none', () => assert.equal('comment' in accepted(body({ comment: ' \n\t ' })), false));
  it(`a comment of exactly ${MAX_COMMENT_LENGTH} characters`, () => {
    assert.equal(accepted(body({ comment: 'ب'.repeat(MAX_COMMENT_LENGTH) })).comment?.length, MAX_COMMENT_LENGTH);
  });
  it('500 emoji: length counts characters, not UTF-16 units', () => {
    assert.equal([...(accepted(body({ comment: '📷'.repeat(500) })).comment ?? '')].length, 500);
  });
  it('500 characters once surrounding spaces are trimmed', () => {
    assert.ok(accepted(body({ comment: `   ${'a'.repeat(500)}   ` })).comment);
  });
  it('a body parsed from JSON with a null-prototype data object', () => {
    const data = Object.assign(Object.create(null), { file: 5, reason: 'other' });
    assert.deepEqual(accepted({ data }), { file: { id: 5 }, reason: 'other' });
  });
  it('a reason from a configured list', () => {
    const reasons: ReportReason[] = [{ code: 'spam', labels: { ar: 'مزعج', fr: 'Spam', en: 'Spam' } }];
    const result = parse(body({ reason: 'spam' }), reasons);
    assert.ok(result.ok);
    assert.equal(result.value.reason, 'spam');
  });
  it('and returns only the known fields', () => {
    assert.deepEqual(Object.keys(accepted(body({ comment: 'x' }))).sort(), ['comment', 'file', 'reason']);
  });
});

describe('parseReportInput rejects', () => {
  const withData = (data: unknown) => ({ data });
  const malformed: Array<[string, unknown, string]> = [
    ['no body', undefined, 'body'],
    ['null', null, 'body'],
    ['a string', 'file=12&reason=violence', 'body'],
    ['a number', 42, 'body'],
    ['a boolean', true, 'body'],
    ['an array', [], 'body'],
    ['an array of bodies', [body({})], 'body'],
    ['a Map', new Map([['data', {}]]), 'body'],
    ['an empty object', {}, 'data'],
    ['data null', withData(null), 'data'],
    ['data an array', withData([12, 'violence']), 'data'],
    ['data a string', withData('12'), 'data'],
    ['data a number', withData(12), 'data'],
    ['an extra top-level key', { ...body({}), meta: {} }, 'meta'],
    ['a top-level __proto__ key', JSON.parse('{"data":{"file":1,"reason":"other"},"__proto__":{"admin":true}}'), '__proto__'],
    ['an extra data key', body({ status: 'hidden' }), 'data.status'],
    ['a data constructor key', JSON.parse('{"data":{"file":1,"reason":"other","constructor":{"prototype":{"x":1}}}}'), 'data.constructor'],
    ['a missing file', { data: { reason: 'violence' } }, 'data.file'],
    ['file null', body({ file: null }), 'data.file'],
    ['file true', body({ file: true }), 'data.file'],
    ['file false', body({ file: false }), 'data.file'],
    ['file 0', body({ file: 0 }), 'data.file'],
    ['file -1', body({ file: -1 }), 'data.file'],
    ['file 1.5', body({ file: 1.5 }), 'data.file'],
    ['file NaN', body({ file: Number.NaN }), 'data.file'],
    ['file Infinity', body({ file: Infinity }), 'data.file'],
    ['file beyond safe integers', body({ file: 2 ** 53 }), 'data.file'],
    ["file '0'", body({ file: '0' }), 'data.file'],
    ["file '-1'", body({ file: '-1' }), 'data.file'],
    ["file '1.5'", body({ file: '1.5' }), 'data.file'],
    ["file '007'", body({ file: '007' }), 'data.file'],
    ["file ' 5'", body({ file: ' 5' }), 'data.file'],
    ["file '5 '", body({ file: '5 ' }), 'data.file'],
    ["file '1e3'", body({ file: '1e3' }), 'data.file'],
    ["file '0x1f'", body({ file: '0x1f' }), 'data.file'],
    ['file an empty string', body({ file: '' }), 'data.file'],
    ['file a 17-digit string', body({ file: '99999999999999999' }), 'data.file'],
    ['file an upper-case documentId', body({ file: DOC_ID.toUpperCase() }), 'data.file'],
    ['file a 9-character documentId', body({ file: 'abcde1234' }), 'data.file'],
    ['file a 33-character documentId', body({ file: 'a'.repeat(33) }), 'data.file'],
    ['file a documentId with a hyphen', body({ file: 'abcde-12345' }), 'data.file'],
    ['file a documentId with a quote', body({ file: "abcdefghij'--" }), 'data.file'],
    ['file a megabyte string', body({ file: 'a'.repeat(1_000_000) }), 'data.file'],
    ['file {"$ne": null}', body({ file: { $ne: null } }), 'data.file'],
    ['file {"$gt": 0}', body({ file: { $gt: 0 } }), 'data.file'],
    ['file {"id": 5}', body({ file: { id: 5 } }), 'data.file'],
    ['file {"documentId": ...}', body({ file: { documentId: DOC_ID } }), 'data.file'],
    ['file [5]', body({ file: [5] }), 'data.file'],
    ['file a bigint-like object', body({ file: { valueOf: () => 5 } }), 'data.file'],
    ['a missing reason', { data: { file: 12 } }, 'data.reason'],
    ['an unknown reason', body({ reason: 'boring' }), 'data.reason'],
    ['a reason in the wrong case', body({ reason: 'Violence' }), 'data.reason'],
    ['a reason with spaces', body({ reason: ' violence' }), 'data.reason'],
    ['a reason label instead of code', body({ reason: 'محتوى عنيف أو صادم' }), 'data.reason'],
    ['a numeric reason', body({ reason: 1 }), 'data.reason'],
    ['a null reason', body({ reason: null }), 'data.reason'],
    ['a reason operator', body({ reason: { $in: ['violence'] } }), 'data.reason'],
    ['a reason array', body({ reason: ['violence'] }), 'data.reason'],
    ['a huge reason', body({ reason: 'v'.repeat(100_000) }), 'data.reason'],
    ['a numeric comment', body({ comment: 5 }), 'data.comment'],
    ['a boolean comment', body({ comment: true }), 'data.comment'],
    ['an object comment', body({ comment: { text: 'x' } }), 'data.comment'],
    ['an array comment', body({ comment: ['x'] }), 'data.comment'],
    ['a 501-character comment', body({ comment: 'a'.repeat(501) }), 'data.comment'],
    ['a 501-character Arabic comment', body({ comment: 'ع'.repeat(501) }), 'data.comment'],
    ['a megabyte comment', body({ comment: 'a'.repeat(1_000_000) }), 'data.comment'],
    ['a comment with NUL', body({ comment: 'a\u0000b' }), 'data.comment'],
    ['a comment with BEL', body({ comment: 'hi\u0007there' }), 'data.comment'],
    ['a comment starting with a vertical tab', body({ comment: '\u000bhello' }), 'data.comment'],
    ['a comment ending with a form feed', body({ comment: 'hello\u000c' }), 'data.comment'],
    ['a comment with an ANSI escape', body({ comment: 'x\u001b[31mred' }), 'data.comment'],
    ['a comment with DEL', body({ comment: 'ok\u007f' }), 'data.comment'],
    ['a comment with a C1 control', body({ comment: 'ok\u0085' }), 'data.comment'],
    ['a comment with a lone high surrogate', body({ comment: 'ok\ud800' }), 'data.comment'],
    ['a comment with a lone low surrogate', body({ comment: '\udc00ok' }), 'data.comment'],
  ];

  for (const [name, input, path] of malformed) {
    it(`${name} (${path})`, () => {
      const result = parse(input);
      assert.equal(result.ok, false);
      if (result.ok) return;
      for (const e of result.errors) {
        assert.ok(typeof e.path === 'string' && e.path.length > 0, 'every error names a path');
        assert.ok(typeof e.message === 'string' && e.message.length > 0);
        assert.ok(e.path.length <= 80 && e.message.length <= 300, 'errors stay small whatever the input');
      }
      assert.ok(
        result.errors.some((e) => e.path === path),
        `expected an error at ${path}, got ${JSON.stringify(result.errors)}`,
      );
    });
  }

  it(`has at least 50 malformed bodies (${malformed.length})`, () => assert.ok(malformed.length >= 50));

  it('reports every problem in the data at once', () => {
    const result = parse({ data: { file: 0, reason: 'x', comment: 5, extra: 1 } });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors.map((e) => e.path).sort(), ['data.comment', 'data.extra', 'data.file', 'data.reason']);
  });

  it('lists the allowed reasons in the message', () => {
    const result = parse(body({ reason: 'boring' }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.match(result.errors[0].message, /violence, nudity, hate, misleading, copyright, privacy, other/);
  });

  it('rejects a default reason that the configured list does not have', () => {
    const reasons: ReportReason[] = [{ code: 'spam', labels: { ar: 'مزعج', fr: 'Spam', en: 'Spam' } }];
    assert.equal(parse(body({ reason: 'violence' }), reasons).ok, false);
  });

  it('caps the number of errors for a body with thousands of keys', () => {
    const data: Record<string, unknown> = { file: 1, reason: 'other' };
    for (let i = 0; i < 5000; i++) data[`k${i}`] = i;
    const result = parse({ data });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(result.errors.length <= 10, `${result.errors.length} errors`);
  });

  it('checks the size of a huge comment before reading its content', () => {
    const result = parse(body({ comment: `\u0000${'a'.repeat(1_000_000)}` }));
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors, [{ path: 'data.comment', message: `must be at most ${MAX_COMMENT_LENGTH} characters` }]);
  });

  it('shortens a very long unknown key in the path', () => {
    const result = parse({ data: { file: 1, reason: 'other', ['k'.repeat(10_000)]: 1 } });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.ok(result.errors[0].path.length < 80);
  });
});

/**
 * Written out here on purpose, apart from the implementation's table: the characters that
 * reorder or hide text on the review desk. Bidi embeddings, overrides, isolates and marks,
 * then the rest of Unicode's default-ignorable set (zero-width, joiners, BOM, tags,
 * variation selectors, Hangul fillers).
 */
const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
const HIDDEN = /[\p{Default_Ignorable_Code_Point}\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const invisible = fc.oneof(
  fc.constantFrom(...BIDI, '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u180E', '\u3164', '\uFE0F', '\u{E0041}', '\u{E007F}'),
  fc.stringMatching(/^\p{Default_Ignorable_Code_Point}$/u),
);
/** Visible text: letters of any script, digits, punctuation, spaces and new lines; no controls. */
const visibleChar = fc.oneof(
  fc.constantFrom(...'ابتثجحخدذرزسشصضطظعغفقكلمنهوي ٠١٢ abcXYZ 123 .,!?-«» \n'),
  fc.stringMatching(/^[\p{L}\p{N}\p{P}\p{S}]$/u),
);

describe('comments are stored without bidi controls and invisible characters', () => {
  it('any mix of visible text and invisible characters keeps exactly the visible text', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(visibleChar, fc.array(invisible, { maxLength: 3 })), { maxLength: 120 }), (parts) => {
        const comment = parts.map(([v, inv]) => inv.join('') + v).join('');
        const visible = parts.map(([v]) => v).join('').replace(/\r\n?/g, '\n').trim();
        const result = parse(body({ comment }));
        if ([...visible].length > MAX_COMMENT_LENGTH) return !result.ok;
        assert.ok(result.ok, JSON.stringify(!result.ok && result.errors));
        assert.equal(result.value.comment ?? '', visible);
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('no accepted comment, whatever was sent, holds one', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (comment) => {
        const result = parse(body({ comment }));
        return !result.ok || result.value.comment === undefined || !HIDDEN.test(result.value.comment);
      }),
      { numRuns: 2000 },
    );
  });

  it('an override cannot turn the desk around: "‮gpj.exe" is stored as the letters it shows', () => {
    assert.equal(accepted(body({ comment: 'انظر \u202Eexe.gpj\u202C هنا' })).comment, 'انظر exe.gpj هنا');
    assert.equal(accepted(body({ comment: '\u2067rtl\u2069 \u2066ltr' })).comment, 'rtl ltr');
  });

  it('a comment of invisible characters only is no comment', () => {
    assert.equal('comment' in accepted(body({ comment: '\u200F\u202E\u200B\uFEFF' })), false);
  });

  it('line and paragraph separators become new lines', () => {
    assert.equal(accepted(body({ comment: 'a\u2028b\u2029c' })).comment, 'a\nb\nc');
  });
});
