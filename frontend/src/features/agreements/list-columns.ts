/*
 * The agreement list's optional columns. At 1366×768 seven columns did not fit and the status
 * badges were cut, so the list shows fewer by default and the user picks the rest; the choice
 * is kept in localStorage. Number, title and status are always shown.
 */
export const OPTIONAL_COLUMNS = ["partners", "leadOpd", "signedDate", "endDate"] as const;
export type OptionalColumn = (typeof OPTIONAL_COLUMNS)[number];

export const DEFAULT_COLUMNS: readonly OptionalColumn[] = ["leadOpd", "endDate"];
const KEY = "kerjasama.agreementColumns";

/** The stored choice, or the default; anything unknown in storage is dropped. */
export function readColumns(storage: Pick<Storage, "getItem"> | undefined = globalThis.localStorage): OptionalColumn[] {
  try {
    const raw = storage?.getItem(KEY);
    if (!raw) return [...DEFAULT_COLUMNS];
    const parsed: unknown = JSON.parse(raw);
    if (!Array.isArray(parsed)) return [...DEFAULT_COLUMNS];
    return OPTIONAL_COLUMNS.filter((c) => parsed.includes(c));
  } catch {
    return [...DEFAULT_COLUMNS];
  }
}

export function writeColumns(columns: readonly OptionalColumn[], storage: Pick<Storage, "setItem"> | undefined = globalThis.localStorage): void {
  try {
    storage?.setItem(KEY, JSON.stringify(OPTIONAL_COLUMNS.filter((c) => columns.includes(c))));
  } catch {
    // private mode: the choice lasts for this page only
  }
}
