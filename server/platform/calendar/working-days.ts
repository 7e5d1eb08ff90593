/**
 * Working-day calendar for case deadlines.
 *
 * Which days are working days comes from `chinese-days` (the State Council's public holidays and
 * the make-up working days, 调休, by year), overridden per deployment by `extraHolidays` and
 * `extraWorkdays`. Years the library has no data for fall back to Monday–Friday; a deployment adds
 * that year's holidays as overrides until the library is updated.
 *
 * All arithmetic is done in China Standard Time (Asia/Shanghai, UTC+08:00, no daylight saving),
 * whatever the time zone of the server. Inputs are `Date`s or ISO 8601 timestamps; outputs are
 * `Date`s (serialise them with `toISOString()`).
 *
 * Working hours default to 09:00–12:00 and 13:30–17:30 (7 hours a day). The calendar counts time
 * only inside those intervals on working days.
 *
 * Definitions, precisely:
 * - `addWorkingDays(start, n)`, n ≥ 1: day 1 is the first working day strictly after the calendar
 *   day (in +08:00) of `start`, whatever the hour of `start`; the deadline is the closing time (by
 *   default 17:30 +08:00) of working day n. A case reported on a Friday, at 08:00 or at 20:00, with
 *   a limit of 1 working day is due on the following Monday (if that is a working day) at 17:30.
 *   n = 0 returns `start` unchanged (no time allowed).
 * - `addWorkingHours(start, h)`: the instant at which h working hours have elapsed since `start`.
 *   If `start` is outside working hours, counting begins at the next opening. If the hours run out
 *   exactly at a closing time (12:00 or 17:30), that closing time is the result — not the next
 *   opening. h = 0 returns `start` unchanged.
 * - `workingHoursBetween(a, b)`: working hours inside [a, b]; negative when b is before a.
 *
 * With these definitions `addWorkingDays(addWorkingDays(s, n), m)` equals
 * `addWorkingDays(s, n + m)`, likewise for hours, and
 * `workingHoursBetween(s, addWorkingHours(s, h)) === h`.
 */
import chineseDays from 'chinese-days';

/** A stage's time limit: so many working hours, or so many working days. */
export interface TimeLimit {
  unit: 'hours' | 'days';
  amount: number;
}

export interface WorkingInterval {
  /** "HH:MM", 24-hour clock, China Standard Time. */
  start: string;
  end: string;
}

export interface WorkingCalendarOptions {
  /** Extra days off for this deployment (local events, weather closures), YYYY-MM-DD. */
  extraHolidays?: readonly string[];
  /** Extra working days for this deployment, YYYY-MM-DD. */
  extraWorkdays?: readonly string[];
  /** Working intervals within a working day; sorted and non-overlapping once parsed. */
  workingHours?: readonly WorkingInterval[];
}

export const DEFAULT_WORKING_HOURS: readonly WorkingInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '17:30' },
];

/** China Standard Time is UTC+08:00 all year. */
const OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** Safety bound on day-by-day scans: far beyond any real limit. */
const MAX_SCAN_DAYS = 400 * 366;

const DATE_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;
const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** A date-only string (YYYY-MM-DD) names a calendar day; anything else is an instant. */
export type DateInput = Date | string;

function instantMs(input: DateInput, what: string): number {
  const ms = input instanceof Date ? input.getTime() : Date.parse(input);
  if (!Number.isFinite(ms)) throw new RangeError(`${what} is not a valid date: ${String(input)}`);
  return ms;
}

/** Day number (days since 1970-01-01) of the calendar day in +08:00 that contains `ms`. */
function localDay(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / DAY_MS);
}

/** The instant 00:00 +08:00 of local day `day`. */
function dayStartMs(day: number): number {
  return day * DAY_MS - OFFSET_MS;
}

function dayFromKey(key: string, what: string): number {
  const match = DATE_KEY.exec(key);
  if (!match) throw new RangeError(`${what} must be YYYY-MM-DD: ${key}`);
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  const day = ms / DAY_MS;
  if (dayKey(day) !== key) throw new RangeError(`${what} is not a real date: ${key}`);
  return day;
}

/** YYYY-MM-DD of local day `day`. */
function dayKey(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The calendar day (YYYY-MM-DD, +08:00) of an instant, or the day itself for a date-only string. */
export function chinaDateKey(input: DateInput): string {
  return dayKey(dayOf(input));
}

function dayOf(input: DateInput): number {
  if (typeof input === 'string' && DATE_KEY.test(input)) return dayFromKey(input, 'date');
  return localDay(instantMs(input, 'date'));
}

function parseClock(text: string, what: string): number {
  const match = CLOCK.exec(text);
  if (!match) throw new RangeError(`${what} must be HH:MM (00:00–23:59): ${text}`);
  return (Number(match[1]) * 60 + Number(match[2])) * 60_000;
}

export class WorkingCalendar {
  /** Working intervals as [start, end) offsets in ms from local midnight, flattened pairs. */
  readonly #intervals: readonly number[];
  readonly #closeMs: number;
  readonly #dailyMs: number;
  readonly #holidays: ReadonlySet<number>;
  readonly #workdays: ReadonlySet<number>;
  readonly #memo = new Map<number, boolean>();

  constructor(options: WorkingCalendarOptions = {}) {
    const holidays = new Set((options.extraHolidays ?? []).map((d) => dayFromKey(d, 'extraHolidays entry')));
    const workdays = new Set((options.extraWorkdays ?? []).map((d) => dayFromKey(d, 'extraWorkdays entry')));
    for (const day of holidays) {
      if (workdays.has(day)) throw new RangeError(`${dayKey(day)} is both an extra holiday and an extra workday`);
    }
    this.#holidays = holidays;
    this.#workdays = workdays;

    const hours = options.workingHours ?? DEFAULT_WORKING_HOURS;
    if (hours.length === 0) throw new RangeError('workingHours must have at least one interval');
    const parsed = hours
      .map((h, i) => ({ start: parseClock(h.start, `workingHours[${i}].start`), end: parseClock(h.end, `workingHours[${i}].end`) }))
      .sort((a, b) => a.start - b.start);
    const flat: number[] = [];
    let previousEnd = -1;
    for (const { start, end } of parsed) {
      if (end <= start) throw new RangeError('each working interval must end after it starts');
      if (start < previousEnd) throw new RangeError('working intervals must not overlap');
      flat.push(start, end);
      previousEnd = end;
    }
    this.#intervals = flat;
    this.#closeMs = previousEnd;
    this.#dailyMs = parsed.reduce((sum, { start, end }) => sum + end - start, 0);
  }

  /** Working hours in one full working day (7 by default). */
  get hoursPerDay(): number {
    return this.#dailyMs / HOUR_MS;
  }

  /**
   * Is this a working day? A date-only string (YYYY-MM-DD) is that calendar day; a `Date` or a
   * timestamp means the calendar day in +08:00 that contains the instant.
   */
  isWorkingDay(date: DateInput): boolean {
    return this.#isWorkingDay(dayOf(date));
  }

  /** Is the instant inside working hours of a working day? Opening time counts, closing time does not. */
  isWithinWorkingHours(at: DateInput): boolean {
    const ms = instantMs(at, 'at');
    const day = localDay(ms);
    if (!this.#isWorkingDay(day)) return false;
    const t = ms - dayStartMs(day);
    const iv = this.#intervals;
    for (let i = 0; i < iv.length; i += 2) {
      if (t >= iv[i]! && t < iv[i + 1]!) return true;
    }
    return false;
  }

  /** The first working day strictly after the calendar day of `date`, as YYYY-MM-DD. */
  nextWorkingDay(date: DateInput): string {
    return dayKey(this.#nextWorkingDay(dayOf(date)));
  }

  /** Closing time (end of the last working interval) of working day n after `start`'s day. See the file header. */
  addWorkingDays(start: DateInput, n: number): Date {
    const startMs = instantMs(start, 'start');
    assertCount(n, 'n');
    if (n === 0) return new Date(startMs);
    let day = localDay(startMs);
    for (let k = 0; k < n; k++) day = this.#nextWorkingDay(day);
    return new Date(dayStartMs(day) + this.#closeMs);
  }

  /** The instant at which `hours` working hours have elapsed since `start`. See the file header. */
  addWorkingHours(start: DateInput, hours: number): Date {
    const startMs = instantMs(start, 'start');
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a finite number ≥ 0: ${hours}`);
    return new Date(this.#addWorkingMs(startMs, Math.round(hours * HOUR_MS)));
  }

  /** Working hours inside [a, b]; negative when b is before a. */
  workingHoursBetween(a: DateInput, b: DateInput): number {
    return this.workingMsBetween(a, b) / HOUR_MS;
  }

  /** Working time inside [a, b] in whole milliseconds; negative when b is before a. */
  workingMsBetween(a: DateInput, b: DateInput): number {
    const aMs = instantMs(a, 'a');
    const bMs = instantMs(b, 'b');
    if (bMs < aMs) return -this.#workingMsBetween(bMs, aMs);
    return this.#workingMsBetween(aMs, bMs);
  }

  /** The deadline for a stage entered at `start` with the given limit (amount > 0). */
  deadlineFor(start: DateInput, limit: TimeLimit): Date {
    if (!(limit.amount > 0)) throw new RangeError(`a time limit must be positive: ${limit.amount}`);
    if (limit.unit === 'days') return this.addWorkingDays(start, limit.amount);
    if (limit.unit === 'hours') return this.addWorkingHours(start, limit.amount);
    throw new RangeError(`unknown time-limit unit: ${String((limit as { unit: unknown }).unit)}`);
  }

  #isWorkingDay(day: number): boolean {
    const cached = this.#memo.get(day);
    if (cached !== undefined) return cached;
    let working: boolean;
    if (this.#holidays.has(day)) working = false;
    else if (this.#workdays.has(day)) working = true;
    else {
      // chinese-days reads a Date with local-time getters, so hand it local midnight of the
      // calendar day we mean: that gives the right day in any server time zone.
      const utc = new Date(day * DAY_MS);
      working = chineseDays.isWorkday(new Date(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate()));
    }
    this.#memo.set(day, working);
    return working;
  }

  #nextWorkingDay(day: number): number {
    for (let d = day + 1; d <= day + MAX_SCAN_DAYS; d++) {
      if (this.#isWorkingDay(d)) return d;
    }
    throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days after ${dayKey(day)}`);
  }

  #addWorkingMs(startMs: number, amount: number): number {
    if (amount === 0) return startMs;
    let remaining = amount;
    let day = localDay(startMs);
    let t = startMs - dayStartMs(day);
    const iv = this.#intervals;
    for (let scanned = 0; scanned <= MAX_SCAN_DAYS; scanned++, day++, t = 0) {
      if (!this.#isWorkingDay(day)) continue;
      // Skip whole working days in one step when starting at midnight.
      if (t === 0 && remaining > this.#dailyMs) {
        remaining -= this.#dailyMs;
        continue;
      }
      for (let i = 0; i < iv.length; i += 2) {
        const end = iv[i + 1]!;
        if (t >= end) continue;
        const from = Math.max(t, iv[i]!);
        const available = end - from;
        if (remaining <= available) return dayStartMs(day) + from + remaining;
        remaining -= available;
        t = end;
      }
    }
    throw new RangeError(`working time does not fit within ${MAX_SCAN_DAYS} days`);
  }

  #workingMsBetween(aMs: number, bMs: number): number {
    const firstDay = localDay(aMs);
    const lastDay = localDay(bMs);
    const iv = this.#intervals;
    let total = 0;
    for (let day = firstDay; day <= lastDay; day++) {
      if (!this.#isWorkingDay(day)) continue;
      const base = dayStartMs(day);
      if (day !== firstDay && day !== lastDay) {
        total += this.#dailyMs;
        continue;
      }
      for (let i = 0; i < iv.length; i += 2) {
        const from = Math.max(aMs, base + iv[i]!);
        const to = Math.min(bMs, base + iv[i + 1]!);
        if (to > from) total += to - from;
      }
    }
    return total;
  }
}

function assertCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${what} must be a whole number ≥ 0: ${n}`);
}
