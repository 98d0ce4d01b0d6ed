import { describe, it, expect } from '@jest/globals';
import { backoffDelay, nextPollDelay, parseRetryAfter, MAX_BACKOFF_MS } from '../../server/src/core/backoff';
import { HostQueue } from '../../server/src/core/host-queue';
import { extractMainText } from '../../server/src/core/extract';

describe('backoff', () => {
  it('grows exponentially with jitter, capped at a day, never infinite', () => {
    expect(backoffDelay(1, null, () => 0)).toBe(30_000);
    expect(backoffDelay(1, null, () => 1)).toBe(60_000);
    expect(backoffDelay(3, null, () => 1)).toBe(240_000);
    expect(backoffDelay(1000, null, () => 1)).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(1000, null, () => 0)).toBe(MAX_BACKOFF_MS / 2);
    expect(backoffDelay(1, 3_600_000, () => 0)).toBe(3_600_000);
    expect(backoffDelay(1, 10 * MAX_BACKOFF_MS)).toBe(MAX_BACKOFF_MS);
    expect(nextPollDelay(15)).toBe(900_000);
    expect(nextPollDelay(15, 7_200_000)).toBe(7_200_000);
  });

  it('reads Retry-After as seconds or a date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 01 Jan 2024 00:10:00 GMT', now)).toBe(600_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('HostQueue', () => {
  it('runs one task per host at a time, hosts in parallel', async () => {
    const q = new HostQueue();
    const running = new Map<string, number>();
    let maxSame = 0;
    let maxAll = 0;
    const task = (host: string) => q.run(host, async () => {
      running.set(host, (running.get(host) ?? 0) + 1);
      maxSame = Math.max(maxSame, running.get(host)!);
      maxAll = Math.max(maxAll, [...running.values()].reduce((a, b) => a + b, 0));
      await new Promise((r) => setTimeout(r, 5));
      running.set(host, running.get(host)! - 1);
    });
    await Promise.all([task('a.example'), task('A.example'), task('a.example'), task('b.example'), task('c.example')]);
    expect(maxSame).toBe(1);
    expect(maxAll).toBeGreaterThan(1);
    expect(q.busyHosts).toBe(0);
  });

  it('goes on after a failed task', async () => {
    const q = new HostQueue();
    await expect(q.run('x', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(q.run('x', async () => 1)).resolves.toBe(1);
  });
});

describe('extractMainText', () => {
  it('keeps a short Arabic wire story and drops the page furniture', () => {
    const page = `<html lang="ar" dir="rtl"><head><title>خبر</title></head><body><nav><a href="/">الرئيسية</a> <a href="/s">رياضة</a></nav>
      <div class="content"><h1>الحكومة تصادق</h1><p>الرباط (و م ع) - صادق مجلس الحكومة اليوم الخميس على مشروع قانون يتعلق بالصحافة والنشر، وفق بلاغ رسمي.</p></div>
      <footer>جميع الحقوق محفوظة</footer></body></html>`;
    const out = extractMainText(page, 'https://news.example/a/1');
    expect(out).not.toBeNull();
    expect(out!.text).toContain('صادق مجلس الحكومة');
    expect(out!.text).not.toContain('جميع الحقوق');
  });

  it('gives null for a page with no text to speak of', () => {
    expect(extractMainText('<html><body><nav>x</nav></body></html>', 'https://news.example/')).toBeNull();
  });
});
