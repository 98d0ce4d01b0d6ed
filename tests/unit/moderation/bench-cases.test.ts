import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { benchReaderIp, moderationReportCase } from '../../../scripts/bench/moderation-cases';
import { DEFAULT_REASONS, canonicalIp, parseReportInput } from '../../../plugins/moderation/server/src/domain';

describe('moderation bench case', () => {
  it('gives every request its own reader and a valid report body', () => {
    const bench = moderationReportCase({ files: [7, 'abcdefghij0123456789abcd'] });
    const requests = Array.from({ length: 1000 }, () => bench.setupRequest({}));
    const ips = requests.map((r) => r.headers['x-forwarded-for']);
    assert.equal(new Set(ips).size, 1000);
    for (const r of requests) {
      assert.equal(r.method, 'POST');
      assert.equal(r.path, '/api/moderation/reports');
      assert.equal(canonicalIp(r.headers['x-forwarded-for']), r.headers['x-forwarded-for']);
      assert.ok(parseReportInput(JSON.parse(r.body), DEFAULT_REASONS).ok);
    }
  });

  it('keeps readers inside 198.18.0.0/15', () => {
    assert.equal(benchReaderIp(0), '198.18.0.0');
    assert.equal(benchReaderIp(65_536), '198.19.0.0');
    assert.equal(benchReaderIp((1 << 17) - 1), '198.19.255.255');
    assert.equal(benchReaderIp(1 << 17), '198.18.0.0');
  });
});
