import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';
import { MAIN_ZONE, NANP_ZONE_LETTERS, PREFIX_ZONES } from '../../src/send/data/time-zones.js';
import { TextbridgeError } from '../../src/index.js';
import { quietHoursDecision, timeZoneOfNumber } from '../../src/send/index.js';

const MINUTE = 60_000;

/** The oracle: the local "HH:MM" Intl shows for an instant, as minutes after midnight (independent of the code). */
const clockFaces = new Map<string, Intl.DateTimeFormat>();
function localMinute(zone: string, instant: number): number {
  let face = clockFaces.get(zone);
  if (!face) {
    face = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    clockFaces.set(zone, face);
  }
  const [hours, minutes] = face.format(instant).split(':').map(Number);
  return (hours! % 24) * 60 + minutes!;
}

function allowed(zone: string, instant: number, start: number, end: number): boolean {
  const minute = localMinute(zone, instant);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe('quietHoursDecision', () => {
  it('lets a message go inside 08:00–21:00 local time and holds it outside, with the zone from the area code', () => {
    // 04:00 in Los Angeles (PST, UTC-8).
    expect(quietHoursDecision('+14155550100', Date.parse('2026-12-03T12:00:00Z'))).toEqual({
      hold: true,
      sendAfter: '2026-12-03T16:00:00.000Z',
      timeZone: 'America/Los_Angeles',
      source: 'area-code',
    });
    expect(quietHoursDecision('+14155550100', Date.parse('2026-12-03T20:00:00Z'))).toEqual({
      hold: false,
      timeZone: 'America/Los_Angeles',
      source: 'area-code',
    });
    // 21:00 is outside (the end is exclusive): the next morning.
    expect(quietHoursDecision('+14155550100', Date.parse('2026-12-04T05:00:00Z'))).toMatchObject({
      hold: true,
      sendAfter: '2026-12-04T16:00:00.000Z',
    });
  });

  it('uses an explicit time zone over the number', () => {
    expect(quietHoursDecision('+14155550100', Date.parse('2026-12-03T12:00:00Z'), { timeZone: 'Europe/Berlin' })).toEqual({
      hold: false,
      timeZone: 'Europe/Berlin',
      source: 'explicit',
    });
  });

  it('handles windows that cross midnight', () => {
    const window = { start: '22:00', end: '06:00', timeZone: 'UTC' };
    expect(quietHoursDecision('+442071234567', Date.parse('2026-06-01T12:00:00Z'), window)).toMatchObject({
      hold: true,
      sendAfter: '2026-06-01T22:00:00.000Z',
    });
    expect(quietHoursDecision('+442071234567', Date.parse('2026-06-01T23:30:00Z'), window).hold).toBe(false);
    expect(quietHoursDecision('+442071234567', Date.parse('2026-06-02T05:59:59Z'), window).hold).toBe(false);
    expect(quietHoursDecision('+442071234567', Date.parse('2026-06-02T06:00:00Z'), window)).toMatchObject({
      hold: true,
      sendAfter: '2026-06-02T22:00:00.000Z',
    });
  });

  it('opens at the spring-forward jump when the start time does not exist that day', () => {
    // New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT (07:00 UTC); 02:30 never happens.
    expect(
      quietHoursDecision('+12125550100', Date.parse('2026-03-08T06:00:00Z'), { start: '02:30', end: '21:00' }),
    ).toMatchObject({ hold: true, sendAfter: '2026-03-08T07:00:00.000Z', timeZone: 'America/New_York' });
  });

  it('counts the start in the new offset after a fall-back night', () => {
    // Berlin, 25 October 2026: 03:00 CEST becomes 02:00 CET; 08:00 CET is 07:00 UTC.
    expect(quietHoursDecision('+4930123456', Date.parse('2026-10-24T20:00:00Z'))).toMatchObject({
      hold: true,
      sendAfter: '2026-10-25T07:00:00.000Z',
      timeZone: 'Europe/Berlin',
      source: 'country',
    });
  });

  it('names the field of a bad window or zone', () => {
    const at = Date.parse('2026-06-01T12:00:00Z');
    const cases: [object, string, RegExp][] = [
      [{ start: '8am' }, 'quietHours.start', /HH:MM/],
      [{ end: '25:00' }, 'quietHours.end', /HH:MM/],
      [{ start: '09:00', end: '09:00' }, 'quietHours.end', /empty/],
      [{ timeZone: 'Mars/Olympus_Mons' }, 'quietHours.timeZone', /not a known time zone/],
    ];
    for (const [options, field, message] of cases) {
      let caught: unknown;
      try {
        quietHoursDecision('+14155550100', at, options);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TextbridgeError);
      expect(caught).toMatchObject({ code: 'INVALID_INPUT', field });
      expect((caught as Error).message).toMatch(message);
    }
  });

  it('property: a held message may go at sendAfter and at no earlier minute; a message let go is inside the window', () => {
    const zones = [
      'America/New_York',
      'America/Los_Angeles',
      'America/St_Johns',
      'America/Santiago',
      'Europe/London',
      'Europe/Berlin',
      'Africa/Casablanca',
      'Asia/Kathmandu',
      'Asia/Kolkata',
      'Australia/Lord_Howe',
      'Australia/Sydney',
      'Pacific/Chatham',
      'Pacific/Apia',
      'UTC',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2040-01-01T00:00:00Z') }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 1439 }),
        (zone, now, start, length) => {
          const end = (start + length) % 1440;
          const decision = quietHoursDecision('+14155550100', now, { start: hhmm(start), end: hhmm(end), timeZone: zone });
          if (!decision.hold) {
            expect(allowed(zone, now, start, end)).toBe(true);
            return;
          }
          expect(allowed(zone, now, start, end)).toBe(false);
          const sendAfter = Date.parse(decision.sendAfter);
          expect(sendAfter).toBeGreaterThan(now);
          expect(allowed(zone, sendAfter, start, end)).toBe(true);
          for (let minute = Math.ceil(now / MINUTE) * MINUTE; minute < sendAfter; minute += MINUTE) {
            if (allowed(zone, minute, start, end)) throw new Error(`${new Date(minute).toISOString()} was allowed already`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: exact around DST changes (instants within a day of a transition)', () => {
    const transitions = [
      ['America/New_York', '2026-03-08T07:00:00Z'],
      ['America/New_York', '2026-11-01T06:00:00Z'],
      ['Europe/Berlin', '2026-03-29T01:00:00Z'],
      ['Europe/Berlin', '2026-10-25T01:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
      ['America/St_Johns', '2026-03-08T05:30:00Z'],
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...transitions),
        fc.integer({ min: -36 * 60, max: 12 * 60 }),
        fc.integer({ min: 0, max: 1439 }),
        fc.integer({ min: 1, max: 1439 }),
        ([zone, transition], shiftMinutes, start, length) => {
          const now = Date.parse(transition) + shiftMinutes * MINUTE + 17_000;
          const end = (start + length) % 1440;
          const decision = quietHoursDecision('+14155550100', now, { start: hhmm(start), end: hhmm(end), timeZone: zone });
          if (!decision.hold) {
            expect(allowed(zone, now, start, end)).toBe(true);
            return;
          }
          const sendAfter = Date.parse(decision.sendAfter);
          expect(allowed(zone, sendAfter, start, end)).toBe(true);
          for (let minute = Math.ceil(now / MINUTE) * MINUTE; minute < sendAfter; minute += MINUTE) {
            if (allowed(zone, minute, start, end)) throw new Error(`${new Date(minute).toISOString()} was allowed already`);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('timeZoneOfNumber', () => {
  it.each([
    ['+442071234567', 'Europe/London', 'country'],
    ['+4930123456', 'Europe/Berlin', 'country'],
    ['+8613812345678', 'Asia/Shanghai', 'country'],
    ['+18765550100', 'America/Jamaica', 'country'],
    ['+16045550100', 'America/Vancouver', 'area-code'],
    ['+19075550100', 'America/Anchorage', 'area-code'],
    ['+18085550100', 'Pacific/Honolulu', 'area-code'],
    ['+16025550100', 'America/Phoenix', 'area-code'],
    ['+18005550100', 'America/New_York', 'country-default'],
    ['+61892345678', 'Australia/Perth', 'area-code'],
    ['+61889123456', 'Australia/Darwin', 'area-code'],
    ['+61412345678', 'Australia/Sydney', 'country-default'],
    ['+73831234567', 'Europe/Moscow', 'country-default'],
    ['+79161234567', 'Europe/Moscow', 'country-default'],
    ['+5592912345678', 'America/Manaus', 'area-code'],
    ['+526641234567', 'America/Tijuana', 'area-code'],
    ['+62361123456', 'Asia/Jakarta', 'country-default'],
    ['+34922123456', 'Atlantic/Canary', 'area-code'],
  ])('%s is in %s (%s)', (number, timeZone, source) => {
    expect(timeZoneOfNumber(number)).toEqual({ timeZone, source });
  });

  it("takes a one-zone country's zone from Intl (CLDR may use the older name)", () => {
    expect(['Asia/Kolkata', 'Asia/Calcutta']).toContain(timeZoneOfNumber('+919876543210')?.timeZone);
    expect(timeZoneOfNumber('+919876543210')?.source).toBe('country');
  });

  it('finds a zone for every country libphonenumber knows', () => {
    const missing = getCountries().filter((country) => {
      const example = getExampleNumber(country, examples);
      return example !== undefined && timeZoneOfNumber(example.number) === undefined;
    });
    expect(missing).toEqual([]);
  });

  it('names only zones this system knows', () => {
    const zones = [
      ...MAIN_ZONE.split(' ').map((pair) => pair.split('=')[1]!),
      ...NANP_ZONE_LETTERS.split(' ').map((pair) => pair.split('=')[1]!).map((name) => (name.includes('/') ? name : `America/${name}`)),
    ];
    for (const entry of PREFIX_ZONES.split('|')) {
      const [head, ...rest] = entry.split(';');
      const fallback = head!.split('>')[1]!;
      zones.push(fallback);
      const area = fallback.slice(0, fallback.indexOf('/') + 1);
      for (const zone of rest) {
        const name = zone.split(':')[0]!;
        zones.push(name.includes('/') ? name : area + name);
      }
    }
    for (const timeZone of zones) expect(() => new Intl.DateTimeFormat('en', { timeZone }), timeZone).not.toThrow();
  });

  it('lists no area code twice within a country', () => {
    for (const entry of PREFIX_ZONES.split('|')) {
      const [head, ...zones] = entry.split(';');
      const seen = new Map<string, string>();
      for (const zone of zones) {
        const [name, prefixes] = zone.split(':') as [string, string];
        for (const prefix of prefixes.split(' ')) {
          expect(seen.get(prefix), `${head} ${prefix}: ${seen.get(prefix)} and ${name}`).toBeUndefined();
          seen.set(prefix, name);
        }
      }
    }
  });
});
