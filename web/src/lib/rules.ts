// Checks the console makes before sending, the same as the hub's own (so a
// person hears of a problem at once; the hub checks everything again).

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function digitsAt(text: string, i: number): number {
  let n = 0;
  while (i + n < text.length && /\d/.test(text[i + n])) n += 1;
  return n;
}

function startsWithMonth(rest: string): boolean {
  let i = 0;
  while (i < rest.length && (rest[i] === ' ' || rest[i] === '-')) i += 1;
  if (i === 0) return false;
  return MONTHS.includes(rest.slice(i, i + 3).toLowerCase());
}

/**
 * Whether a case reference holds something shaped like a date ("12 March
 * 2009", "3-mar-09", "12/03/2009", "2009-03-12"): the hub refuses those, as
 * a case reference must not carry a date of birth. (The referrals service's
 * LooksLikeDate, in TypeScript.)
 */
export function looksLikeDate(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (!/\d/.test(text[i]) || (i > 0 && /\d/.test(text[i - 1]))) continue;
    const first = digitsAt(text, i);
    if (first <= 2 && startsWithMonth(text.slice(i + first))) return true;
    let at = i + first;
    if (at >= text.length) continue;
    const sep = text[at];
    if (sep !== '/' && sep !== '-' && sep !== '.') continue;
    const second = digitsAt(text, at + 1);
    if (second < 1 || second > 2) continue;
    at += 1 + second;
    if (at >= text.length || text[at] !== sep) continue;
    const third = digitsAt(text, at + 1);
    if ((first <= 2 && (third === 2 || third === 4)) || (first === 4 && third >= 1 && third <= 2)) return true;
  }
  return false;
}

/** Printable characters only (what the hub calls printable: no control characters). */
export function printable(text: string): boolean {
  return !/[\u0000-\u001f\u007f]/.test(text);
}

export const MAX_MINUTES_PER_WEEK = 10080;
export const MAX_WEEKLY_PENCE = 10_000_000n;
export const MAX_HOURLY_PENCE = 59_523n;
export const MAX_DISTANCE_MILES = 700;
