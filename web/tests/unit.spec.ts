// The console's pure helpers, without a browser: money, UK dates and times,
// error field paths, idempotency keys, the Server-Sent Events parser and
// the case-reference date check.

import { expect, test } from '@playwright/test';
import { Action, fieldOf } from '../src/lib/api';
import { controlFor } from '../src/lib/fields';
import {
  addMonths, hoursFromMinutes, londonToInstant, money, parseHoursToMinutes, parsePounds, penceToPoundsInput, todayInLondon, ukDate, ukTime,
} from '../src/lib/format';
import { looksLikeDate } from '../src/lib/rules';
import { SseParser } from '../src/lib/sse';

test.describe('unit', () => {
  test('money is pounds and pence from whole pence, with no floating point', () => {
    expect(money('103500')).toBe('£1,035.00');
    expect(money('0')).toBe('£0.00');
    expect(money(undefined)).toBe('£0.00');
    expect(money('5')).toBe('£0.05');
    expect(money('-1850')).toBe('-£18.50');
    expect(money('900719925474099312')).toBe('£9,007,199,254,740,993.12');
    expect(parsePounds('1,035')).toBe('103500');
    expect(parsePounds('£850.5')).toBe('85050');
    expect(parsePounds('18.50')).toBe('1850');
    expect(parsePounds('18.505')).toBeNull();
    expect(parsePounds('abc')).toBeNull();
    expect(penceToPoundsInput('85000')).toBe('850.00');
  });

  test('dates are UK dates and times are UK civil time', () => {
    expect(ukDate({ year: 2026, month: 12, day: 16 })).toBe('16 December 2026');
    expect(ukDate(undefined)).toBe('');
    expect(ukTime('2026-12-16T14:05:00Z')).toBe('16 December 2026, 14:05');
    expect(ukTime('2027-07-01T14:05:00Z')).toBe('1 July 2027, 15:05');
    expect(londonToInstant({ year: 2027, month: 7, day: 1 }, 17, 0)).toBe('2027-07-01T16:00:00Z');
    expect(londonToInstant({ year: 2026, month: 12, day: 15 }, 17, 0)).toBe('2026-12-15T17:00:00Z');
    expect(todayInLondon(new Date('2026-06-30T23:30:00Z'))).toEqual({ year: 2026, month: 7, day: 1 });
    expect(addMonths({ year: 2026, month: 12, day: 31 }, 2)).toEqual({ year: 2027, month: 2, day: 28 });
  });

  test('support time is shown in hours and read back as minutes', () => {
    expect(hoursFromMinutes('600')).toBe('10 hours');
    expect(hoursFromMinutes('450')).toBe('7.5 hours');
    expect(hoursFromMinutes('60')).toBe('1 hour');
    expect(parseHoursToMinutes('6')).toBe(360);
    expect(parseHoursToMinutes('7.5')).toBe(450);
    expect(parseHoursToMinutes('-1')).toBeNull();
  });

  test("an error's field path is mapped to the form's control", () => {
    expect(fieldOf("referral.age: 15 is outside the framework's ages 16 to 25")).toBe('referral.age');
    expect(fieldOf('referral.needs[2]: GOING_MISSING is listed twice')).toBe('referral.needs[2]');
    expect(fieldOf("offer.accommodation_weekly_pence 95000 is above the price book's 88000")).toBe('offer.accommodation_weekly_pence');
    expect(fieldOf('the referral is already AWARDED')).toBeNull();
    const map = { 'referral.needs': 'needs', 'referral.home_location': 'latitude', 'referral.home_location.longitude': 'longitude' };
    expect(controlFor('referral.needs[2]', map)).toBe('needs');
    expect(controlFor('referral.home_location.longitude', map)).toBe('longitude');
    expect(controlFor('referral.home_location', map)).toBe('latitude');
    expect(controlFor('referral.age', map)).toBeUndefined();
  });

  test('one action keeps its idempotency key while the request is the same', () => {
    const a = new Action();
    const first = a.idFor({ x: 1 });
    expect(a.idFor({ x: 1 })).toBe(first);
    const changed = a.idFor({ x: 2 });
    expect(changed).not.toBe(first);
    a.done();
    expect(a.idFor({ x: 2 })).not.toBe(changed);
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('the event-stream parser follows the WHATWG rules', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\n\n')).toEqual([]);
    expect(p.push('id: 7\ndata: {"a":')).toEqual([]);
    expect(p.push('1}\n\n')).toEqual([{ id: '7', event: 'message', data: '{"a":1}' }]);
    expect(p.push('event: error\r\ndata: x\r\ndata: y\r\n\r\n')).toEqual([{ id: '7', event: 'error', data: 'x\ny' }]);
  });

  test('a case reference shaped like a date is refused, as the hub does', () => {
    for (const text of ['SEF 12 March 2009', '3-mar-09', '12/03/2009', 'X-2009-03-12', '1.2.09']) expect(looksLikeDate(text), text).toBe(true);
    for (const text of ['SEF-2291', 'SEF-DEMO-20261202', 'CASE 12', '123-45']) expect(looksLikeDate(text), text).toBe(false);
  });
});
