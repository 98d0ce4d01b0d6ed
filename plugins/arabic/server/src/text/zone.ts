/** Time-zone arithmetic with Intl only (ICU's tz data, including Morocco's Ramadan switches). */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone, hourCycle: 'h23',
      year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Offset of timeZone from UTC at the instant ms, in ms (wall clock = UTC + offset). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of wallClockFormatter(timeZone).formatToParts(ms)) p[type] = Number(value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

export interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

/**
 * The instant at which timeZone's clocks show the wall-clock time w. Around a transition it
 * behaves like Temporal's 'compatible': a repeated time takes the earlier instant, a skipped time
 * is pushed forward by the gap (02:30 in a 02:00 -> 03:00 gap gives 03:30).
 */
export function wallClockToInstant(w: WallClock, timeZone: string): number {
  const local = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // No zone changes offset twice within two days, so the offsets a day either side are the only candidates.
  const before = zoneOffsetMs(local - DAY_MS, timeZone);
  const after = zoneOffsetMs(local + DAY_MS, timeZone);
  const valid = [local - before, local - after].filter((t) => zoneOffsetMs(t, timeZone) === local - t);
  return valid.length ? Math.min(...valid) : local - before;
}
