import { afterAll, beforeAll, describe, it } from '@jest/globals';
import assert from 'node:assert/strict';
import { startNashra, type Nashra } from '../helpers/strapi';
import { searchCases, seedSearchCorpus } from '../../scripts/bench/search-cases';

let app: Nashra;

beforeAll(async () => {
  app = await startNashra();
});

afterAll(async () => app?.stop());

describe('benchmark corpus and cases', () => {
  it('seeds published Arabic articles that the search finds across spellings and the stock filter does not', async () => {
    await seedSearchCorpus(app.strapi, 400);
    const all = await app.http().get('/api/articles?locale=ar');
    assert.equal(all.body.meta.pagination.total, 400);
    const cases = searchCases('ar');
    for (const c of cases) {
      const res = await app.http().get(c.path);
      assert.equal(res.status, 200, `${c.name}: ${JSON.stringify(res.body).slice(0, 200)}`);
    }
    const total = async (path: string) => (await app.http().get(path)).body.meta.pagination.total;
    const search = await total(cases.find((c) => c.name === 'search الامن')!.path);
    const stock = await total(cases.find((c) => c.name === '$containsi الامن')!.path);
    assert.ok(search > stock && stock > 0, `search ${search} vs $containsi ${stock}`);
    // Seeded slugs and search columns are what the plugin would write.
    const [row] = await app.strapi.db.query('api::article.article').findMany({ where: { publishedAt: { $notNull: true } }, limit: 1 });
    assert.ok(app.strapi.plugin('arabic').service('slug').isValid(row.slug), row.slug);
  });
});
