import { describe, it, jest } from '@jest/globals';
import assert from 'node:assert/strict';
import { attributionLabel, formatAttributionDate, parseArabicDate } from '../../../plugins/arabic/server/src/text/index';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

describe('formatAttributionDate: Gregorian', () => {
  it('formats dd - MM - yyyy with Latin digits in Africa/Casablanca by default', () => {
    assert.equal(formatAttributionDate('2015-02-05T10:00:00Z'), '05 - 02 - 2015');
    assert.equal(formatAttributionDate(new Date(Date.UTC(2015, 1, 5, 10))), '05 - 02 - 2015');
    assert.equal(formatAttributionDate('2025-12-31T12:00:00Z'), '31 - 12 - 2025');
  });

  it('lands on the local day near midnight UTC', () => {
    const lateUtc = '2015-02-04T22:30:00Z';
    assert.equal(formatAttributionDate(lateUtc, { timeZone: 'Asia/Riyadh' }), '05 - 02 - 2015');
    assert.equal(formatAttributionDate(lateUtc), '04 - 02 - 2015');
    assert.equal(formatAttributionDate('2015-02-05T00:30:00Z', { timeZone: 'America/New_York' }), '04 - 02 - 2015');
  });

  it("uses Morocco's summer and Ramadan offsets", () => {
    // 2024-04-20 is after Ramadan (UTC+1): 23:30Z is already the 21st in Casablanca.
    assert.equal(formatAttributionDate('2024-04-20T23:30:00Z'), '21 - 04 - 2024');
    // 2024-03-20 is in Ramadan (UTC+0): 23:30Z is still the 20th.
    assert.equal(formatAttributionDate('2024-03-20T23:30:00Z'), '20 - 03 - 2024');
  });

  it('reads a date-only string as that calendar day in any zone', () => {
    assert.equal(formatAttributionDate('2015-02-05'), '05 - 02 - 2015');
    assert.equal(formatAttributionDate('2015-02-05', { timeZone: 'America/Los_Angeles' }), '05 - 02 - 2015');
    assert.equal(formatAttributionDate('2015-02-05', { timeZone: 'Pacific/Kiritimati' }), '05 - 02 - 2015');
  });

  it('writes Arabic-Indic digits on request', () => {
    assert.equal(formatAttributionDate('2015-02-05T10:00:00Z', { numberingSystem: 'arab' }), '٠٥ - ٠٢ - ٢٠١٥');
  });

  it('does not depend on the locale', () => {
    for (const locale of ['ar', 'fr', 'en'] as const) {
      assert.equal(formatAttributionDate('2015-02-05T10:00:00Z', { locale }), '05 - 02 - 2015');
    }
  });
});

describe('formatAttributionDate: Hijri (Umm al-Qura)', () => {
  const day = '2015-02-05T10:00:00Z';

  it('formats dd month yyyy هـ with Latin digits by default', () => {
    assert.equal(formatAttributionDate(day, { calendar: 'islamic-umalqura' }), '16 ربيع الآخر 1436 هـ');
  });

  it('formats with Arabic-Indic digits', () => {
    assert.equal(formatAttributionDate(day, { calendar: 'islamic-umalqura', numberingSystem: 'arab' }), '١٦ ربيع الآخر ١٤٣٦ هـ');
  });

  it('applies the day offset, across a month boundary too', () => {
    assert.equal(formatAttributionDate(day, { calendar: 'islamic-umalqura', hijriDayOffset: 1 }), '17 ربيع الآخر 1436 هـ');
    assert.equal(formatAttributionDate(day, { calendar: 'islamic-umalqura', hijriDayOffset: -2, numberingSystem: 'arab' }), '١٤ ربيع الآخر ١٤٣٦ هـ');
    assert.equal(formatAttributionDate('2024-03-11T12:00:00Z', { calendar: 'islamic-umalqura' }), '01 رمضان 1445 هـ');
    assert.equal(formatAttributionDate('2024-03-11T12:00:00Z', { calendar: 'islamic-umalqura', hijriDayOffset: -1 }), '29 شعبان 1445 هـ');
    assert.equal(formatAttributionDate('2024-03-10T12:00:00Z', { calendar: 'islamic-umalqura', hijriDayOffset: 1 }), '01 رمضان 1445 هـ');
  });

  it('ignores the offset for the Gregorian calendar', () => {
    assert.equal(formatAttributionDate(day, { hijriDayOffset: 1 }), '05 - 02 - 2015');
  });

  it('uses the time zone', () => {
    const t = '2024-03-10T21:30:00Z';
    assert.equal(formatAttributionDate(t, { calendar: 'islamic-umalqura', timeZone: 'Asia/Riyadh' }), '01 رمضان 1445 هـ');
    assert.equal(formatAttributionDate(t, { calendar: 'islamic-umalqura' }), '29 شعبان 1445 هـ');
  });

  it('names the month and era in French and English', () => {
    assert.equal(formatAttributionDate(day, { calendar: 'islamic-umalqura', locale: 'fr' }), '16 rabia ath-thani 1436 AH');
    assert.equal(formatAttributionDate(day, { calendar: 'islamic-umalqura', locale: 'en' }), '16 Rabiʻ II 1436 AH');
  });
});

describe('formatAttributionDate: errors and Intl usage', () => {
  it('throws RangeError on an invalid date, zone or option', () => {
    assert.throws(() => formatAttributionDate('not a date'), RangeError);
    assert.throws(() => formatAttributionDate(new Date(Number.NaN)), RangeError);
    assert.throws(() => formatAttributionDate('2015-02-30'), RangeError);
    assert.throws(() => formatAttributionDate('2015-02-05T10:00:00Z', { timeZone: 'Mars/Olympus' }), RangeError);
    assert.throws(() => formatAttributionDate('2015-02-05T10:00:00Z', { calendar: 'islamic' as 'gregory' }), RangeError);
    assert.throws(() => formatAttributionDate('2015-02-05T10:00:00Z', { numberingSystem: 'thai' as 'latn' }), RangeError);
    assert.throws(() => formatAttributionDate('2015-02-05T10:00:00Z', { locale: 'de' as 'fr' }), RangeError);
    assert.throws(() => formatAttributionDate('2015-02-05T10:00:00Z', { calendar: 'islamic-umalqura', hijriDayOffset: 0.5 }), RangeError);
  });

  it('names the numbering system in every Intl.DateTimeFormat it creates', () => {
    const locales: unknown[] = [];
    const Real = Intl.DateTimeFormat;
    const spy = jest.spyOn(Intl, 'DateTimeFormat').mockImplementation(function (locale?: string | string[], options?: Intl.DateTimeFormatOptions) {
      locales.push(locale);
      return new Real(locale, options);
    } as typeof Intl.DateTimeFormat);
    // A zone nothing else uses, so no cached formatter hides a call.
    const timeZone = 'Pacific/Chatham';
    try {
      formatAttributionDate('2015-02-05T10:00:00Z', { timeZone });
      formatAttributionDate('2015-02-05T10:00:00Z', { timeZone, calendar: 'islamic-umalqura', numberingSystem: 'arab' });
      formatAttributionDate('2015-02-05', { timeZone });
      attributionLabel({ sourceName: 'اليوم 24', date: '2015-02-05', locale: 'fr', timeZone });
      parseArabicDate('05 - 02 - 2015 10:30', { timeZone });
    } finally {
      spy.mockRestore();
    }
    // Gregorian ar-latn, Hijri ar-arab and the zone's wall clock: the repeats come from the cache.
    assert.ok(locales.length >= 3, String(locales.length));
    for (const l of locales) assert.match(String(l), /-u-(?:.*-)?nu-(?:latn|arab)\b/);
  });
});

describe('attributionLabel', () => {
  const date = '2015-02-05T10:00:00Z';

  it('builds the seed page line in Arabic', () => {
    assert.equal(attributionLabel({ sourceName: 'اليوم 24', date, locale: 'ar' }), 'نشر في اليوم 24 يوم 05 - 02 - 2015');
  });

  it('builds it in French and English', () => {
    assert.equal(attributionLabel({ sourceName: 'Le360', date, locale: 'fr' }), 'Publié dans Le360 le 05 - 02 - 2015');
    assert.equal(attributionLabel({ sourceName: 'Hespress', date, locale: 'en' }), 'Published in Hespress on 05 - 02 - 2015');
  });

  it('uses the time zone', () => {
    assert.equal(
      attributionLabel({ sourceName: 'اليوم 24', date: '2015-02-04T22:30:00Z', locale: 'ar', timeZone: 'Asia/Riyadh' }),
      'نشر في اليوم 24 يوم 05 - 02 - 2015',
    );
    assert.equal(attributionLabel({ sourceName: 'اليوم 24', date: new Date('2015-02-04T22:30:00Z'), locale: 'ar' }), 'نشر في اليوم 24 يوم 04 - 02 - 2015');
  });

  it('leaves the date out when it is missing or invalid', () => {
    assert.equal(attributionLabel({ sourceName: 'اليوم 24', locale: 'ar' }), 'نشر في اليوم 24');
    assert.equal(attributionLabel({ sourceName: 'اليوم 24', date: null, locale: 'ar' }), 'نشر في اليوم 24');
    assert.equal(attributionLabel({ sourceName: 'Le360', date: '', locale: 'fr' }), 'Publié dans Le360');
    assert.equal(attributionLabel({ sourceName: 'Hespress', date: 'garbage', locale: 'en' }), 'Published in Hespress');
  });

  it('returns null without a source name', () => {
    assert.equal(attributionLabel({ date, locale: 'ar' }), null);
    assert.equal(attributionLabel({ sourceName: null, date, locale: 'fr' }), null);
    assert.equal(attributionLabel({ sourceName: '  \n ', date, locale: 'en' }), null);
  });

  it('trims the source name', () => {
    assert.equal(attributionLabel({ sourceName: '  هسبريس ', date, locale: 'ar' }), 'نشر في هسبريس يوم 05 - 02 - 2015');
  });

  it('rejects an unknown locale', () => {
    assert.throws(() => attributionLabel({ sourceName: 'x', date, locale: 'de' as 'ar' }), RangeError);
  });
});

describe('parseArabicDate: numeric forms', () => {
  const feb5 = '2015-02-05T00:00:00.000Z'; // Casablanca was UTC+0 in February 2015
  for (const text of ['05 - 02 - 2015', '5/2/2015', '05/02/2015', '5-2-2015', '05.02.2015', '2015-02-05', '2015/02/05', ' 05 - 02 - 2015 ']) {
    it(`parses "${text}"`, () => assert.equal(iso(parseArabicDate(text)), feb5));
  }

  it('parses both Arabic digit sets', () => {
    assert.equal(iso(parseArabicDate('٠٥ - ٠٢ - ٢٠١٥')), feb5);
    assert.equal(iso(parseArabicDate('۵/۲/۲۰۱۵')), feb5);
    assert.equal(iso(parseArabicDate('٢٠١٥-٠٢-٠٥')), feb5);
    assert.equal(iso(parseArabicDate('٥ فبراير ٢٠١٥ ١٠:٣٠')), '2015-02-05T10:30:00.000Z');
  });

  it('parses ISO with time and offset', () => {
    assert.equal(iso(parseArabicDate('2015-02-05T10:30:00Z')), '2015-02-05T10:30:00.000Z');
    assert.equal(iso(parseArabicDate('2015-02-05T10:30:00+03:00')), '2015-02-05T07:30:00.000Z');
    assert.equal(iso(parseArabicDate('2015-02-05T10:30:00.250-0500')), '2015-02-05T15:30:00.000Z');
    assert.equal(iso(parseArabicDate('2015-02-05 10:30')), '2015-02-05T10:30:00.000Z');
    assert.equal(iso(parseArabicDate('2015-02-05T10:30', { timeZone: 'Asia/Riyadh' })), '2015-02-05T07:30:00.000Z');
  });
});

describe('parseArabicDate: month names', () => {
  const families: Record<string, string[]> = {
    Maghreb: ['يناير', 'فبراير', 'مارس', 'أبريل', 'ماي', 'يونيو', 'يوليوز', 'غشت', 'شتنبر', 'أكتوبر', 'نونبر', 'دجنبر'],
    Egyptian: ['يناير', 'فبراير', 'مارس', 'أبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
    Levantine: ['كانون الثاني', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين الأول', 'تشرين الثاني', 'كانون الأول'],
    'Algerian/Tunisian': ['جانفي', 'فيفري', 'مارس', 'أفريل', 'ماي', 'جوان', 'جويلية', 'أوت', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر'],
  };
  for (const [family, names] of Object.entries(families)) {
    it(`reads all twelve ${family} months`, () => {
      names.forEach((name, i) => {
        const month = String(i + 1).padStart(2, '0');
        // 15th at noon: clear of any offset change, so the UTC date is the local one.
        assert.equal(parseArabicDate(`15 ${name} 2023 12:00`)?.toISOString().slice(0, 10), `2023-${month}-15`, name);
      });
    });
  }

  it('reads hamza-less and other spellings', () => {
    const cases: [string, string][] = [
      ['ابريل', '04'], ['إبريل', '04'], ['اغسطس', '08'], ['اكتوبر', '10'], ['اذار', '03'], ['ايار', '05'],
      ['ايلول', '09'], ['اب', '08'], ['افريل', '04'], ['اوت', '08'], ['تشرين الاول', '10'], ['كانون الاول', '12'],
      ['يونيه', '06'], ['يوليه', '07'], ['مايس', '05'], ['جويليه', '07'],
    ];
    for (const [name, month] of cases) {
      assert.equal(parseArabicDate(`15 ${name} 2023 12:00`)?.toISOString().slice(0, 10), `2023-${month}-15`, name);
    }
  });

  it('tolerates tashkeel, tatweel and Arabic punctuation', () => {
    assert.equal(iso(parseArabicDate('الخميسُ، 5 فبـرايـر 2015')), '2015-02-05T00:00:00.000Z');
    assert.equal(iso(parseArabicDate('5 شُبَاط، 2015')), '2015-02-05T00:00:00.000Z');
  });

  it('accepts "م" or "ميلادي" after the year', () => {
    assert.equal(iso(parseArabicDate('5 فبراير 2015م')), '2015-02-05T00:00:00.000Z');
    assert.equal(iso(parseArabicDate('5 فبراير 2015 ميلادي')), '2015-02-05T00:00:00.000Z');
  });
});

describe('parseArabicDate: weekdays and time', () => {
  for (const weekday of ['الأحد', 'الاثنين', 'الإثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت', 'الاحد', 'الاربعاء', 'يوم الخميس']) {
    it(`skips the prefix "${weekday}"`, () => {
      assert.equal(iso(parseArabicDate(`${weekday} 05 فبراير 2015`)), '2015-02-05T00:00:00.000Z');
      assert.equal(iso(parseArabicDate(`${weekday}، 05 - 02 - 2015`)), '2015-02-05T00:00:00.000Z');
    });
  }

  it('reads a 24-hour time before or after the date', () => {
    assert.equal(iso(parseArabicDate('الخميس 5 فبراير 2015 10:30')), '2015-02-05T10:30:00.000Z');
    assert.equal(iso(parseArabicDate('05 - 02 - 2015 - 23:59:58')), '2015-02-05T23:59:58.000Z');
    assert.equal(iso(parseArabicDate('10:30 الخميس 5 فبراير 2015')), '2015-02-05T10:30:00.000Z');
    assert.equal(iso(parseArabicDate('5 فبراير 2015 00:00')), '2015-02-05T00:00:00.000Z');
  });

  it('reads a 12-hour time with ص / م', () => {
    assert.equal(iso(parseArabicDate('5 فبراير 2015 10:30 م')), '2015-02-05T22:30:00.000Z');
    assert.equal(iso(parseArabicDate('5 فبراير 2015 10:30 ص')), '2015-02-05T10:30:00.000Z');
    assert.equal(iso(parseArabicDate('5 فبراير 2015 12:15 صباحا')), '2015-02-05T00:15:00.000Z');
    assert.equal(iso(parseArabicDate('5 فبراير 2015 12:15 مساءً')), '2015-02-05T12:15:00.000Z');
    assert.equal(iso(parseArabicDate('5 فبراير 2015 ٠٨:٠٥ PM')), '2015-02-05T20:05:00.000Z');
  });
});

describe('parseArabicDate: time zones', () => {
  it('reads the wall clock in the given zone', () => {
    assert.equal(iso(parseArabicDate('05 - 02 - 2015', { timeZone: 'Asia/Riyadh' })), '2015-02-04T21:00:00.000Z');
    assert.equal(iso(parseArabicDate('05 - 02 - 2015 10:30', { timeZone: 'UTC' })), '2015-02-05T10:30:00.000Z');
  });

  it("follows Morocco's summer time and its Ramadan suspension", () => {
    assert.equal(iso(parseArabicDate('15 مارس 2024 12:00')), '2024-03-15T12:00:00.000Z'); // Ramadan: UTC+0
    assert.equal(iso(parseArabicDate('20 أبريل 2024 12:00')), '2024-04-20T11:00:00.000Z'); // after: UTC+1
    assert.equal(iso(parseArabicDate('1 يوليوز 2015 12:00')), '2015-07-01T12:00:00.000Z'); // Ramadan 2015: UTC+0
    assert.equal(iso(parseArabicDate('1 غشت 2015 12:00')), '2015-08-01T11:00:00.000Z'); // summer 2015: UTC+1
  });

  it('takes the earlier instant for a repeated wall time and pushes a skipped one forward', () => {
    // 2024-03-10 03:00 (UTC+1) -> 02:00 (UTC+0): 02:30 happens twice.
    assert.equal(iso(parseArabicDate('10 مارس 2024 02:30')), '2024-03-10T01:30:00.000Z');
    // 2024-04-14 02:00 (UTC+0) -> 03:00 (UTC+1): 02:30 does not exist, read as 03:30 local.
    assert.equal(iso(parseArabicDate('14 أبريل 2024 02:30')), '2024-04-14T02:30:00.000Z');
    assert.equal(iso(parseArabicDate('14 أبريل 2024 03:30')), '2024-04-14T02:30:00.000Z');
    assert.equal(iso(parseArabicDate('14 أبريل 2024 01:59')), '2024-04-14T01:59:00.000Z');
  });

  it('throws on an unknown time zone', () => {
    assert.throws(() => parseArabicDate('05 - 02 - 2015', { timeZone: 'Mars/Olympus' }), RangeError);
  });
});

describe('parseArabicDate: invalid input', () => {
  const invalid = [
    '31 - 02 - 2015', '29 - 02 - 2015', '31 أبريل 2015', '00 - 02 - 2015', '05 - 13 - 2015', '05 - 00 - 2015',
    '2015-13-05', '2015-02-30', '2015-02-05T24:00', '0099-02-05', '5/2/15', '05 - 02 - 0999', 'garbage', '', '   ',
    '5 فبرير 2015', '16 ربيع الآخر 1436', '5 فبراير', 'فبراير 2015', '5 فبراير 2015 25:00', '5 فبراير 2015 10:60',
    '5 فبراير 2015 13:00 م', '5 فبراير 2015 صحيفة', '5 فبراير 2015 6 مارس 2015', '05 - 02 - 2015 10:30 11:30',
    'الخميس', '123456789',
  ];
  for (const text of invalid) {
    it(`returns null for ${JSON.stringify(text)}`, () => assert.equal(parseArabicDate(text), null));
  }

  it('accepts 29 February in a leap year', () => {
    assert.equal(iso(parseArabicDate('29 - 02 - 2016')), '2016-02-29T00:00:00.000Z');
  });

  it('returns null for a non-string at run time', () => {
    assert.equal(parseArabicDate(null as unknown as string), null);
    assert.equal(parseArabicDate(20150205 as unknown as string), null);
  });
});

describe('dates round trip', () => {
  it('parses what formatAttributionDate prints, in both digit sets', () => {
    for (const t of ['2015-02-05T00:00:00.000Z', '2024-03-15T00:00:00.000Z', '2025-12-31T00:00:00.000Z']) {
      const opts = { timeZone: 'UTC' };
      assert.equal(iso(parseArabicDate(formatAttributionDate(t, opts), opts)), t);
      assert.equal(iso(parseArabicDate(formatAttributionDate(t, { ...opts, numberingSystem: 'arab' }), opts)), t);
    }
  });
});

describe('formatters are built once, not per call', () => {
  it('formats 300 dates in 3 zones and 2 calendars with a handful of Intl.DateTimeFormat', () => {
    const Original = Intl.DateTimeFormat;
    let built = 0;
    const Counting = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      built++;
      return new Original(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Counting.supportedLocalesOf = Original.supportedLocalesOf;
    (Intl as { DateTimeFormat: typeof Intl.DateTimeFormat }).DateTimeFormat = Counting;
    try {
      const zones = ['Africa/Casablanca', 'Asia/Riyadh', 'America/New_York'];
      for (let i = 0; i < 300; i++) {
        const timeZone = zones[i % 3]!;
        const date = new Date(Date.UTC(2024, 0, 1) + i * 3_600_000);
        formatAttributionDate(date, { timeZone, calendar: i % 2 ? 'gregory' : 'islamic-umalqura' });
        attributionLabel({ sourceName: 'هسبريس', date, locale: 'ar', timeZone });
      }
    } finally {
      (Intl as { DateTimeFormat: typeof Intl.DateTimeFormat }).DateTimeFormat = Original;
    }
    assert.ok(built <= 12, `${built} formatters built for 600 dates`);
  });
});
