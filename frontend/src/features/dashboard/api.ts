import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrap } from "../../api/problem";
import { DASHBOARD } from "../../lib/query-keys";

/** Query keys of the dashboard; other features invalidate `DASHBOARD` when their writes move a counter. */
export const dashboardKeys = {
  all: DASHBOARD,
  deadlines: (days: number) => [...DASHBOARD, "deadlines", days] as const,
};

/** The counters (in force, expiring, expired, late obligations, overdue reports...). */
export function useDashboard() {
  return useQuery({
    queryKey: dashboardKeys.all,
    queryFn: async () => unwrap(await api.GET("/api/v1/dashboard")),
  });
}

/** Agreements ending within `days`, soonest first. */
export function useDeadlines(days: number) {
  return useQuery({
    queryKey: dashboardKeys.deadlines(days),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements", { params: { query: { expiring_within_days: days, sort: "end_date", limit: 20 } } })),
  });
}
