/**
 * A path in this web app sent by the server (a notification's or a reminder's `link`, e.g.
 * /agreements/{id} or /monitoring-reports/{id}). Anything that is not a same-origin path (an absolute
 * or protocol-relative URL) is replaced by `fallback`, so a link can never lead off the site.
 */
export function appPath(link: string | null | undefined, fallback: string): string {
  if (typeof link !== "string" || !link.startsWith("/") || link.startsWith("//") || link.startsWith("/\\")) return fallback;
  return link;
}
