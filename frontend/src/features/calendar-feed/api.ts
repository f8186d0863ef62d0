import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrapWithEtag } from "../../api/problem";

export const CALENDAR_FEED = ["calendar-feed"] as const;

/** Whether the caller has a calendar URL, with the ETag a revoke sends as If-Match. */
export function useCalendarFeed() {
  return useQuery({
    queryKey: CALENDAR_FEED,
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/calendar-feed")),
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
}
