/** Only a same-origin path may be a redirect target after sign-in (no open redirects). */
export function safeRedirect(target: unknown): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return "/";
  if (target.startsWith("/sign-in")) return "/";
  return target;
}
