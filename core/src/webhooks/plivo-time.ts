// Plivo's timestamps (`2024-03-05 17:04:09.123456`, UTC unless an offset follows, as in `+05:30`) as ISO 8601.
const PLIVO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
}

/** Minutes east of UTC, or null for an offset no time zone has. */
function offsetMinutes(offset: string | undefined): number | null {
  if (offset === undefined || offset.toUpperCase() === 'Z') return 0;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 18 || minutes > 59) return null;
  return (offset.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** `2024-03-05T17:04:09.123Z` (sub-milliseconds dropped), or null when the text is not a real date and time. */
export function plivoTimeToIso(text: string): string | null {
  const match = PLIVO_TIME.exec(text.trim());
  if (!match) return null;
  const [, year = '', month = '', day = '', hour = '', minute = '', second = '00', fraction = '', offset] = match;
  const y = Number(year);
  const mo = Number(month);
  const shift = offsetMinutes(offset);
  const valid =
    y >= 1000 &&
    mo >= 1 &&
    mo <= 12 &&
    Number(day) >= 1 &&
    Number(day) <= daysInMonth(y, mo) &&
    Number(hour) <= 23 &&
    Number(minute) <= 59 &&
    Number(second) <= 59 &&
    shift !== null;
  if (!valid) return null;
  const ms = fraction.padEnd(3, '0').slice(0, 3);
  // Plivo's usual case, UTC: the ISO text is the same fields re-punctuated, no Date arithmetic needed.
  if (shift === 0) return `${year}-${month}-${day}T${hour}:${minute}:${second}.${ms}Z`;
  const utc = Date.UTC(y, mo - 1, Number(day), Number(hour), Number(minute), Number(second), Number(ms));
  return new Date(utc - shift * 60_000).toISOString();
}
