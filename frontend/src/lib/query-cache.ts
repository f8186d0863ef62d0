/*
 * Sign-in and sign-out empty the query cache. TanStack Query loads with the first page that uses
 * it (routes/query-client.ts), not with the sign-in page, so the session clears the cache through
 * this hook: before the client exists there is nothing to clear.
 */
let clearAll: (() => void) | null = null;

/** The query client registers how to empty its cache. */
export function onClearQueries(clear: () => void): void {
  clearAll = clear;
}

/** Empties the query cache, if a query client exists yet. */
export function clearQueries(): void {
  clearAll?.();
}
