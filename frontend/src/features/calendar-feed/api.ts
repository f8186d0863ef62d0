import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";

/** Query keys of the caller's calendar feed. */
export const calendarFeedKeys = { all: ["calendar-feed"] as const };

/** Whether the caller has a calendar URL, with the ETag a revoke sends as If-Match. */
export function useCalendarFeed() {
  return useQuery({
    queryKey: calendarFeedKeys.all,
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/calendar-feed")),
    staleTime: 0,
    refetchOnWindowFocus: true,
  });
}

type Extra = { onMutate?: () => void; onSettled?: () => void };
type Created = { data: Schemas["CalendarFeedCreated"]; etag: string };

/** Create (or rotate) the secret URL; the answer carries it once, and becomes the cached status. */
export function useCreateCalendarFeed({ onSuccess, onError, onMutate }: MutationCallbacks<Created> & Extra = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrapWithEtag(await api.POST("/api/v1/calendar-feed")),
    onMutate,
    onSuccess: async (...args) => {
      const [{ data, etag }] = args;
      qc.setQueryData(calendarFeedKeys.all, { data: { active: true, created_at: data.created_at }, etag });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Revoke the URL (If-Match: the status's ETag, when known); the status reloads either way. */
export function useRevokeCalendarFeed({ onSuccess, onError, onMutate, onSettled }: MutationCallbacks<unknown, string> & Extra = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (etag: string) =>
      unwrap(await api.DELETE("/api/v1/calendar-feed", { params: { header: etag ? { "If-Match": etag } : {} } })),
    onMutate,
    onSuccess,
    onError,
    onSettled: () => {
      onSettled?.();
      return qc.invalidateQueries({ queryKey: calendarFeedKeys.all });
    },
  });
}
