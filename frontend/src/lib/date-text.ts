/*
 * What a user types into a date field, read the Indonesian way (day first) whatever the
 * browser's locale: "15/07/2026", "15-7-2026", "15 Juli 2026", "15 Jul 2026", "15 July 2026",
 * or the ISO form the API uses ("2026-07-15"). The result is always ISO YYYY-MM-DD, or null
 * while the text is not (yet) a whole, real date: "15/07/2" must not become the year 2.
 */

const MONTHS: Record<string, number> = {};
const NAMES = [
  ["januari", "january"],
  ["februari", "february", "pebruari"],
  ["maret", "march"],
  ["april"],
  ["mei", "may"],
  ["juni", "june"],
  ["juli", "july"],
  ["agustus", "august"],
  ["september"],
  ["oktober", "october"],
  ["november", "nopember"],
  ["desember", "december"],
];
NAMES.forEach((names, i) => {
  for (const name of names) {
    MONTHS[name] = i + 1;
    MONTHS[name.slice(0, 3)] = i + 1;
  }
});
// Indonesian short forms for August that are not its first three letters (dayjs writes "Agt", Intl "Agu").
MONTHS.agt = 8;
MONTHS.ags = 8;

function iso(year: number, month: number, day: number): string | null {
  if (month < 1 || month > 12 || day < 1 || year < 1000) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function parseDateText(text: string): string | null {
  const value = text.trim().toLowerCase();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (m) return iso(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\s+([a-z]+)\.?,?\s+(\d{4})$/.exec(value);
  if (m && MONTHS[m[2]] !== undefined) return iso(Number(m[3]), MONTHS[m[2]], Number(m[1]));
  return null;
}
