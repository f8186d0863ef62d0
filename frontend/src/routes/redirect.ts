/** Only a same-origin path may be a redirect target after sign-in (no open redirects). */
export function safeRedirect(target: unknown): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return "/";
  if (target.startsWith("/sign-in")) return "/";
  return target;
}

/**
 * Where sign-in lands: the page asked for, except that the home page ("/", the statistics) gives way to
 * "Tugas saya" for a principal with a task queue (capability tasks:queue). Beranda stays in the nav.
 */
export function firstPage(target: string, hasQueue: boolean): string {
  return target === "/" && hasQueue ? "/tasks" : target;
}
