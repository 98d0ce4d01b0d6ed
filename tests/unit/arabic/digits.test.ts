import { describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { toAsciiDigits } from '../../../plugins/arabic/server/src/text/index';

describe('toAsciiDigits', () => {
  for (let d = 0; d <= 9; d++) {
    it(`converts Arabic-Indic ${String.fromCodePoint(0x0660 + d)} and Extended ${String.fromCodePoint(0x06f0 + d)} to ${d}`, () => {
      assert.equal(toAsciiDigits(String.fromCodePoint(0x0660 + d)), String(d));
      assert.equal(toAsciiDigits(String.fromCodePoint(0x06f0 + d)), String(d));
    });
  }

  it('converts whole numbers in both sets and in mixed text', () => {
    assert.equal(toAsciiDigits('٠٥ - ٠٢ - ٢٠١٥'), '05 - 02 - 2015');
    assert.equal(toAsciiDigits('۱۴۰۳/۰۱/۲۵'), '1403/01/25');
    assert.equal(toAsciiDigits('نحو ١٥٠٠ كلم و11 مركزا'), 'نحو 1500 كلم و11 مركزا');
  });

  it('transliterates ٫ to ".", ٬ to "," and ٪ to "%"', () => {
    assert.equal(toAsciiDigits('٤٫٨٢٪'), '4.82%');
    assert.equal(toAsciiDigits('١٬٥٠٠٬٠٠٠'), '1,500,000');
    assert.equal(toAsciiDigits('٪٣٥'), '%35');
  });

  it('changes nothing else', () => {
    const untouched = 'المغرب، فرنسا؛ لماذا؟ «داعش» 2025 4.82% ab-CD ٭ ۽ ०१२ ０１２ ¹²³ \u200F';
    assert.equal(toAsciiDigits(untouched), untouched);
    assert.equal(toAsciiDigits(''), '');
    assert.equal(toAsciiDigits('اَلْمَغْرِب'), 'اَلْمَغْرِب');
  });

  it('is idempotent', () => {
    const once = toAsciiDigits('٢٠٢٤ ۱۴۰۳ ٤٫٥٪ ١٬٥٠٠');
    assert.equal(toAsciiDigits(once), once);
  });
});
