import type { Schemas } from "../api/client";

export type DocType = Schemas["DocumentRead"]["doc_type"];

export const DOC_TYPES: readonly DocType[] = [
  "KAK",
  "STUDI_KELAYAKAN",
  "SURAT_PENAWARAN",
  "BERITA_ACARA_TKKSD",
  "PERSETUJUAN_DPRD",
  "SURAT_KUASA",
  "SIGNED_TEXT",
  "LAPORAN_MONEV",
  "BUKTI_PEMENUHAN",
  "LAINNYA",
];

/** What the file picker offers; the server judges the bytes, not the name. */
export const ACCEPT = ".pdf,.png,.jpg,.jpeg,.xlsx,application/pdf,image/png,image/jpeg,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The title a chosen file suggests: its name without the extension. */
export function titleFromFile(name: string): string {
  return name.replace(/\.[A-Za-z0-9]{1,5}$/, "").replace(/[_]+/g, " ").trim();
}

/** 1 234 567 bytes → "1,2 MB" (Indonesian decimal comma) or "1.2 MB". */
export function formatSize(bytes: number, lang: string): string {
  const locale = lang.startsWith("en") ? "en-GB" : "id-ID";
  const units = ["B", "KB", "MB", "GB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The first 12 hex digits of a SHA-256: enough to compare by eye. */
export function shortSha(sha: string): string {
  return sha.slice(0, 12);
}

/** Client-side checks before upload (the server checks again, by content). */
export function uploadProblems(input: { file: File | null; title: string; date: string; type: string | null; maxBytes?: number }): string[] {
  const missing: string[] = [];
  if (!input.type) missing.push("doc_type");
  if (!input.title.trim()) missing.push("title");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) missing.push("doc_date");
  if (!input.file) missing.push("file");
  else if (input.file.size === 0) missing.push("file_empty");
  else if (input.maxBytes !== undefined && input.file.size > input.maxBytes) missing.push("file_too_large");
  return missing;
}
