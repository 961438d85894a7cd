// List filters take times in UTC as `YYYY-MM-DD HH:MM[:ss[.uuuuuu]]`; callers give a Date or any ISO-8601 text.
import { invalid } from './validate.js';

const PLIVO_FILTER_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Renders an instant as Plivo's UTC filter time, with microseconds only when there are milliseconds. */
export function formatPlivoFilterTime(date: Date): string {
  const base =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const ms = date.getUTCMilliseconds();
  return ms === 0 ? base : `${base}.${pad(ms, 3)}000`;
}

/**
 * Accepts a Date, Plivo's own format (read as UTC, passed through), or ISO-8601 text (a date alone is midnight UTC,
 * a time without offset is UTC, an offset is honoured). Throws INVALID_INPUT naming `field` otherwise.
 */
export function toPlivoFilterTime(value: Date | string, field: string, operation: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) invalid('INVALID_INPUT', `${operation}: ${field} is an invalid date.`, field);
    return formatPlivoFilterTime(value);
  }
  const text = value.trim();
  if (PLIVO_FILTER_TIME.test(text)) return text;
  // JavaScript reads a date-time without offset as local time; filters are UTC, so read it as UTC.
  const iso = /^\d{4}-\d{2}-\d{2}T[^Zz+]*$/.test(text) && !/T.*-/.test(text) ? `${text}Z` : text;
  const parsed = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(text) ? Date.parse(iso) : Number.NaN;
  if (Number.isNaN(parsed)) {
    invalid(
      'INVALID_INPUT',
      `${operation}: ${field} ${JSON.stringify(text.slice(0, 40))} is not a date and time; use ISO 8601, e.g. 2024-05-01T09:30:00Z.`,
      field,
    );
  }
  return formatPlivoFilterTime(new Date(parsed));
}
