import type { UseMutationOptions } from "@tanstack/react-query";

/**
 * What a screen adds to a feature's mutation hook: its own reaction to success and failure. The
 * hook itself owns the request and the cache (which queries go stale); the screen's `onSuccess`
 * runs after that invalidation has finished, so it sees fresh data (e.g. it may navigate away).
 */
export type MutationCallbacks<TData, TVars = void> = Pick<UseMutationOptions<TData, Error, TVars>, "onSuccess" | "onError">;
