import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';
import {
  CLOCK_SKEW_MS,
  MODERATION_STATUSES,
  decide,
  isModerationStatus,
  isPubliclyVisible,
  windowStart,
  type DecideInput,
  type FileModerationState,
  type ModerationStatus,
  type Report,
  type RuleSettings,
} from '../../../plugins/moderation/server/src/domain';
import { seededRandom } from '../../../scripts/lib/prng';
import fc from 'fast-check';

const DAY = 86_400_000;
const NOW = new Date('2025-03-10T12:00:00.000Z');
const DEFAULTS: RuleSettings = { threshold: 3, minNetworks: 2, windowDays: 7 };

const ago = (ms: number) => new Date(NOW.getTime() - ms);
const report = (reporterKey: string, networkKey: string, msAgo = 60_000): Report => ({
  reporterKey,
  networkKey,
  createdAt: ago(msAgo),
});
const run = (
  state: FileModerationState | ModerationStatus,
  reports: Report[],
  settings: Partial<RuleSettings> = {},
  now = NOW,
) =>
  decide({
    state: typeof state === 'string' ? { status: state } : state,
    reports,
    settings: { ...DEFAULTS, ...settings },
    now,
  });

/** Three reporters from two networks: exactly what the default rule needs to hide. */
const HIDING_SET = [report('A', 'n1', 3000), report('B', 'n1', 2000), report('C', 'n2', 1000)];

describe('decide: counting reporters', () => {
  it('leaves an unreported file visible and says nothing happened', () => {
    const d = run('visible', []);
    assert.equal(d.status, 'visible');
    assert.equal(d.changed, false);
    assert.equal(d.action, 'none');
    assert.equal(d.rule, 'no-reports');
    assert.equal(d.distinctReporters, 0);
    assert.equal(d.distinctNetworks, 0);
    assert.equal(d.firstReportAt, null);
    assert.equal(d.lastReportAt, null);
  });

  it('queues a file on its first report so moderators see it early, and keeps it public', () => {
    const d = run('visible', [report('A', 'n1')]);
    assert.equal(d.status, 'queued');
    assert.equal(d.changed, true);
    assert.equal(d.action, 'queue');
    assert.equal(d.rule, 'below-threshold');
    assert.equal(d.distinctReporters, 1);
    assert.equal(isPubliclyVisible(d.status), true);
  });

  it('does not hide at two reporters from two networks', () => {
    const d = run('visible', [report('A', 'n1'), report('B', 'n2')]);
    assert.equal(d.status, 'queued');
    assert.equal(d.action, 'queue');
    assert.equal(d.distinctReporters, 2);
    assert.equal(d.distinctNetworks, 2);
  });

  it('hides at the third distinct reporter, not a fourth', () => {
    const d = run('queued', HIDING_SET);
    assert.equal(d.status, 'hidden');
    assert.equal(d.changed, true);
    assert.equal(d.action, 'hide');
    assert.equal(d.rule, 'threshold-reached');
    assert.equal(d.distinctReporters, 3);
    assert.equal(d.distinctNetworks, 2);
    assert.equal(isPubliclyVisible(d.status), false);
  });

  it('hides straight from visible when all three reports arrive before any evaluation', () => {
    const d = run('visible', HIDING_SET);
    assert.equal(d.status, 'hidden');
    assert.equal(d.action, 'hide');
  });

  it('counts a reporter once however many times they report', () => {
    const d = run('queued', [report('A', 'n1', 5000), report('A', 'n2', 4000), report('A', 'n3', 3000), report('B', 'n2')]);
    assert.equal(d.status, 'queued');
    assert.equal(d.distinctReporters, 2);
    const same = run('visible', [report('A', 'n1'), report('A', 'n1'), report('A', 'n1')]);
    assert.equal(same.distinctReporters, 1);
    assert.equal(same.status, 'queued');
  });

  it('gives each reporter the network of their earliest report, so one reporter cannot make up the network rule', () => {
    // A reported from n1 first, then n2; B and C are on n1. Only one network is really behind three people.
    const d = run('queued', [report('A', 'n2', 1000), report('A', 'n1', 9000), report('B', 'n1', 5000), report('C', 'n1', 4000)]);
    assert.equal(d.distinctReporters, 3);
    assert.equal(d.distinctNetworks, 1);
    assert.equal(d.status, 'queued');
    assert.equal(d.rule, 'needs-more-networks');
  });

  it('only queues five reporters from one /24', () => {
    const reports = ['A', 'B', 'C', 'D', 'E'].map((who, i) => report(who, 'same-net', 1000 * (i + 1)));
    const d = run('visible', reports);
    assert.equal(d.status, 'queued');
    assert.equal(d.action, 'queue');
    assert.equal(d.rule, 'needs-more-networks');
    assert.equal(d.distinctReporters, 5);
    assert.equal(d.distinctNetworks, 1);
  });

  it('hides a queued-for-networks file as soon as a second network joins', () => {
    const reports = ['A', 'B', 'C', 'D', 'E'].map((who) => report(who, 'same-net'));
    const d = run('queued', [...reports, report('F', 'other-net')]);
    assert.equal(d.status, 'hidden');
    assert.equal(d.action, 'hide');
  });

  it('reports first and last report times of the counted reports', () => {
    const d = run('visible', [report('A', 'n1', 5000), report('B', 'n1', 1000), report('A', 'n1', 3000)]);
    assert.deepEqual(d.firstReportAt, ago(5000));
    assert.deepEqual(d.lastReportAt, ago(1000));
  });
});

describe('decide: the window', () => {
  it('counts a report exactly windowDays old', () => {
    const d = run('queued', [report('A', 'n1', 7 * DAY), report('B', 'n1'), report('C', 'n2')]);
    assert.equal(d.distinctReporters, 3);
    assert.equal(d.status, 'hidden');
    assert.deepEqual(d.firstReportAt, ago(7 * DAY));
  });

  it('ignores a report one millisecond older than the window', () => {
    const d = run('queued', [report('A', 'n1', 7 * DAY + 1), report('B', 'n1'), report('C', 'n2')]);
    assert.equal(d.distinctReporters, 2);
    assert.equal(d.status, 'queued');
    assert.deepEqual(d.countedAfter, ago(7 * DAY + 1));
  });

  it('keeps a queued file queued when all its reports have aged out (the queue is emptied by review)', () => {
    const d = run('queued', [report('A', 'n1', 8 * DAY)]);
    assert.equal(d.status, 'queued');
    assert.equal(d.changed, false);
    assert.equal(d.action, 'none');
    assert.equal(d.rule, 'no-reports');
    assert.equal(d.distinctReporters, 0);
  });

  it('leaves a visible file visible when its only reports are old', () => {
    const d = run('visible', [report('A', 'n1', 30 * DAY), report('B', 'n2', 9 * DAY), report('C', 'n3', 8 * DAY)]);
    assert.equal(d.status, 'visible');
    assert.equal(d.changed, false);
  });

  it('does not hide when the three reports are spread wider than the window', () => {
    const d = run('queued', [report('A', 'n1', 10 * DAY), report('B', 'n2', 5 * DAY), report('C', 'n3', 0)]);
    assert.equal(d.distinctReporters, 2);
    assert.equal(d.status, 'queued');
  });

  it('counts a report stamped slightly ahead by another instance clock, up to CLOCK_SKEW_MS', () => {
    const inSkew = run('queued', [report('A', 'n1'), report('B', 'n2'), report('C', 'n2', -CLOCK_SKEW_MS)]);
    assert.equal(inSkew.status, 'hidden');
    const beyond = run('queued', [report('A', 'n1'), report('B', 'n2'), report('C', 'n2', -CLOCK_SKEW_MS - 1)]);
    assert.equal(beyond.status, 'queued');
    assert.equal(beyond.distinctReporters, 2);
  });

  it('uses windowDays from the settings', () => {
    const reports = [report('A', 'n1', 2 * DAY), report('B', 'n2'), report('C', 'n3')];
    assert.equal(run('queued', reports, { windowDays: 1 }).status, 'queued');
    assert.equal(run('queued', reports, { windowDays: 2 }).status, 'hidden');
  });

  it('windowStart is now minus windowDays', () => {
    assert.deepEqual(windowStart({ windowDays: 7 }, NOW), ago(7 * DAY));
    assert.deepEqual(windowStart({ windowDays: 365 }, NOW), ago(365 * DAY));
  });
});

describe('decide: hidden and blocked', () => {
  it('keeps a hidden file hidden and reports no action on later evaluations', () => {
    const d = run('hidden', [...HIDING_SET, report('D', 'n3')]);
    assert.equal(d.status, 'hidden');
    assert.equal(d.changed, false);
    assert.equal(d.action, 'none');
    assert.equal(d.rule, 'hidden-until-review');
    assert.equal(d.distinctReporters, 4);
  });

  it('never un-hides by the rule, even when every report has aged out', () => {
    for (const reports of [[], [report('A', 'n1', 100 * DAY)]]) {
      const d = run('hidden', reports);
      assert.equal(d.status, 'hidden');
      assert.equal(d.action, 'none');
    }
  });

  it('gives action "hide" only on the evaluation that crosses into hidden', () => {
    const reports: Report[] = [];
    let status: ModerationStatus = 'visible';
    const actions: string[] = [];
    for (const [who, net] of [['A', 'n1'], ['B', 'n1'], ['C', 'n2'], ['D', 'n3'], ['E', 'n4']]) {
      reports.push(report(who, net));
      const d = run(status, reports);
      actions.push(d.action);
      status = d.status;
    }
    assert.deepEqual(actions, ['queue', 'none', 'hide', 'none', 'none']);
    assert.equal(status, 'hidden');
  });

  it('never changes a blocked file, whatever arrives', () => {
    const sets: Report[][] = [
      [],
      [report('A', 'n1')],
      HIDING_SET,
      Array.from({ length: 50 }, (_, i) => report(`R${i}`, `n${i}`)),
      [report('A', 'n1', 100 * DAY)],
    ];
    for (const reports of sets) {
      for (const settings of [{}, { threshold: 1, minNetworks: 1 }]) {
        const d = run({ status: 'blocked', restoredAt: ago(DAY), fileUpdatedAt: ago(1000) }, reports, settings);
        assert.equal(d.status, 'blocked');
        assert.equal(d.changed, false);
        assert.equal(d.action, 'none');
        assert.equal(d.rule, 'blocked-final');
      }
    }
  });
});

describe('decide: restored files', () => {
  const restoredAt = ago(2 * DAY);
  const afterRestore = (who: string, net: string, msAgo = 60_000) => report(who, net, msAgo);
  const many = ['A', 'B', 'C', 'D', 'E', 'F'].map((who, i) => afterRestore(who, `n${i}`));

  it('is immune to new reports while the file has not changed', () => {
    for (const fileUpdatedAt of [null, undefined, ago(3 * DAY), restoredAt]) {
      const d = run({ status: 'restored', restoredAt, fileUpdatedAt }, many, { threshold: 1, minNetworks: 1 });
      assert.equal(d.status, 'restored');
      assert.equal(d.changed, false);
      assert.equal(d.action, 'none');
      assert.equal(d.rule, 'restored-immune');
      assert.equal(d.distinctReporters, 6, 'the tally is still reported for the review card');
    }
  });

  it('stays immune when the restore time is unknown (the moderator decision stands)', () => {
    const d = run({ status: 'restored', restoredAt: null, fileUpdatedAt: ago(1000) }, many);
    assert.equal(d.status, 'restored');
    assert.equal(d.rule, 'restored-immune');
  });

  it('is judged again once the file changes, counting only reports after the change', () => {
    const fileUpdatedAt = ago(DAY);
    const before = [report('A', 'n1', 3 * DAY), report('B', 'n2', 3 * DAY), report('C', 'n3', 1.5 * DAY)];
    const state = { status: 'restored' as const, restoredAt, fileUpdatedAt };

    const nothingNew = run(state, before);
    assert.equal(nothingNew.status, 'restored');
    assert.equal(nothingNew.rule, 'no-reports');
    assert.equal(nothingNew.distinctReporters, 0);
    assert.deepEqual(nothingNew.countedAfter, fileUpdatedAt);

    const oneNew = run(state, [...before, report('A', 'n1', 1000)]);
    assert.equal(oneNew.status, 'queued');
    assert.equal(oneNew.action, 'queue');
    assert.equal(oneNew.distinctReporters, 1);

    const threeNew = run(state, [...before, report('A', 'n1', 3000), report('B', 'n1', 2000), report('C', 'n2', 1000)]);
    assert.equal(threeNew.status, 'hidden');
    assert.equal(threeNew.action, 'hide');
  });

  it('does not count a report made at the very instant of the change', () => {
    const fileUpdatedAt = ago(DAY);
    const d = run({ status: 'restored', restoredAt, fileUpdatedAt }, [
      { reporterKey: 'A', networkKey: 'n1', createdAt: new Date(fileUpdatedAt) },
      report('B', 'n2'),
      report('C', 'n3'),
    ]);
    assert.equal(d.distinctReporters, 2);
    assert.equal(d.status, 'queued');
  });

  it('keeps the restore cutoff after the file leaves "restored", so old reports never come back', () => {
    // restored -> changed -> one new report queued it; the old reports must not count again.
    const fileUpdatedAt = ago(DAY);
    const old = [report('A', 'n1', 3 * DAY), report('B', 'n2', 3 * DAY), report('C', 'n3', 3 * DAY)];
    const d = run({ status: 'queued', restoredAt, fileUpdatedAt }, [...old, report('D', 'n4'), report('E', 'n5')]);
    assert.equal(d.distinctReporters, 2);
    assert.equal(d.status, 'queued');
  });

  it('counts from the restore when reports after the restore concern a file changed earlier', () => {
    // fileUpdatedAt before restoredAt: the moderator saw the current picture; count after the restore.
    const d = run({ status: 'queued', restoredAt, fileUpdatedAt: ago(5 * DAY) }, [
      report('A', 'n1', 3 * DAY),
      report('B', 'n2', DAY),
      report('C', 'n3', 1000),
    ]);
    assert.equal(d.distinctReporters, 2);
    assert.deepEqual(d.countedAfter, restoredAt);
  });
});

describe('decide: settings', () => {
  it('threshold 1, minNetworks 1: one report hides', () => {
    const d = run('visible', [report('A', 'n1')], { threshold: 1, minNetworks: 1 });
    assert.equal(d.status, 'hidden');
    assert.equal(d.action, 'hide');
  });

  it('minNetworks 1: three reporters on one network hide', () => {
    const reports = [report('A', 'n1'), report('B', 'n1'), report('C', 'n1')];
    assert.equal(run('queued', reports, { minNetworks: 1 }).status, 'hidden');
    assert.equal(run('queued', reports).status, 'queued');
  });

  it('threshold 5, minNetworks 3', () => {
    const s = { threshold: 5, minNetworks: 3 };
    const four = ['A', 'B', 'C', 'D'].map((w, i) => report(w, `n${i}`));
    assert.equal(run('queued', four, s).rule, 'below-threshold');
    const fiveOnTwo = ['A', 'B', 'C', 'D', 'E'].map((w, i) => report(w, `n${i % 2}`));
    assert.equal(run('queued', fiveOnTwo, s).rule, 'needs-more-networks');
    const fiveOnThree = ['A', 'B', 'C', 'D', 'E'].map((w, i) => report(w, `n${i % 3}`));
    const d = run('queued', fiveOnThree, s);
    assert.equal(d.status, 'hidden');
    assert.equal(d.distinctNetworks, 3);
  });

  it('never hides an unreported file, even with a nonsensical threshold of 0', () => {
    const d = run('visible', [], { threshold: 0, minNetworks: 0 });
    assert.equal(d.status, 'visible');
    assert.equal(d.action, 'none');
  });
});

describe('decide: contract', () => {
  it('does not depend on the order of the reports', () => {
    const reports = [report('C', 'n2', 1000), report('A', 'n2', 5000), report('A', 'n1', 5000), report('B', 'n1', 3000)];
    const forward = run('queued', reports);
    const backward = run('queued', [...reports].reverse());
    assert.deepEqual(backward, forward);
  });

  it('breaks a same-instant tie between one reporter\'s networks the same way in any order', () => {
    // A reported from n2 and n1 at the same millisecond; B and C are on n1.
    const reports = [report('A', 'n2', 5000), report('A', 'n1', 5000), report('B', 'n1', 3000), report('C', 'n1', 1000)];
    const forward = run('queued', reports);
    const backward = run('queued', [...reports].reverse());
    assert.deepEqual(backward, forward);
    assert.equal(forward.distinctNetworks, 1);
    assert.equal(forward.status, 'queued');
  });

  it('does not mutate its input and accepts frozen input', () => {
    const reports = Object.freeze(HIDING_SET.map((r) => Object.freeze({ ...r })));
    const copy = reports.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
    const input: DecideInput = Object.freeze({ state: Object.freeze({ status: 'queued' as const }), reports, settings: DEFAULTS, now: NOW });
    run('queued', [...reports]);
    decide(input);
    assert.deepEqual(reports, copy);
  });

  it('returns dates the caller may not change its input through', () => {
    const reports = [report('A', 'n1')];
    const d = run('visible', reports);
    d.firstReportAt?.setTime(0);
    assert.deepEqual(reports[0].createdAt, ago(60_000));
  });

  it('rejects an invalid now or status loudly', () => {
    assert.throws(() => run('visible', [], {}, new Date(Number.NaN)), TypeError);
    assert.throws(() => run('gone' as ModerationStatus, []), TypeError);
  });

  it('isPubliclyVisible: only hidden and blocked leave the public', () => {
    assert.deepEqual(
      MODERATION_STATUSES.map((s) => [s, isPubliclyVisible(s)]),
      [['visible', true], ['queued', true], ['hidden', false], ['restored', true], ['blocked', false]],
    );
  });

  it('isModerationStatus accepts exactly the five statuses', () => {
    for (const s of MODERATION_STATUSES) assert.equal(isModerationStatus(s), true);
    for (const s of ['Visible', 'deleted', '', null, undefined, 1]) assert.equal(isModerationStatus(s), false);
  });
});


describe('decide: properties over generated report sets', () => {
  const CASES = 3000;
  const int = (rand: () => number, min: number, max: number) => min + Math.floor(rand() * (max - min + 1));

  function generate(seed: number): DecideInput {
    const rand = seededRandom(seed);
    const threshold = int(rand, 1, 6);
    const settings = { threshold, minNetworks: int(rand, 1, threshold), windowDays: int(rand, 1, 10) };
    const networks = int(rand, 1, 4);
    const people = int(rand, 1, 9);
    // Each person reports from one home network, so the expected network count is unambiguous.
    const home = Array.from({ length: people }, () => `net${int(rand, 0, networks - 1)}`);
    const reports = Array.from({ length: int(rand, 0, 14) }, () => {
      const who = int(rand, 0, people - 1);
      const future = rand() < 0.05;
      const offset = future ? -Math.floor(rand() * 2 * CLOCK_SKEW_MS) : Math.floor(rand() * 12 * DAY);
      return { reporterKey: `p${who}`, networkKey: home[who], createdAt: ago(offset) };
    });
    const status = MODERATION_STATUSES[int(rand, 0, MODERATION_STATUSES.length - 1)];
    const maybeDate = () => (rand() < 0.4 ? null : ago(Math.floor(rand() * 10 * DAY)));
    return { state: { status, restoredAt: maybeDate(), fileUpdatedAt: maybeDate() }, reports, settings, now: NOW };
  }

  /** The rule restated the slow, obvious way, to check decide against. */
  function expected(input: DecideInput) {
    const { state, settings } = input;
    const restored = state.restoredAt ? state.restoredAt.getTime() : null;
    const updated = state.fileUpdatedAt ? state.fileUpdatedAt.getTime() : null;
    const cutoff = restored === null ? -Infinity : Math.max(restored, updated ?? restored);
    const counted = input.reports.filter((r) => {
      const t = r.createdAt.getTime();
      return t >= NOW.getTime() - settings.windowDays * DAY && t <= NOW.getTime() + CLOCK_SKEW_MS && t > cutoff;
    });
    const reporters = new Set(counted.map((r) => r.reporterKey)).size;
    const networks = new Set(counted.map((r) => r.networkKey)).size;
    const immune = state.status === 'restored' && (restored === null || updated === null || updated <= restored);
    let status: ModerationStatus = state.status;
    if (state.status !== 'blocked' && state.status !== 'hidden' && !immune && reporters > 0) {
      status = reporters >= settings.threshold && networks >= settings.minNetworks ? 'hidden' : 'queued';
    }
    return { status, reporters, networks };
  }

  it(`agrees with the restated rule and keeps every invariant over ${CASES} cases`, () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= CASES; seed++) {
      const input = generate(seed);
      const d = decide(input);
      const e = expected(input);
      const where = `case ${seed}`;
      seen.add(`${input.state.status}->${d.status}`);

      assert.equal(d.status, e.status, where);
      assert.equal(d.distinctReporters, e.reporters, where);
      assert.equal(d.distinctNetworks, e.networks, where);
      assert.ok(d.distinctNetworks <= d.distinctReporters, where);

      // Never hides below threshold or with too few networks.
      if (d.action === 'hide') {
        assert.ok(d.distinctReporters >= input.settings.threshold, where);
        assert.ok(d.distinctNetworks >= input.settings.minNetworks, where);
      }
      // 'hide' exactly on the crossing; public visibility is lost only through it.
      assert.equal(d.action === 'hide', d.changed && d.status === 'hidden', where);
      assert.equal(d.changed, d.status !== input.state.status, where);
      if (isPubliclyVisible(input.state.status) && !isPubliclyVisible(d.status)) assert.equal(d.action, 'hide', where);
      if (input.state.status === 'blocked' || input.state.status === 'hidden') assert.equal(d.changed, false, where);

      // Deterministic and order-independent.
      assert.deepEqual(decide({ ...input, reports: [...input.reports].reverse() }), d, where);

      // Idempotent: re-applying to the new state changes nothing.
      const again = decide({ ...input, state: { ...input.state, status: d.status } });
      assert.equal(again.changed, false, where);
      assert.equal(again.action, 'none', where);
      assert.equal(again.status, d.status, where);

      // Monotone: one more fresh reporter never turns a hide into no hide.
      const more = decide({ ...input, reports: [...input.reports, report('newcomer', 'net0', 1000)] });
      if (d.status === 'hidden') assert.equal(more.status, 'hidden', where);
    }
    // The generator must actually reach the interesting transitions, or the test proves little.
    for (const t of ['visible->hidden', 'queued->hidden', 'visible->queued', 'restored->hidden', 'restored->restored', 'hidden->hidden', 'blocked->blocked']) {
      assert.ok(seen.has(t), `generator never produced ${t}`);
    }
  });
});

describe('decide: one person is one reader, whatever identities they carry', () => {
  const withAccount = (reporterKey: string, accountKey: string | null, networkKey: string, msAgo = 60_000): Report => ({
    reporterKey,
    accountKey,
    networkKey,
    createdAt: ago(msAgo),
  });

  it('counts an account and the address it reported from as one reader', () => {
    // Anonymous from address A, then signed in from A, then the same account from address B on another network.
    const d = run('queued', [withAccount('A', null, 'n1', 3000), withAccount('A', 'user:7', 'n1', 2000), withAccount('B', 'user:7', 'n2', 1000)]);
    assert.equal(d.distinctReporters, 1);
    assert.equal(d.distinctNetworks, 1);
    assert.equal(d.status, 'queued');
  });

  it('counts many accounts from one address as one reader', () => {
    const d = run('queued', [withAccount('A', 'user:1', 'n1', 3000), withAccount('A', 'user:2', 'n1', 2000), withAccount('A', 'user:3', 'n1', 1000)]);
    assert.equal(d.distinctReporters, 1);
  });

  it('joins identities transitively (a chain of shared keys is one reader)', () => {
    const d = run('queued', [
      withAccount('A', 'user:1', 'n1', 4000),
      withAccount('B', 'user:1', 'n2', 3000),
      withAccount('B', 'user:2', 'n2', 2000),
      withAccount('C', 'user:2', 'n3', 1000),
    ]);
    assert.equal(d.distinctReporters, 1);
    assert.equal(d.distinctNetworks, 1);
  });

  it('still hides for three people, signed in or not, from two networks', () => {
    const d = run('queued', [withAccount('A', 'user:1', 'n1', 3000), withAccount('B', null, 'n1', 2000), withAccount('C', 'user:3', 'n2', 1000)]);
    assert.equal(d.distinctReporters, 3);
    assert.equal(d.action, 'hide');
  });

  it('counts readers as the connected identity sets, for generated reports (fast-check)', () => {
    const identity = fc.record({
      address: fc.integer({ min: 0, max: 7 }),
      account: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      network: fc.integer({ min: 0, max: 3 }),
      msAgo: fc.integer({ min: 1, max: 6 * DAY }),
    });
    fc.assert(
      fc.property(fc.array(identity, { maxLength: 14 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 }), (rows, threshold, minNetworks) => {
        const reports = rows.map((r) => withAccount(`ip:${r.address}`, r.account === null ? null : `user:${r.account}`, `net:${r.network}`, r.msAgo));
        // Reference: breadth-first search over "shares an identity", no union-find.
        const seen = new Set<number>();
        let components = 0;
        for (let i = 0; i < reports.length; i++) {
          if (seen.has(i)) continue;
          components++;
          const queue = [i];
          seen.add(i);
          while (queue.length > 0) {
            const at = reports[queue.pop()!];
            reports.forEach((other, j) => {
              const shares = other.reporterKey === at.reporterKey || (other.accountKey != null && other.accountKey === at.accountKey);
              if (!seen.has(j) && shares) {
                seen.add(j);
                queue.push(j);
              }
            });
          }
        }
        const d = run('queued', reports, { threshold, minNetworks });
        assert.equal(d.distinctReporters, components);
        assert.ok(d.distinctNetworks <= d.distinctReporters);
        if (d.action === 'hide') assert.ok(components >= threshold);
        // Order of rows never changes the verdict.
        assert.deepEqual(run('queued', [...reports].reverse(), { threshold, minNetworks }), d);
        // A report that shares an identity with a reader already counted adds no reader.
        if (reports.length > 0) {
          const extra = withAccount('ip:fresh', reports[0].accountKey ?? null, 'net:fresh', 10);
          const again = run('queued', [...reports, reports[0].accountKey ? extra : withAccount(reports[0].reporterKey, 'user:fresh', 'net:fresh', 10)], { threshold, minNetworks });
          assert.equal(again.distinctReporters, components);
        }
      }),
      { numRuns: 500 },
    );
  });
});
