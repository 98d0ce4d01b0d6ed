/**
 * The search part of `npm run bench`: a corpus of published Arabic articles and the requests to
 * time on it. The lead's scripts/bench.mjs boots Nashra, calls seedSearchCorpus, then runs each
 * case of searchCases against it (autocannon).
 */
import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { seededRandom } from '../lib/prng';

const ARTICLE = 'api::article.article';

/**
 * Words as news sites spell them: with and without hamza, tashkeel, tatweel, ة/ه, ى/ي, Persian
 * letters and Arabic-Indic digits. The first of each group is the spelling the cases search for;
 * the stock $containsi filter only finds the rows that carry that exact spelling.
 */
const VARIANTS: readonly (readonly string[])[] = [
  ['الامن', 'الأمن', 'الأمنُ', 'الأَمْن', 'الامـن'],
  ['الامطار', 'الأمطار', 'الأمطارُ', 'الأمـطار'],
  ['طنجة', 'طنجه', 'طَنْجَة'],
  ['المستشفى', 'المستشفي', 'المستشفی'],
  ['المغرب', 'المـغـرب', 'المَغْرِب'],
  ['2024', '٢٠٢٤', '۲۰۲۴'],
];
const FILLER = ['تقرير', 'عاجل', 'حصيلة', 'الحكومة', 'تعلن', 'جديد', 'في', 'بعد', 'مدينة', 'الرباط', 'مراكش', 'الاقتصاد', 'الرياضة', 'مؤتمر', 'وزير', 'قرار'];


const pick = <T>(next: () => number, list: readonly T[]): T => list[Math.floor(next() * list.length)]!;

function documentId(): string {
  // Strapi's document ids are 24 lower-case letters and digits (cuid2); any unique string of that shape works.
  return [...randomBytes(24)].map((b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');
}

/**
 * Inserts `count` published Arabic articles (a draft and a published row each, as the Document
 * Service would), in batches straight into the table: 10,000 documents through the Document
 * Service would take minutes. The slugs and the search text come from the arabic plugin's own
 * functions, so the rows are what a real write would store.
 */
export async function seedSearchCorpus(strapi: Core.Strapi, count: number, locale = 'ar'): Promise<void> {
  const meta = strapi.db.metadata.get(ARTICLE);
  const col = (attribute: string): string => (meta.attributes as Record<string, { columnName?: string }>)[attribute]?.columnName ?? attribute;
  // The stock app of the bench gets the same rows (so both apps scan tables of the same size),
  // with ASCII slugs and no search text: it has no arabic plugin.
  const arabic = strapi.plugin('arabic');
  const slugOf = (title: string, id: string, n: number) => (arabic ? `${arabic.service('slug').base(title, id)}-${n}` : `search-${n}`);
  const next = seededRandom(count); // the same corpus on every run
  const start = Date.now() - count * 60_000;
  const batchSize = 200;

  for (let from = 0; from < count; from += batchSize) {
    const rows: Record<string, unknown>[] = [];
    for (let i = from; i < Math.min(count, from + batchSize); i++) {
      const words = Array.from({ length: 4 }, () => pick(next, FILLER));
      const inTitle = pick(next, pick(next, VARIANTS));
      words.splice(Math.floor(next() * words.length), 0, inTitle);
      const title = words.join(' ');
      const bodyText = `${pick(next, FILLER)} ${pick(next, pick(next, VARIANTS))} ${pick(next, FILLER)} ${pick(next, FILLER)}.`;
      const body = [{ type: 'paragraph', children: [{ type: 'text', text: bodyText }] }];
      const id = documentId();
      const at = new Date(start + i * 60_000);
      const base = {
        [col('documentId')]: id,
        [col('title')]: title,
        // Unique by construction (the index), so no lookups: the Document Service path is tested elsewhere.
        [col('slug')]: slugOf(title, id, i + 1),
        [col('body')]: JSON.stringify(body),
        [col('locale')]: locale,
        [col('createdAt')]: at,
        [col('updatedAt')]: at,
      };
      rows.push({ ...base, [col('publishedAt')]: null }, { ...base, [col('publishedAt')]: at });
    }
    await strapi.db.getConnection(meta.tableName).insert(rows);
  }
  // The search text of the new rows, as the boot step makes it for rows written around the Document Service.
  await arabic?.service('search').reindex();
}

export interface SearchCase {
  name: string;
  path: string;
}

/** For each word: Nashra's search, and the stock filter a front end would otherwise use. */
export function searchCases(locale = 'ar'): SearchCase[] {
  const words = ['الامن', 'طنجة', 'المستشفى', '2024'];
  return words.flatMap((word) => {
    const q = encodeURIComponent(word);
    return [
      { name: `search ${word}`, path: `/api/articles/search?q=${q}&locale=${locale}&pagination[pageSize]=10` },
      { name: `$containsi ${word}`, path: `/api/articles?filters[title][$containsi]=${q}&locale=${locale}&pagination[pageSize]=10&sort=publishedAt:desc` },
    ];
  }).concat([
    { name: 'search الامن page 5', path: `/api/articles/search?q=${encodeURIComponent('الامن')}&locale=${locale}&pagination[page]=5&pagination[pageSize]=10` },
  ]);
}
