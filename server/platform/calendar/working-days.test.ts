import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkingCalendar, chinaDateKey } from './working-days.ts';

const cal = new WorkingCalendar();

/** "2025-10-09 17:30" in China Standard Time → ISO UTC. */
function cst(local: string): string {
  return new Date(`${local.replace(' ', 'T')}:00+08:00`).toISOString();
}

/** Instants from 2024-12-01 to 2027-01-31, millisecond resolution. */
const instantArb = fc
  .integer({ min: Date.parse('2024-12-01T00:00:00+08:00'), max: Date.parse('2027-01-31T00:00:00+08:00') })
  .map((ms) => new Date(ms));

/** Instants weighted towards the 2025 National Day and 2026 Spring Festival holidays. */
const holidayInstantArb = fc.oneof(
  instantArb,
  fc.integer({ min: Date.parse('2025-09-25T00:00:00+08:00'), max: Date.parse('2025-10-13T00:00:00+08:00') }).map((ms) => new Date(ms)),
  fc.integer({ min: Date.parse('2026-02-10T00:00:00+08:00'), max: Date.parse('2026-03-02T00:00:00+08:00') }).map((ms) => new Date(ms)),
);

describe('isWorkingDay', () => {
  it('follows the 2025 National Day arrangement, make-up Saturdays and Sundays included', () => {
    expect(cal.isWorkingDay('2025-09-26')).toBe(true); // Friday
    expect(cal.isWorkingDay('2025-09-27')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2025-09-28')).toBe(true); // Sunday, make-up working day
    expect(cal.isWorkingDay('2025-09-30')).toBe(true);
    for (let d = 1; d <= 8; d++) expect(cal.isWorkingDay(`2025-10-0${d}`)).toBe(false);
    expect(cal.isWorkingDay('2025-10-09')).toBe(true);
    expect(cal.isWorkingDay('2025-10-10')).toBe(true);
    expect(cal.isWorkingDay('2025-10-11')).toBe(true); // Saturday, make-up working day
    expect(cal.isWorkingDay('2025-10-12')).toBe(false); // Sunday
  });

  it('follows the 2026 Spring Festival arrangement', () => {
    expect(cal.isWorkingDay('2026-02-13')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up working day
    for (let d = 15; d <= 23; d++) expect(cal.isWorkingDay(`2026-02-${d}`)).toBe(false); // 除夕前一日 … 初七
    expect(cal.isWorkingDay('2026-02-24')).toBe(true);
    expect(cal.isWorkingDay('2026-02-28')).toBe(true); // Saturday, make-up working day
    expect(cal.isWorkingDay('2026-03-01')).toBe(false); // Sunday
  });

  it('reads an instant on its China Standard Time day, not its UTC day', () => {
    // 2025-09-30T16:30Z is 2025-10-01 00:30 in Chengdu: a holiday.
    expect(cal.isWorkingDay(new Date('2025-09-30T16:30:00Z'))).toBe(false);
    expect(cal.isWorkingDay('2025-09-30T15:59:59Z')).toBe(true);
    expect(chinaDateKey('2025-09-30T16:00:00Z')).toBe('2025-10-01');
  });

  it('falls back to Monday–Friday for years without official data', () => {
    expect(cal.isWorkingDay('2030-01-07')).toBe(true); // Monday
    expect(cal.isWorkingDay('2030-01-05')).toBe(false); // Saturday
  });

  it('rejects malformed and impossible dates', () => {
    expect(() => cal.isWorkingDay('2025-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('not a date')).toThrow(RangeError);
    expect(() => new WorkingCalendar({ extraHolidays: ['2025/10/01'] })).toThrow(RangeError);
    expect(() => new WorkingCalendar({ extraHolidays: ['2025-10-09'], extraWorkdays: ['2025-10-09'] })).toThrow(/both/);
  });

  describe('in a server time zone west of UTC', () => {
    const saved = process.env.TZ;
    afterEach(() => {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    });

    it('gives the same answers', () => {
      process.env.TZ = 'America/Los_Angeles';
      const west = new WorkingCalendar();
      expect(west.isWorkingDay('2025-10-01')).toBe(false);
      expect(west.isWorkingDay('2025-09-28')).toBe(true);
      expect(west.isWorkingDay('2025-10-09')).toBe(true);
      expect(west.isWorkingDay('2026-02-14')).toBe(true);
      expect(west.isWorkingDay('2026-02-24')).toBe(true);
      expect(west.addWorkingDays(cst('2025-09-30 10:00'), 1).toISOString()).toBe(cst('2025-10-09 17:30'));
    });
  });
});

describe('addWorkingDays', () => {
  it('counts from the next working day and ends at closing time', () => {
    // Monday morning, 1 working day → Tuesday 17:30, whatever the hour of reporting.
    expect(cal.addWorkingDays(cst('2025-06-09 08:00'), 1).toISOString()).toBe(cst('2025-06-10 17:30'));
    expect(cal.addWorkingDays(cst('2025-06-09 23:59'), 1).toISOString()).toBe(cst('2025-06-10 17:30'));
    // Friday → Monday; reported on Saturday → Monday too.
    expect(cal.addWorkingDays(cst('2025-06-13 10:00'), 1).toISOString()).toBe(cst('2025-06-16 17:30'));
    expect(cal.addWorkingDays(cst('2025-06-14 10:00'), 1).toISOString()).toBe(cst('2025-06-16 17:30'));
    expect(cal.addWorkingDays(cst('2025-06-09 10:00'), 0).toISOString()).toBe(cst('2025-06-09 10:00'));
  });

  it('crosses the 2025 National Day holiday and its make-up days', () => {
    // Friday 26 Sep: day 1 is Sunday 28 Sep (make-up), day 2 Mon 29, day 3 Tue 30, day 4 Thu 9 Oct.
    const start = cst('2025-09-26 15:00');
    expect(cal.addWorkingDays(start, 1).toISOString()).toBe(cst('2025-09-28 17:30'));
    expect(cal.addWorkingDays(start, 3).toISOString()).toBe(cst('2025-09-30 17:30'));
    expect(cal.addWorkingDays(start, 4).toISOString()).toBe(cst('2025-10-09 17:30'));
    expect(cal.addWorkingDays(start, 6).toISOString()).toBe(cst('2025-10-11 17:30')); // Saturday, make-up
    expect(cal.addWorkingDays(start, 7).toISOString()).toBe(cst('2025-10-13 17:30'));
    // Reported during the holiday.
    expect(cal.addWorkingDays(cst('2025-10-03 09:00'), 1).toISOString()).toBe(cst('2025-10-09 17:30'));
  });

  it('crosses Spring Festival 2026', () => {
    // Friday 13 Feb: day 1 Saturday 14 (make-up), day 2 Tuesday 24 Feb.
    expect(cal.addWorkingDays(cst('2026-02-13 11:00'), 1).toISOString()).toBe(cst('2026-02-14 17:30'));
    expect(cal.addWorkingDays(cst('2026-02-13 11:00'), 2).toISOString()).toBe(cst('2026-02-24 17:30'));
    expect(cal.addWorkingDays(cst('2026-02-14 16:00'), 1).toISOString()).toBe(cst('2026-02-24 17:30'));
    // Reported on 除夕 (16 Feb), 5 working days: 24, 25, 26, 27, 28 (Saturday make-up).
    expect(cal.addWorkingDays(cst('2026-02-16 20:00'), 5).toISOString()).toBe(cst('2026-02-28 17:30'));
    expect(cal.addWorkingDays(cst('2026-02-16 20:00'), 6).toISOString()).toBe(cst('2026-03-02 17:30'));
  });

  it('rejects negative and fractional counts', () => {
    expect(() => cal.addWorkingDays(cst('2025-06-09 10:00'), -1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays(cst('2025-06-09 10:00'), 1.5)).toThrow(RangeError);
  });
});

describe('addWorkingHours', () => {
  it('counts only working hours', () => {
    expect(cal.addWorkingHours(cst('2025-06-09 10:00'), 1).toISOString()).toBe(cst('2025-06-09 11:00'));
    // Over lunch: 11:00 + 2 h = 12:00 + 1 h from 13:30 = 14:30.
    expect(cal.addWorkingHours(cst('2025-06-09 11:00'), 2).toISOString()).toBe(cst('2025-06-09 14:30'));
    // Ending exactly at a closing time gives the closing time.
    expect(cal.addWorkingHours(cst('2025-06-09 11:00'), 1).toISOString()).toBe(cst('2025-06-09 12:00'));
    expect(cal.addWorkingHours(cst('2025-06-09 09:00'), 7).toISOString()).toBe(cst('2025-06-09 17:30'));
    // Overnight and over the weekend.
    expect(cal.addWorkingHours(cst('2025-06-13 17:00'), 1).toISOString()).toBe(cst('2025-06-16 09:30'));
  });

  it('starts at the next opening when started outside working hours', () => {
    expect(cal.addWorkingHours(cst('2025-06-09 07:00'), 1).toISOString()).toBe(cst('2025-06-09 10:00'));
    expect(cal.addWorkingHours(cst('2025-06-09 12:40'), 1).toISOString()).toBe(cst('2025-06-09 14:30'));
    expect(cal.addWorkingHours(cst('2025-06-09 12:00'), 0.5).toISOString()).toBe(cst('2025-06-09 14:00'));
    expect(cal.addWorkingHours(cst('2025-06-09 19:00'), 1).toISOString()).toBe(cst('2025-06-10 10:00'));
    expect(cal.addWorkingHours(cst('2025-06-14 10:00'), 1).toISOString()).toBe(cst('2025-06-16 10:00'));
  });

  it('skips the National Day holiday and counts the make-up Sunday', () => {
    // Saturday 27 Sep 2025 is off; Sunday 28 Sep is a working day.
    expect(cal.addWorkingHours(cst('2025-09-27 10:00'), 2).toISOString()).toBe(cst('2025-09-28 11:00'));
    // Tuesday 30 Sep 16:30 + 2 h → 1 h on 30 Sep, 1 h on Thursday 9 Oct.
    expect(cal.addWorkingHours(cst('2025-09-30 16:30'), 2).toISOString()).toBe(cst('2025-10-09 10:00'));
    // 24 working hours from Friday 10 Oct 09:00: 10 Oct (7), 11 Oct make-up (7), 13 Oct (7), 3 h on 14 Oct.
    expect(cal.addWorkingHours(cst('2025-10-10 09:00'), 24).toISOString()).toBe(cst('2025-10-14 12:00'));
  });

  it('skips Spring Festival 2026', () => {
    expect(cal.addWorkingHours(cst('2026-02-14 17:00'), 1).toISOString()).toBe(cst('2026-02-24 09:30'));
    expect(cal.addWorkingHours(cst('2026-02-18 10:00'), 8).toISOString()).toBe(cst('2026-02-25 10:00'));
  });

  it('measures working hours between instants', () => {
    expect(cal.workingHoursBetween(cst('2025-06-09 08:00'), cst('2025-06-09 20:00'))).toBe(7);
    expect(cal.workingHoursBetween(cst('2025-06-09 11:30'), cst('2025-06-09 14:00'))).toBe(1);
    expect(cal.workingHoursBetween(cst('2025-06-09 14:00'), cst('2025-06-09 11:30'))).toBe(-1);
    expect(cal.workingHoursBetween(cst('2025-09-30 09:00'), cst('2025-10-09 12:00'))).toBe(10);
    expect(cal.workingHoursBetween(cst('2026-02-13 09:00'), cst('2026-02-24 17:30'))).toBe(21);
  });
});

describe('deadlineFor', () => {
  it('dispatches on the unit and refuses non-positive limits', () => {
    const start = cst('2025-09-30 16:30');
    expect(cal.deadlineFor(start, { unit: 'hours', amount: 2 }).toISOString()).toBe(cst('2025-10-09 10:00'));
    expect(cal.deadlineFor(start, { unit: 'days', amount: 1 }).toISOString()).toBe(cst('2025-10-09 17:30'));
    expect(() => cal.deadlineFor(start, { unit: 'days', amount: 0 })).toThrow(RangeError);
    expect(() => cal.deadlineFor(start, { unit: 'hours', amount: -1 })).toThrow(RangeError);
  });
});

describe('overrides', () => {
  it('take precedence over the official calendar', () => {
    const local = new WorkingCalendar({
      extraHolidays: ['2025-10-09', '2025-06-10'], // an official working day and an ordinary Tuesday off
      extraWorkdays: ['2025-10-04', '2025-06-14'], // an official holiday and an ordinary Saturday worked
    });
    expect(local.isWorkingDay('2025-10-09')).toBe(false);
    expect(local.isWorkingDay('2025-06-10')).toBe(false);
    expect(local.isWorkingDay('2025-10-04')).toBe(true);
    expect(local.isWorkingDay('2025-06-14')).toBe(true);
    expect(local.addWorkingDays(cst('2025-09-30 10:00'), 1).toISOString()).toBe(cst('2025-10-04 17:30'));
    expect(local.addWorkingDays(cst('2025-10-04 10:00'), 1).toISOString()).toBe(cst('2025-10-10 17:30'));
    expect(local.addWorkingHours(cst('2025-06-09 17:00'), 1).toISOString()).toBe(cst('2025-06-11 09:30'));
  });

  it('hold for every date, by property', () => {
    const dayArb = fc.integer({ min: 0, max: 800 }).map((k) => new Date(Date.UTC(2025, 0, 1 + k)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.uniqueArray(dayArb, { maxLength: 12 }), fc.uniqueArray(dayArb, { maxLength: 12 }), dayArb, (offs, ons, probe) => {
        const workdays = ons.filter((d) => !offs.includes(d));
        const local = new WorkingCalendar({ extraHolidays: offs, extraWorkdays: workdays });
        const expected = offs.includes(probe) ? false : workdays.includes(probe) ? true : cal.isWorkingDay(probe);
        expect(local.isWorkingDay(probe)).toBe(expected);
        // A deadline never lands on a day the overrides declare off.
        const due = local.addWorkingDays(`${probe}T02:00:00Z`, 3);
        expect(offs).not.toContain(chinaDateKey(due));
        expect(local.isWorkingDay(due)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts custom working hours', () => {
    const shifts = new WorkingCalendar({ workingHours: [{ start: '14:00', end: '18:00' }, { start: '08:30', end: '12:00' }] });
    expect(shifts.hoursPerDay).toBe(7.5);
    expect(shifts.addWorkingDays(cst('2025-06-09 10:00'), 1).toISOString()).toBe(cst('2025-06-10 18:00'));
    expect(shifts.addWorkingHours(cst('2025-06-09 11:00'), 2).toISOString()).toBe(cst('2025-06-09 15:00'));
    expect(() => new WorkingCalendar({ workingHours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] })).toThrow(
      /overlap/,
    );
    expect(() => new WorkingCalendar({ workingHours: [{ start: '9:00', end: '12:00' }] })).toThrow(RangeError);
  });
});

describe('properties', () => {
  const daysArb = fc.integer({ min: 1, max: 40 });
  /** Whole minutes, so that sums are exact. */
  const hoursArb = fc.integer({ min: 1, max: 60 * 80 }).map((minutes) => minutes / 60);

  it('a deadline in days is never on a non-working day and is at closing time', () => {
    fc.assert(
      fc.property(holidayInstantArb, daysArb, (start, n) => {
        const due = cal.addWorkingDays(start, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(due.toISOString().slice(11, 16)).toBe('09:30'); // 17:30 +08:00
        expect(due.getTime()).toBeGreaterThan(start.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('a deadline in hours is never on a non-working day and never outside working hours', () => {
    fc.assert(
      fc.property(holidayInstantArb, hoursArb, (start, h) => {
        const due = cal.addWorkingHours(start, h);
        expect(cal.isWorkingDay(due)).toBe(true);
        // Inside working hours, or exactly at a closing time.
        const justBefore = new Date(due.getTime() - 1);
        expect(cal.isWithinWorkingHours(justBefore)).toBe(true);
        expect(due.getTime()).toBeGreaterThan(start.getTime());
      }),
      { numRuns: 500 },
    );
  });

  it('adding n then m working days equals adding n + m', () => {
    fc.assert(
      fc.property(holidayInstantArb, daysArb, daysArb, (start, n, m) => {
        expect(cal.addWorkingDays(cal.addWorkingDays(start, n), m).toISOString()).toBe(cal.addWorkingDays(start, n + m).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('adding a then b working hours equals adding a + b', () => {
    const minutesArb = fc.integer({ min: 0, max: 60 * 60 });
    fc.assert(
      fc.property(holidayInstantArb, minutesArb, minutesArb, (start, a, b) => {
        const twoSteps = cal.addWorkingHours(cal.addWorkingHours(start, a / 60), b / 60);
        expect(twoSteps.toISOString()).toBe(cal.addWorkingHours(start, (a + b) / 60).toISOString());
      }),
      { numRuns: 300 },
    );
  });

  it('is monotone in the amount', () => {
    fc.assert(
      fc.property(holidayInstantArb, daysArb, daysArb, hoursArb, hoursArb, (start, n, m, h, k) => {
        const [dLo, dHi] = n <= m ? [n, m] : [m, n];
        expect(cal.addWorkingDays(start, dLo).getTime()).toBeLessThanOrEqual(cal.addWorkingDays(start, dHi).getTime());
        if (dLo < dHi) expect(cal.addWorkingDays(start, dLo).getTime()).toBeLessThan(cal.addWorkingDays(start, dHi).getTime());
        const [hLo, hHi] = h <= k ? [h, k] : [k, h];
        expect(cal.addWorkingHours(start, hLo).getTime()).toBeLessThanOrEqual(cal.addWorkingHours(start, hHi).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('is monotone in the start', () => {
    fc.assert(
      fc.property(holidayInstantArb, holidayInstantArb, daysArb, hoursArb, (a, b, n, h) => {
        const [early, late] = a <= b ? [a, b] : [b, a];
        expect(cal.addWorkingDays(early, n).getTime()).toBeLessThanOrEqual(cal.addWorkingDays(late, n).getTime());
        expect(cal.addWorkingHours(early, h).getTime()).toBeLessThanOrEqual(cal.addWorkingHours(late, h).getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('working hours between a start and its deadline are the hours added', () => {
    fc.assert(
      fc.property(holidayInstantArb, hoursArb, (start, h) => {
        expect(cal.workingHoursBetween(start, cal.addWorkingHours(start, h))).toBe(h);
      }),
      { numRuns: 300 },
    );
  });

  it('a day limit allows exactly n full working days after the start day', () => {
    fc.assert(
      fc.property(holidayInstantArb, daysArb, (start, n) => {
        const due = cal.addWorkingDays(start, n);
        // From the end of the start's calendar day to the deadline: n full working days.
        const endOfStartDay = new Date(`${chinaDateKey(start)}T23:59:59.999+08:00`);
        expect(cal.workingMsBetween(endOfStartDay, due)).toBe(n * 7 * 3_600_000);
      }),
      { numRuns: 300 },
    );
  });
});
