/** Locale for Intl: Indonesian as id-ID, English as en-GB (CONTRIBUTING.md#add-a-screen). */
export function intlLocale(lang: string): string {
  return lang.startsWith("en") ? "en-GB" : "id-ID";
}

/** A calendar date ("2021-10-25") as "25 Oktober 2021"; no timezone shift for plain dates. */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return "—";
  const plain = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = plain ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(lang), {
    day: "numeric",
    month: "long",
    year: "numeric",
    ...(plain ? { timeZone: "UTC" } : {}),
  }).format(date);
}

/** The weekday of a calendar date ("2026-07-15" is "Rabu" / "Wednesday"), the same in every time zone. */
export function formatWeekday(value: string, lang: string): string {
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(lang), { weekday: "long", timeZone: "UTC" }).format(date);
}

/** A timestamp with time, in the viewer's zone. */
export function formatDateTime(value: string | null | undefined, lang: string): string {
  if (!value) return "—";
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(lang), {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(date);
}

/** Rupiah without decimals: "Rp 1.250.000.000" (and "Rp 1,250,000,000" in English). */
export function formatMoney(value: string | number | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = typeof value === "number" ? value : Number(value);
  if (Number.isNaN(n)) return String(value);
  const digits = new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 0 }).format(n);
  return `Rp ${digits}`;
}

export function formatNumber(value: number, lang: string): string {
  return new Intl.NumberFormat(intlLocale(lang)).format(value);
}

/** Today as YYYY-MM-DD in the region's calendar (Asia/Jakarta, as the API counts dates). */
export function todayIso(now: Date = new Date()): string {
  return now.toLocaleDateString("en-CA", { timeZone: "Asia/Jakarta" });
}

/** A decimal the API sends as a string ("9125000000.00") in the reader's style ("9.125.000.000"). */
export function formatDecimal(value: string | number | null | undefined, lang: string): string {
  if (value === null || value === undefined || value === "") return "—";
  const n = typeof value === "number" ? value : Number(value);
  if (Number.isNaN(n)) return String(value);
  return new Intl.NumberFormat(intlLocale(lang), { maximumFractionDigits: 2 }).format(n);
}
