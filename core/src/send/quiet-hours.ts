// Quiet hours: whether a message may go now in its recipient's local time, and if not, the first instant it may.
// The zone comes from the number (./time-zone-of.ts) unless the caller names one; the local-time math is Intl's
// (DST included), on the instant the caller's clock gives.
import { TextbridgeError } from '../errors/index.js';
import { checkTimeZone, timeZoneOfNumber, type TimeZoneSource } from './time-zone-of.js';

export const DEFAULT_QUIET_HOURS = { start: '08:00', end: '21:00' } as const;

export interface QuietHoursOptions {
  /** Local time sending may start, `HH:MM` (default 08:00). */
  start?: string;
  /** Local time sending must stop, `HH:MM`, exclusive (default 21:00). Before `start`: the window crosses midnight. */
  end?: string;
  /** IANA zone of the recipient; default: from the number. */
  timeZone?: string;
}

/** Names the fields in errors (hosts pass their own words). */
export interface QuietHoursLabels {
  start: string;
  end: string;
  timeZone: string;
  to: string;
}

export type QuietHoursDecision =
  | { hold: false; timeZone: string; source: TimeZoneSource }
  | { hold: true; sendAfter: string; timeZone: string; source: TimeZoneSource };

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;
const DEFAULT_LABELS: QuietHoursLabels = { start: 'quietHours.start', end: 'quietHours.end', timeZone: 'quietHours.timeZone', to: 'dst' };

/**
 * Holds or lets go a message to `e164` at `now`: `{ hold: true, sendAfter }` names the first instant (ISO-8601, UTC)
 * when the recipient's local time is inside the window. Throws TextbridgeError INVALID_INPUT for a bad window or
 * zone, or when the number's zone is unknown and none was given.
 */
export function quietHoursDecision(
  e164: string,
  now: number | Date,
  options: QuietHoursOptions = {},
  labels: QuietHoursLabels = DEFAULT_LABELS,
): QuietHoursDecision {
  const start = readTimeOfDay(options.start ?? DEFAULT_QUIET_HOURS.start, labels.start, false);
  const end = readTimeOfDay(options.end ?? DEFAULT_QUIET_HOURS.end, labels.end, true);
  if (start === end % MINUTES_PER_DAY) {
    throw new TextbridgeError('INVALID_INPUT', `${labels.start} and ${labels.end} are equal: the window is empty.`, { field: labels.end });
  }
  const zone = zoneFor(e164, options.timeZone, labels);
  const instant = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(instant)) {
    throw new TextbridgeError('INVALID_INPUT', 'Quiet hours: no valid time from the clock.', { field: 'clock' });
  }
  const at = firstAllowedInstant(zone.timeZone, instant, start, end);
  if (at === instant) return { hold: false, ...zone };
  return { hold: true, sendAfter: new Date(at).toISOString(), ...zone };
}

function zoneFor(e164: string, explicit: string | undefined, labels: QuietHoursLabels): { timeZone: string; source: TimeZoneSource } {
  const named = explicit === undefined ? '' : String(explicit).trim();
  if (named !== '') return { timeZone: checkTimeZone(named, labels.timeZone), source: 'explicit' };
  const found = timeZoneOfNumber(e164);
  if (found) return found;
  throw new TextbridgeError('INVALID_INPUT', `${labels.to} ${e164}: no time zone is known for this number.`, {
    field: labels.timeZone,
    hint: `Give the time zone in ${labels.timeZone}, e.g. Europe/Berlin.`,
  });
}

/** `HH:MM` (or `H:MM`) → minutes after midnight; `24:00` only as an end. */
function readTimeOfDay(input: unknown, field: string, isEnd: boolean): number {
  const match = typeof input === 'string' ? /^\s*(\d{1,2}):([0-5]\d)\s*$/.exec(input) : null;
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!(minutes < MINUTES_PER_DAY || (isEnd && minutes === MINUTES_PER_DAY))) {
    throw new TextbridgeError('INVALID_INPUT', `${field} must be a 24-hour time HH:MM, e.g. 08:00, not ${JSON.stringify(input)}.`, { field });
  }
  return minutes;
}

function inWindow(minuteOfDay: number, start: number, end: number): boolean {
  return start < end ? minuteOfDay >= start && minuteOfDay < end : minuteOfDay >= start || minuteOfDay < end;
}

/**
 * The first instant ≥ `now` whose local minute is inside the window. Between offset changes local time runs with
 * UTC, so each stretch of one offset is solved by arithmetic; a change of offset (found by hourly probes, then
 * bisection to the second) may itself move local time into the window, and then is the answer.
 */
function firstAllowedInstant(zone: string, now: number, start: number, end: number): number {
  const offsetAt = offsetReader(zone);
  let from = now;
  let offset = offsetAt(from);
  // The window opens within a day of local time; two days bound any DST shift (the loop cannot spin).
  while (from < now + 2 * DAY) {
    const candidate = firstAllowedWithOffset(from, offset, start, end);
    const change = firstOffsetChange(offsetAt, from, candidate, offset);
    if (change === undefined) return candidate;
    from = change;
    offset = offsetAt(change);
  }
  throw new TextbridgeError('INVALID_INPUT', `Quiet hours: no allowed time in ${zone} within two days.`);
}

/** The answer if the offset stayed `offset` from `from` on. */
function firstAllowedWithOffset(from: number, offset: number, start: number, end: number): number {
  const local = from + offset;
  if (inWindow(mod(Math.floor(local / MINUTE), MINUTES_PER_DAY), start, end)) return from;
  let opening = local - mod(local, DAY) + start * MINUTE;
  if (opening <= local) opening += DAY;
  return opening - offset;
}

/** The first second in (from, until] whose offset is not `offset`, or undefined. */
function firstOffsetChange(offsetAt: (t: number) => number, from: number, until: number, offset: number): number | undefined {
  let low = from;
  for (let probe = Math.min(from + HOUR, until); ; probe = Math.min(probe + HOUR, until)) {
    if (offsetAt(probe) !== offset) return bisect(offsetAt, low, probe, offset);
    if (probe >= until) return undefined;
    low = probe;
  }
}

/** Offset at `low` is `offset`, at `high` it is not: the first whole second where it changed. */
function bisect(offsetAt: (t: number) => number, low: number, high: number, offset: number): number {
  let lo = Math.floor(low / 1000);
  let hi = Math.floor(high / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid * 1000) === offset) lo = mid;
    else hi = mid;
  }
  return Math.max(hi * 1000, low + 1);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Local wall time minus UTC at an instant (to the second), in ms. */
function offsetReader(zone: string): (t: number) => number {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size > 500) formatters.clear();
    formatters.set(zone, format);
  }
  const reader = format;
  return (t) => {
    const parts: Record<string, number> = {};
    for (const part of reader.formatToParts(t)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
    const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour! % 24, parts.minute!, parts.second!);
    return wall - (t - mod(t, 1000));
  };
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
