/**
 * The moderation rule: given a file's state, its reports, the settings and the time,
 * what state should the file be in now? Pure: scoring happens here, applying it is the
 * report service's job (one transaction), enforcing it is the visibility layer's.
 *
 * States and who moves between them:
 *
 *   visible ──report──▶ queued ──threshold + networks──▶ hidden ──moderator──▶ restored | blocked
 *      └────────────threshold + networks─────────────────▲
 *
 * - visible:  no report counted yet.
 * - queued:   reported at least once; moderators see it early, the public still does.
 *             It stays queued when its reports age out: the queue is emptied by people
 *             reviewing it, not by the clock.
 * - hidden:   the rule fired. Only a moderator brings it back (no un-hide by the rule).
 * - restored: a moderator kept it. Immune until the file changes (fileUpdatedAt >
 *             restoredAt); after that it is judged again, like a visible file, on the
 *             reports made after the change only.
 * - blocked:  final; nothing that arrives changes it.
 */
import type { ModerationSettings } from './settings';

import { MODERATION_STATUSES, isModerationStatus, type ModerationStatus } from '../../../shared/statuses';

export { MODERATION_STATUSES, isModerationStatus, type ModerationStatus };

/** The one place that says what a status means for the public. */
export function isPubliclyVisible(status: ModerationStatus): boolean {
  switch (status) {
    case 'visible':
    case 'queued':
    case 'restored':
      return true;
    case 'hidden':
    case 'blocked':
      return false;
  }
}

export interface FileModerationState {
  readonly status: ModerationStatus;
  /** When a moderator last restored the file. A restored file without it stays immune. */
  readonly restoredAt?: Date | null;
  /**
   * When the file's content last changed. The caller should pass the time the picture
   * changed (new hash), not a caption edit, if it can tell them apart.
   */
  readonly fileUpdatedAt?: Date | null;
}

/**
 * One report and every identity it carried: the address key always, the account key when
 * a confirmed account sent it. Two reports that share any identity are the same reader.
 */
export interface Report {
  readonly reporterKey: string;
  readonly accountKey?: string | null;
  readonly networkKey: string;
  readonly createdAt: Date;
}

export type RuleSettings = Pick<ModerationSettings, 'threshold' | 'minNetworks' | 'windowDays'>;

export interface DecideInput {
  readonly state: FileModerationState;
  readonly reports: readonly Report[];
  readonly settings: RuleSettings;
  readonly now: Date;
}

/** Why the status is what it is; stored with audit entries and shown on the review card. */
export type DecisionRule =
  | 'blocked-final'
  | 'hidden-until-review'
  | 'restored-immune'
  | 'no-reports'
  | 'below-threshold'
  | 'needs-more-networks'
  | 'threshold-reached';

/**
 * `action` is what the caller must do for this evaluation: 'hide' exactly when this
 * evaluation moved the file into 'hidden' (emit one audit entry and one event), 'queue'
 * when it moved into 'queued', 'none' otherwise (including "already hidden").
 */
export type DecisionAction = 'none' | 'queue' | 'hide';

export interface Decision {
  readonly status: ModerationStatus;
  readonly changed: boolean;
  readonly action: DecisionAction;
  readonly rule: DecisionRule;
  /** Tally of the reports that count (in the window, after any restore/change). */
  readonly distinctReporters: number;
  readonly distinctNetworks: number;
  readonly firstReportAt: Date | null;
  readonly lastReportAt: Date | null;
  /** Reports created at or before this instant did not count. */
  readonly countedAfter: Date;
}

const DAY_MS = 86_400_000;

/**
 * Reports stamped up to this far in the future still count. Instances' clocks differ by
 * a little; without this, the third report written by an instance running slightly ahead
 * would be ignored by the one evaluating it, and the hide would wait for a fourth.
 */
export const CLOCK_SKEW_MS = 60_000;

/** The oldest instant a report may have to count: exactly windowDays old still counts. */
export function windowStart(settings: Pick<RuleSettings, 'windowDays'>, now: Date): Date {
  return new Date(now.getTime() - settings.windowDays * DAY_MS);
}

interface Tally {
  distinctReporters: number;
  distinctNetworks: number;
  firstReportAt: Date | null;
  lastReportAt: Date | null;
  countedAfter: Date;
}

/**
 * Reports that count: created in [now - windowDays, now + skew] and strictly after the
 * restore/change cutoff. A reader is every counted report linked by a shared identity
 * (address key or account key, transitively: an account seen from two addresses joins
 * both), and counts once, with the network of their earliest counted report, so a reader
 * on two networks cannot make up the network rule alone (distinctNetworks <=
 * distinctReporters always). Sorting by time, then network, makes that choice
 * independent of the order the database returns rows in.
 */
function tally(reports: readonly Report[], from: number, cutoff: number, now: number): Tally {
  const counted = reports
    .filter((r) => {
      const t = r.createdAt.getTime();
      return t >= from && t > cutoff && t <= now + CLOCK_SKEW_MS;
    })
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || compare(a.networkKey, b.networkKey));
  const readers = new Readers();
  for (const r of counted) readers.join(`a:${r.reporterKey}`, r.accountKey ? `u:${r.accountKey}` : null);
  const networkOf = new Map<string, string>();
  for (const r of counted) {
    const reader = readers.of(`a:${r.reporterKey}`);
    if (!networkOf.has(reader)) networkOf.set(reader, r.networkKey);
  }
  return {
    distinctReporters: networkOf.size,
    distinctNetworks: new Set(networkOf.values()).size,
    firstReportAt: counted.length > 0 ? new Date(counted[0].createdAt.getTime()) : null,
    lastReportAt: counted.length > 0 ? new Date(counted[counted.length - 1].createdAt.getTime()) : null,
    countedAfter: new Date(Math.max(from - 1, cutoff)),
  };
}

/** Union-find over identities: each set is one reader. */
class Readers {
  private readonly parent = new Map<string, string>();

  of(identity: string): string {
    let root = identity;
    for (let next = this.parent.get(root); next !== undefined && next !== root; next = this.parent.get(root)) root = next;
    if (!this.parent.has(identity)) this.parent.set(identity, identity);
    // Path compression keeps a long chain of shared identities linear overall.
    for (let at = identity; at !== root; ) {
      const next = this.parent.get(at)!;
      this.parent.set(at, root);
      at = next;
    }
    return root;
  }

  join(a: string, b: string | null): void {
    const ra = this.of(a);
    if (b === null) return;
    const rb = this.of(b);
    if (ra !== rb) this.parent.set(rb < ra ? ra : rb, rb < ra ? rb : ra);
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reports a moderator has already answered by restoring, or that are about the picture
 * before it changed, do not count: counting starts after the later of restoredAt and
 * fileUpdatedAt. Files never restored count everything in the window.
 */
function restoreCutoff(state: FileModerationState): number {
  const restoredAt = validTime(state.restoredAt);
  if (restoredAt === null) return Number.NEGATIVE_INFINITY;
  return Math.max(restoredAt, validTime(state.fileUpdatedAt) ?? restoredAt);
}

function isImmune(state: FileModerationState): boolean {
  if (state.status !== 'restored') return false;
  const restoredAt = validTime(state.restoredAt);
  const updatedAt = validTime(state.fileUpdatedAt);
  // No restore time: we cannot tell a later change, so the moderator's word stands.
  return restoredAt === null || updatedAt === null || updatedAt <= restoredAt;
}

function validTime(date: Date | null | undefined): number | null {
  const t = date instanceof Date ? date.getTime() : Number.NaN;
  return Number.isFinite(t) ? t : null;
}

/** States the rule may not move, and why; null when the file is to be judged. */
function heldBy(state: FileModerationState): DecisionRule | null {
  if (state.status === 'blocked') return 'blocked-final';
  if (state.status === 'hidden') return 'hidden-until-review';
  if (isImmune(state)) return 'restored-immune';
  return null;
}

/** The status the rule gives a file that may be judged (visible, queued, restored and changed). */
function judge(current: ModerationStatus, t: Tally, settings: RuleSettings): { status: ModerationStatus; rule: DecisionRule } {
  // Checked first so that no setting (threshold 0 from a buggy caller) hides an unreported file.
  if (t.distinctReporters === 0) return { status: current, rule: 'no-reports' };
  if (t.distinctReporters < settings.threshold) return { status: 'queued', rule: 'below-threshold' };
  if (t.distinctNetworks < settings.minNetworks) return { status: 'queued', rule: 'needs-more-networks' };
  return { status: 'hidden', rule: 'threshold-reached' };
}

export function decide(input: DecideInput): Decision {
  const { state, reports, settings } = input;
  const now = validTime(input.now);
  if (now === null) throw new TypeError('decide: now must be a valid Date');
  if (!isModerationStatus(state.status)) throw new TypeError('decide: unknown moderation status');

  const t = tally(reports, windowStart(settings, input.now).getTime(), restoreCutoff(state), now);
  const held = heldBy(state);
  const { status, rule } = held ? { status: state.status, rule: held } : judge(state.status, t, settings);
  const changed = status !== state.status;
  const action: DecisionAction = !changed ? 'none' : status === 'hidden' ? 'hide' : 'queue';
  return { status, changed, action, rule, ...t };
}
