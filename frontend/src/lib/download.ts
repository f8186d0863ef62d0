/** Save a downloaded file: the name from Content-Disposition (else `fallback`), through a temporary link. */
export function saveDownload(data: Blob, response: Response, fallback: string): void {
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? fallback;
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = decodeURIComponent(name);
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** The language of an exported file: the interface's (Indonesian unless English is chosen). */
export function fileLang(language: string): "id" | "en" {
  return language.startsWith("en") ? "en" : "id";
}
