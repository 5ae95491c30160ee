// Number and time formatting shared by the views. Everything is UTC and English, whatever the browser's
// locale, so a report reads the same everywhere.

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 8 });

const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

/** 0.1234 -> "12.34%"; null, NaN -> "–". */
export function percent(v, digits = 2) {
  return isNumber(v) ? `${(v * 100).toFixed(digits)}%` : '–';
}

/** Money-like number with thousands separators and two decimals. */
export function money(v) {
  return isNumber(v) ? grouped.format(v) : '–';
}

/** A ratio such as Sharpe: two decimals. */
export function ratio(v) {
  return isNumber(v) ? v.toFixed(2) : '–';
}

/** A quantity or price: as many decimals as it has (up to 8), grouped. */
export function quantity(v) {
  return isNumber(v) ? plain.format(v) : '–';
}

/** A price with a sensible number of significant decimals for its size. */
export function price(v) {
  if (!isNumber(v)) return '–';
  const abs = Math.abs(v);
  const digits = abs >= 1000 ? 2 : abs >= 1 ? 4 : 6;
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits, minimumFractionDigits: Math.min(2, digits) }).format(v);
}

/** Unix seconds -> "2024-01-31 14:00" (UTC); the time is left off at midnight when `dateOnly` says so. */
export function time(seconds, dateOnly = false) {
  if (!isNumber(seconds)) return '–';
  const iso = new Date(seconds * 1000).toISOString();
  const date = iso.slice(0, 10);
  const clock = iso.slice(11, 16);
  return dateOnly && clock === '00:00' ? date : `${date} ${clock}`;
}

/** "-" for 0, else "+" or "−"-signed class name used to colour gains and losses. */
export function signClass(v) {
  if (!isNumber(v) || v === 0) return '';
  return v > 0 ? 'gain' : 'loss';
}

/** True when every time in the list is a midnight UTC, so tables can show dates only. */
export function allMidnight(times) {
  return times.every((t) => !isNumber(t) || t % 86400 === 0);
}

export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
