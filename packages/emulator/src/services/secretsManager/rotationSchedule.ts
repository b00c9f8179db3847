import { RequestMembers } from '../../core/members.js';
import { invalidParameter } from './errors.js';

/** `RotationRules` as the API carries them (and DescribeSecret reports them back). */
export interface RotationRules {
  readonly AutomaticallyAfterDays?: number;
  readonly Duration?: string;
  readonly ScheduleExpression?: string;
}

/** When rotations are due: every N days, every N hours, or at the times of a cron expression (UTC). */
export type Schedule =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'hours'; readonly hours: number }
  | { readonly kind: 'cron'; readonly fields: CronFields };

/** A parsed rotation schedule with its window length. */
export interface ParsedRules {
  readonly rules: RotationRules;
  readonly schedule: Schedule;
  /** The rotation window's length; `undefined` means "until the end of the UTC day" (days and cron schedules). */
  readonly durationMs: number | undefined;
}

interface CronFields {
  readonly minutes: readonly number[];
  readonly hours: readonly number[];
  readonly daysOfMonth: readonly number[] | undefined;
  readonly months: readonly number[];
  /** 1 = Sunday ... 7 = Saturday, as in AWS cron expressions. */
  readonly daysOfWeek: readonly number[] | undefined;
  readonly years: readonly number[] | undefined;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SECOND_MS = 1000;
/** How far ahead a cron expression is searched for its next time. */
const CRON_HORIZON_DAYS = 5 * 366;

/**
 * Reads `RotationRules` with the model's constraints (`ValidationException`) and the service's own checks
 * (`InvalidParameterException`): one of `AutomaticallyAfterDays` (1–1000) and `ScheduleExpression`
 * (`rate(N days)` 1–1000, `rate(N hours)` 4–23, or `cron(minutes hours day-of-month month day-of-week year)`), and
 * an optional `Duration` (`1h`–`24h`).
 */
export function readRotationRules(members: RequestMembers): ParsedRules | undefined {
  const structure = members.optionalStructure('RotationRules');
  if (structure === undefined) return undefined;
  const rules = new RequestMembers(structure, 'rotationRules.');
  const days = rules.optionalInteger('AutomaticallyAfterDays', { min: 1, max: 1000 }, 'Long');
  const expression = rules.optionalString('ScheduleExpression', { min: 1, max: 256 });
  const duration = rules.optionalString('Duration', { min: 2, max: 3 });
  if (days !== undefined && expression !== undefined) {
    throw invalidParameter("You can't specify both AutomaticallyAfterDays and ScheduleExpression in RotationRules.");
  }
  if (days === undefined && expression === undefined) {
    throw invalidParameter('RotationRules must specify AutomaticallyAfterDays or ScheduleExpression.');
  }
  const schedule: Schedule = days !== undefined ? { kind: 'days', days } : parseExpression(expression ?? '');
  return {
    rules: {
      ...(days === undefined ? {} : { AutomaticallyAfterDays: days }),
      ...(duration === undefined ? {} : { Duration: duration }),
      ...(expression === undefined ? {} : { ScheduleExpression: expression }),
    },
    schedule,
    durationMs: duration === undefined ? undefined : parseDuration(duration),
  };
}

/**
 * The `NextRotationDate` after a rotation (or the configuration) at `fromMs`: the end of the next rotation window.
 * AWS rotates "on or before" this date; the emulator rotates at it, the latest moment AWS allows.
 */
export function nextRotationDate(parsed: ParsedRules, fromMs: number): number {
  const { schedule, durationMs } = parsed;
  if (schedule.kind === 'hours') return fromMs + schedule.hours * HOUR_MS + (durationMs ?? SECOND_MS) - SECOND_MS;
  const start =
    schedule.kind === 'days' ? startOfDay(fromMs) + schedule.days * DAY_MS : nextCronTime(schedule.fields, fromMs);
  const end = durationMs === undefined ? startOfDay(start) + DAY_MS : start + durationMs;
  return end - SECOND_MS;
}

function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

function parseDuration(text: string): number {
  const match = /^(\d{1,2})h$/.exec(text);
  const hours = match ? Number(match[1]) : Number.NaN;
  if (!(hours >= 1 && hours <= 24)) {
    throw invalidParameter(`The rotation window Duration ${text} is not valid: use 1h to 24h.`);
  }
  return hours * HOUR_MS;
}

function parseExpression(expression: string): Schedule {
  const rate = /^rate\((\d+) (days?|hours?)\)$/.exec(expression);
  if (rate) {
    const count = Number(rate[1]);
    const unit = rate[2]?.startsWith('day') ? 'days' : 'hours';
    if (unit === 'days' && count >= 1 && count <= 1000) return { kind: 'days', days: count };
    if (unit === 'hours' && count >= 4 && count <= 23) return { kind: 'hours', hours: count };
    throw invalidParameter(
      `The ScheduleExpression ${expression} is not valid: rate() takes 1 to 1000 days or 4 to 23 hours.`,
    );
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (cron) return { kind: 'cron', fields: parseCron(cron[1] ?? '', expression) };
  throw invalidParameter(`The ScheduleExpression ${expression} is not valid: use rate(...) or cron(...).`);
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

function parseCron(body: string, expression: string): CronFields {
  const parts = body.trim().split(/\s+/);
  const bad = (why: string) => invalidParameter(`The ScheduleExpression ${expression} is not valid: ${why}.`);
  if (parts.length !== 6) throw bad('cron() takes six fields: minutes hours day-of-month month day-of-week year');
  const [minutes, hours, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) throw bad("exactly one of day-of-month and day-of-week must be '?'");
  const field = (text: string, min: number, max: number, names: readonly string[] = [], offset = 0) =>
    cronField(text, min, max, names, offset, bad);
  return {
    minutes: field(minutes, 0, 59) ?? range(0, 59),
    hours: field(hours, 0, 23) ?? range(0, 23),
    daysOfMonth: field(dom, 1, 31),
    months: field(month, 1, 12, MONTHS, 1) ?? range(1, 12),
    daysOfWeek: field(dow, 1, 7, WEEKDAYS, 1),
    years: field(year, 1970, 2199),
  };
}

/** The values of one cron field; `undefined` for `*` or `?` (any). */
function cronField(
  text: string,
  min: number,
  max: number,
  names: readonly string[],
  offset: number,
  bad: (why: string) => Error,
): number[] | undefined {
  if (text === '*' || text === '?') return undefined;
  if (/[LW#]/.test(text.replace(/[A-Z]{3}/g, (name) => (names.includes(name) ? '' : name)))) {
    throw bad("the emulator does not support 'L', 'W' or '#' in cron fields");
  }
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const number = named >= 0 ? named + offset : Number(token);
    if (!Number.isInteger(number) || number < min || number > max) throw bad(`'${token}' is outside ${min}-${max}`);
    return number;
  };
  const values = new Set<number>();
  for (const item of text.split(',')) {
    const [span = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw bad(`'${item}' has an invalid step`);
    const [from, to] =
      span === '*'
        ? [min, max]
        : span.includes('-')
          ? span.split('-').map(value)
          : [value(span), stepText === undefined ? value(span) : max];
    if (from === undefined || to === undefined || from > to) throw bad(`'${item}' is not a valid range`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The first time after `fromMs` that the cron fields match (minute resolution, UTC). */
function nextCronTime(fields: CronFields, fromMs: number): number {
  for (let day = 0; day <= CRON_HORIZON_DAYS; day += 1) {
    const dayStart = startOfDay(fromMs) + day * DAY_MS;
    const date = new Date(dayStart);
    if (fields.years && !fields.years.includes(date.getUTCFullYear())) continue;
    if (!fields.months.includes(date.getUTCMonth() + 1)) continue;
    if (fields.daysOfMonth && !fields.daysOfMonth.includes(date.getUTCDate())) continue;
    if (fields.daysOfWeek && !fields.daysOfWeek.includes(date.getUTCDay() + 1)) continue;
    for (const hour of fields.hours) {
      for (const minute of fields.minutes) {
        const time = dayStart + hour * HOUR_MS + minute * 60_000;
        if (time > fromMs) return time;
      }
    }
  }
  throw invalidParameter('The cron ScheduleExpression matches no time in the next five years.');
}
