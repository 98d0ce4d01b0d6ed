import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { InvalidIpError, accountKey, addressKey, canonicalIp, networkKey, reporterKey } from '../../../plugins/moderation/server/src/domain';

const SECRET = 'test-secret-0123456789abcdef';
const OTHER_SECRET = 'another-secret-fedcba9876543210';
const hmac = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');
const anon = (ip: string, secret = SECRET) => reporterKey({ ip }, secret);

describe('canonicalIp', () => {
  const cases: Array<[string, string]> = [
    ['203.0.113.7', '203.0.113.7'],
    ['203.0.113.7:8080', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8::0:1', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['fe80::1%eth0', 'fe80::1'],
    ['fe80::1%25', 'fe80::1'],
    ['::ffff:203.0.113.7%eth0', '203.0.113.7'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:CB00:7107', '203.0.113.7'],
    ['0:0:0:0:0:ffff:cb00:7107', '203.0.113.7'],
    ['[::ffff:203.0.113.7]:80', '203.0.113.7'],
    ['::203.0.113.7', '::cb00:7107'],
    ['64:ff9b::203.0.113.7', '64:ff9b::cb00:7107'],
    ['2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff', '2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff'],
  ];
  for (const [input, canonical] of cases) {
    it(`${JSON.stringify(input)} -> ${canonical}`, () => assert.equal(canonicalIp(input), canonical));
  }
});

describe('invalid addresses', () => {
  const invalid = [
    '',
    ' ',
    'abc',
    'localhost',
    '256.1.1.1',
    '1.2.3',
    '1.2.3.4.5',
    '01.2.3.4',
    '1.2.3.04',
    '0x1.2.3.4',
    '1::2::3',
    '1:2:3:4:5:6:7:8:9',
    'fe80::1%',
    '[1.2.3.4]',
    '1.2.3.4%eth0',
    '::ffff:999.1.1.1',
    '1.2.3.4:99999',
    '[2001:db8::1]:65536',
    '203.0.113.7, 10.0.0.1',
    '[2001:db8::1',
    'gggg::1',
  ];
  for (const ip of invalid) {
    it(`rejects ${JSON.stringify(ip)} with InvalidIpError that does not echo it`, () => {
      for (const call of [() => canonicalIp(ip), () => networkKey(ip, SECRET), () => anon(ip)]) {
        assert.throws(call, (error: unknown) => {
          assert.ok(error instanceof InvalidIpError);
          assert.equal(error.code, 'MODERATION_INVALID_IP');
          if (ip.trim()) assert.ok(!error.message.includes(ip.trim()), 'the message must not leak the value');
          assert.ok(!error.message.includes('203.0.113.7'));
          return true;
        });
      }
    });
  }

  it('rejects a missing IP for an anonymous reporter', () => {
    assert.throws(() => reporterKey({}, SECRET), InvalidIpError);
    assert.throws(() => reporterKey({ userId: null, ip: null }, SECRET), InvalidIpError);
  });
});

describe('reporterKey', () => {
  it('a logged-in user is user:<id>, whatever their IP and the secret', () => {
    assert.equal(reporterKey({ userId: 42, ip: '203.0.113.7' }, SECRET), 'user:42');
    assert.equal(reporterKey({ userId: 42, ip: '198.51.100.1' }, OTHER_SECRET), 'user:42');
    assert.equal(reporterKey({ userId: '42' }, SECRET), 'user:42');
    assert.equal(reporterKey({ userId: 'k3j4h5g6f7d8s9a0', ip: 'not an ip' }, SECRET), 'user:k3j4h5g6f7d8s9a0');
  });

  it('rejects user ids that are not ids', () => {
    for (const userId of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1, 'a b', 'x'.repeat(65), '1;drop']) {
      assert.throws(() => reporterKey({ userId, ip: '203.0.113.7' }, SECRET), TypeError, String(userId));
    }
  });

  it('an empty user id means anonymous', () => {
    assert.equal(reporterKey({ userId: '', ip: '203.0.113.7' }, SECRET), anon('203.0.113.7'));
    assert.equal(reporterKey({ userId: null, ip: '203.0.113.7' }, SECRET), anon('203.0.113.7'));
  });

  it('anyone else is ip: + hex HMAC-SHA256(secret, canonical IPv4)', () => {
    const key = anon('203.0.113.7');
    assert.match(key, /^ip:[0-9a-f]{64}$/);
    assert.equal(key, `ip:${hmac(SECRET, '203.0.113.7')}`);
  });

  it('is stable across calls and spellings', () => {
    assert.equal(anon('203.0.113.7'), anon('203.0.113.7'));
    assert.equal(anon('203.0.113.7:5555'), anon('203.0.113.7'));
    assert.equal(anon('::ffff:203.0.113.7'), anon('203.0.113.7'));
    assert.equal(anon('::ffff:cb00:7107'), anon('203.0.113.7'));
  });

  it('depends on the secret', () => {
    assert.notEqual(anon('203.0.113.7', OTHER_SECRET), anon('203.0.113.7'));
  });

  it('tells apart two IPv4 readers on one /24', () => {
    assert.notEqual(anon('203.0.113.7'), anon('203.0.113.8'));
  });

  it('keys IPv6 readers by /64, so rotating privacy addresses stays one reporter', () => {
    assert.equal(anon('2001:db8:1:2::1'), anon('2001:db8:1:2:abcd:ef01:2345:6789'));
    assert.equal(anon('2001:db8:1:2::1'), `ip:${hmac(SECRET, '2001:db8:1:2::/64')}`);
    assert.notEqual(anon('2001:db8:1:2::1'), anon('2001:db8:1:3::1'));
  });

  it('treats compressed, expanded, upper-case, bracketed and zoned IPv6 alike', () => {
    const forms = [
      '2001:db8::1',
      '2001:0db8:0000:0000:0000:0000:0000:0001',
      '2001:DB8::1',
      '[2001:db8::1]:443',
      '2001:db8:0:0::1%eth0',
    ];
    for (const form of forms) {
      assert.equal(anon(form), anon('2001:db8::1'), form);
      assert.equal(networkKey(form, SECRET), networkKey('2001:db8::1', SECRET), form);
    }
  });

  it('rejects an empty secret', () => {
    assert.throws(() => anon('203.0.113.7', ''), /MODERATION_SECRET/);
  });
});

describe('networkKey', () => {
  it('is net: + hex HMAC of the IPv4 /24', () => {
    assert.equal(networkKey('203.0.113.7', SECRET), `net:${hmac(SECRET, '203.0.113.0/24')}`);
  });

  it('groups an IPv4 /24 and separates neighbours', () => {
    assert.equal(networkKey('203.0.113.7', SECRET), networkKey('203.0.113.250', SECRET));
    assert.equal(networkKey('203.0.113.0', SECRET), networkKey('203.0.113.255', SECRET));
    assert.notEqual(networkKey('203.0.113.7', SECRET), networkKey('203.0.114.7', SECRET));
    assert.notEqual(networkKey('203.0.113.7', SECRET), networkKey('204.0.113.7', SECRET));
  });

  it('groups an IPv6 /48 and separates neighbours', () => {
    const net = networkKey('2001:db8:1::1', SECRET);
    assert.equal(net, `net:${hmac(SECRET, '2001:db8:1::/48')}`);
    assert.equal(networkKey('2001:db8:1:ffff:1:2:3:4', SECRET), net);
    assert.notEqual(networkKey('2001:db8:2::1', SECRET), net);
    assert.notEqual(networkKey('2001:db9:1::1', SECRET), net);
  });

  it('treats IPv4-mapped IPv6 as the IPv4 /24', () => {
    assert.equal(networkKey('::ffff:203.0.113.7', SECRET), networkKey('203.0.113.99', SECRET));
    assert.equal(networkKey('[::ffff:cb00:7163]:80', SECRET), networkKey('203.0.113.7', SECRET));
  });

  it('depends on the secret', () => {
    assert.notEqual(networkKey('203.0.113.7', OTHER_SECRET), networkKey('203.0.113.7', SECRET));
  });

  it('is never equal to a reporter key for the same address', () => {
    for (const ip of ['203.0.113.0', '2001:db8:1::']) {
      assert.notEqual(networkKey(ip, SECRET).slice(4), anon(ip).slice(3));
    }
  });

  it('a logged-in user still needs a valid IP for the network', () => {
    assert.equal(reporterKey({ userId: 7, ip: 'garbage' }, SECRET), 'user:7');
    assert.throws(() => networkKey('garbage', SECRET), InvalidIpError);
  });
});

describe('raw addresses never leave', () => {
  const ips = ['203.0.113.7', '198.51.100.23', '2001:db8:1:2::1', '::ffff:192.0.2.1', '[2001:db8::abcd]:443', '10.0.0.1:8080'];
  for (const ip of ips) {
    it(ip, () => {
      const outputs = [anon(ip), networkKey(ip, SECRET), anon(ip, OTHER_SECRET), networkKey(ip, OTHER_SECRET)];
      const canonical = canonicalIp(ip);
      const v4Prefix = canonical.includes('.') ? canonical.split('.').slice(0, 3).join('.') : null;
      for (const out of outputs) {
        assert.match(out, /^(ip|net):[0-9a-f]{64}$/);
        assert.ok(!out.includes(ip) && !out.includes(canonical), out);
        if (v4Prefix) assert.ok(!out.includes(v4Prefix), out);
      }
    });
  }
});

describe('address and account keys, kept side by side', () => {
  it('the address key is the anonymous reporter key, whether or not the reader is signed in', () => {
    assert.equal(addressKey('203.0.113.7', SECRET), reporterKey({ ip: '203.0.113.7' }, SECRET));
    assert.equal(addressKey('2001:db8:1:2:aaaa::1', SECRET), addressKey('2001:db8:1:2:bbbb::9', SECRET), 'one /64');
    assert.notEqual(addressKey('2001:db8:1:2::1', SECRET), addressKey('2001:db8:1:3::1', SECRET));
  });

  it('the account key names the user and nothing else, and refuses what is not an id', () => {
    assert.equal(accountKey(42), 'user:42');
    assert.equal(accountKey('42'), 'user:42');
    // any: the wrong type on purpose
    for (const bad of [0, -1, 1.5, Number.NaN, '', 'a b', 'x'.repeat(65)]) assert.throws(() => accountKey(bad as any), TypeError);
    // The two never collide: one is user:<id>, the other ip:<64 hex>.
    assert.notEqual(accountKey(7).slice(0, 3), addressKey('203.0.113.7', SECRET).slice(0, 3));
  });
});
