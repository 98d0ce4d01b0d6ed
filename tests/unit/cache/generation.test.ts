import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import { createGeneration, type SharedVersion } from '../../../src/cache/generation';

/** A shared version two generations can use, like two instances on one database. */
function sharedRow() {
  let value = 'v0';
  let n = 0;
  let failing = false;
  const version: SharedVersion = {
    read: async () => {
      if (failing) throw new Error('down');
      return value;
    },
    bump: async (known: string | null) => {
      if (failing) throw new Error('down');
      const others = known !== value;
      value = `v${++n}`;
      return { value, others };
    },
  };
  return { version, fail: (on: boolean) => (failing = on) };
}

const setup = (shared: SharedVersion, sharedStore: boolean, clock: { t: number }) => {
  let moves = 0;
  const generation = createGeneration({ shared, sharedStore, checkEveryMs: 1000, onMove: () => moves++, onError: () => {}, now: () => clock.t });
  return { generation, moves: () => moves };
};
const settle = () => new Promise((r) => setImmediate(r));

describe('the generation', () => {
  it('moves at once on the instance that changed, and on another at its next check, at most checkEveryMs later', async () => {
    const clock = { t: 0 };
    const row = sharedRow();
    const a = setup(row.version, false, clock);
    const b = setup(row.version, false, clock);
    await a.generation.check();
    await b.generation.check();
    const before = b.generation.token();
    const aBefore = a.generation.token();

    a.generation.bump();
    assert.notEqual(a.generation.token(), aBefore, 'at once here');
    await settle();

    clock.t = 500;
    await b.generation.fresh();
    assert.equal(b.generation.token(), before, 'not checked again before the second is over');
    clock.t = 1000;
    await b.generation.fresh();
    assert.notEqual(b.generation.token(), before, 'moved at the next check');
    assert.ok(b.moves() > 0);
  });

  it('moves once for its own change, and again when another instance changed meanwhile', async () => {
    const clock = { t: 0 };
    const row = sharedRow();
    const a = setup(row.version, false, clock);
    const b = setup(row.version, false, clock);
    await a.generation.check();
    await b.generation.check();
    a.generation.bump();
    await settle();
    assert.equal(a.moves(), 1, 'answers computed after its own move stay');
    // b changes, and a changes before it has checked: a must still learn of b's change.
    b.generation.bump();
    await settle();
    const before = a.moves();
    a.generation.bump();
    await settle();
    assert.equal(a.moves(), before + 2, 'its own move, and one for the change it had not seen');
  });

  it('with a shared store the token is the shared version, unknown while a bump is on its way or owed', async () => {
    const clock = { t: 0 };
    const row = sharedRow();
    const a = setup(row.version, true, clock);
    assert.equal(a.generation.token(), null, 'unknown before the first read');
    await a.generation.check();
    assert.equal(a.generation.token(), 'v0');
    a.generation.bump();
    assert.equal(a.generation.token(), null, 'no cache while the bump is on its way');
    await settle();
    assert.equal(a.generation.token(), 'v1');

    row.fail(true);
    a.generation.bump();
    await settle();
    assert.equal(a.generation.token(), null, 'a bump that could not be shared keeps the cache off');
    row.fail(false);
    clock.t = 5000;
    await a.generation.fresh();
    assert.equal(a.generation.token(), 'v2', 'the owed bump is made at the next check');
  });

  it('folds bumps asked for while one is on its way into one more', async () => {
    const clock = { t: 0 };
    let bumps = 0;
    const waiting: Array<() => void> = [];
    const slow: SharedVersion = {
      read: async () => 'v',
      bump: () => new Promise((resolve) => waiting.push(() => resolve({ value: `b${++bumps}`, others: false }))),
    };
    const a = setup(slow, true, clock);
    await a.generation.check();
    for (let i = 0; i < 10; i++) a.generation.bump();
    waiting.shift()!();
    await settle();
    waiting.shift()!();
    await settle();
    assert.equal(waiting.length, 0);
    assert.equal(bumps, 2);
    assert.equal(a.generation.token(), 'b2');
  });
});
