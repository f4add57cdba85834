// How the console shows money, dates and times to people in England:
// pounds and pence from whole pence (int64 arrives as a JSON string, so no
// floating point is ever involved), UK dates ("16 December 2026") and
// times in UK civil time (Europe/London).

export interface DateValue {
  year?: number;
  month?: number;
  day?: number;
}

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December',
];

function toBigInt(pence: string | number | bigint | undefined | null): bigint {
  if (pence === undefined || pence === null || pence === '') return 0n;
  if (typeof pence === 'bigint') return pence;
  if (typeof pence === 'number') {
    if (!Number.isInteger(pence)) throw new Error(`not whole pence: ${pence}`);
    return BigInt(pence);
  }
  if (!/^-?\d+$/.test(pence)) throw new Error(`not whole pence: ${pence}`);
  return BigInt(pence);
}

/** 103500 -> "£1,035.00"; -5 -> "-£0.05". */
export function money(pence: string | number | bigint | undefined | null): string {
  const value = toBigInt(pence);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const pounds = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}£${pounds}.${rest}`;
}

/**
 * What a person typed as pounds ("1,035", "£850.5", "18.50") as whole pence
 * in a string, or null when it is not an amount of money.
 */
export function parsePounds(text: string): string | null {
  const t = text.trim().replace(/^£/, '').replace(/,/g, '').trim();
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(t);
  if (!m) return null;
  const pence = BigInt(m[1]) * 100n + BigInt((m[2] ?? '').padEnd(2, '0') || '0');
  return pence.toString();
}

/** Whole pence as the pounds a form shows: "850.00". */
export function penceToPoundsInput(pence: string | number | undefined): string {
  return money(pence).replace('£', '').replace(/,/g, '');
}

/** {year: 2026, month: 12, day: 16} -> "16 December 2026". */
export function ukDate(d: DateValue | undefined | null): string {
  if (!d || !d.year || !d.month || !d.day) return '';
  return `${d.day} ${MONTHS[d.month - 1]} ${d.year}`;
}

/** "2026-12-16" as a date value, or null. */
export function parseIsoDate(text: string): DateValue | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isValidDate(d) ? d : null;
}

export function isoDate(d: DateValue): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

export function isValidDate(d: DateValue): boolean {
  if (!d.year || !d.month || !d.day) return false;
  if (d.month < 1 || d.month > 12 || d.day < 1) return false;
  const days = new Date(Date.UTC(d.year, d.month, 0)).getUTCDate();
  return d.day <= days;
}

export function compareDates(a: DateValue, b: DateValue): number {
  return isoDate(a).localeCompare(isoDate(b));
}

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's date in UK civil time. */
export function todayInLondon(now: Date = new Date()): DateValue {
  const parts = Object.fromEntries(
    LONDON_DATE.formatToParts(now).map((p) => [p.type, p.value]),
  );
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** A date some days after another (calendar arithmetic, no time zone). */
export function addDays(d: DateValue, days: number): DateValue {
  const t = new Date(Date.UTC(d.year!, d.month! - 1, d.day! + days));
  return { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
}

/** A date some months after another, clamped to the month's last day. */
export function addMonths(d: DateValue, months: number): DateValue {
  const first = new Date(Date.UTC(d.year!, d.month! - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return { year: first.getUTCFullYear(), month: first.getUTCMonth() + 1, day: Math.min(d.day!, last) };
}

const LONDON_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An RFC 3339 instant in UK civil time: "16 December 2026, 14:05". */
export function ukTime(rfc3339: string | undefined | null): string {
  if (!rfc3339) return '';
  const t = new Date(rfc3339);
  if (Number.isNaN(t.getTime())) return rfc3339;
  const p = Object.fromEntries(LONDON_TIME.formatToParts(t).map((x) => [x.type, x.value]));
  return `${p.day} ${p.month} ${p.year}, ${p.hour}:${p.minute}`;
}

/**
 * The instant a UK civil date and time ("2026-12-16", "17:00") names, as
 * RFC 3339 in UTC. Europe/London is UTC+0 in winter and UTC+1 in summer;
 * the offset is found by asking the formatter what the candidate instant is
 * in London.
 */
export function londonToInstant(date: DateValue, hour: number, minute: number): string {
  const guess = Date.UTC(date.year!, date.month! - 1, date.day!, hour, minute);
  for (const offsetHours of [0, 1]) {
    const candidate = new Date(guess - offsetHours * 3600_000);
    const p = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit',
        hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      }).formatToParts(candidate).map((x) => [x.type, x.value]),
    );
    if (Number(p.hour) === hour && Number(p.minute) === minute && Number(p.day) === date.day) {
      return candidate.toISOString().replace(/\.000Z$/, 'Z');
    }
  }
  return new Date(guess).toISOString().replace(/\.000Z$/, 'Z');
}

/** Support minutes a week as hours: 600 -> "10 hours", 450 -> "7.5 hours". */
export function hoursFromMinutes(minutes: string | number | undefined): string {
  const m = Number(minutes ?? 0);
  const hours = m / 60;
  const text = Number.isInteger(hours) ? String(hours) : hours.toFixed(2).replace(/0$/, '');
  return `${text} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** "7.5" hours typed by a person as whole minutes, or null. */
export function parseHoursToMinutes(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,3}(?:\.\d{1,2})?$/.test(t)) return null;
  return Math.round(Number(t) * 60);
}

export function miles(value: number | undefined): string {
  const v = value ?? 0;
  return `${v.toFixed(1)} ${v.toFixed(1) === '1.0' ? 'mile' : 'miles'}`;
}

export function percent(share: number | undefined, digits = 0): string {
  return `${((share ?? 0) * 100).toFixed(digits)}%`;
}

/** The last segment of a resource name: "authorities/sefton" -> "sefton". */
export function idOf(name: string | undefined): string {
  if (!name) return '';
  const parts = name.split('/');
  return parts[parts.length - 1];
}

/** "SEMI_INDEPENDENT_GROUP_LIVING" -> "Semi independent group living". */
export function humanise(constant: string | undefined): string {
  if (!constant) return '';
  const s = constant.toLowerCase().replace(/_/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}
