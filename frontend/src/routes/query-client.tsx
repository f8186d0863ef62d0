import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { ApiError } from "../api/problem";
import { onClearQueries } from "../lib/query-cache";

/*
 * The one query client, loaded with the signed-in frame or the public register (signed-in-frame.tsx,
 * public-frame.tsx): the sign-in page does not use TanStack Query, so its first load leaves it out
 * (the bundle budget, scripts/bundle-budget.mjs).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors (404 out of scope, 422) do not get better by retrying.
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
    },
  },
});
onClearQueries(() => queryClient.clear());

export function Queries({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
