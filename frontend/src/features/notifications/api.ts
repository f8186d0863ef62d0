import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrap } from "../../api/problem";
import { isUnreadIn, withAllRead, withRead, type NotificationPage } from "./notification-rules";

export const NOTIFICATIONS = ["notifications"] as const;

/** Query keys of the caller's notifications (bell and page share the root, so a read shows in both). */
export const notificationKeys = {
  all: NOTIFICATIONS,
  latest: [...NOTIFICATIONS, "latest"] as const,
  list: (unreadOnly: boolean) => [...NOTIFICATIONS, "list", unreadOnly ? "unread" : "all"] as const,
};
export const LATEST_LIMIT = 10;
export const PAGE_LIMIT = 20;
export const POLL_MS = 60_000;

type Cached = NotificationPage | InfiniteData<NotificationPage, string | null>;

const isInfinite = (d: Cached): d is InfiniteData<NotificationPage, string | null> => "pages" in d;

/** The newest notifications and the unread count, for the bell: polled, and fresh on window focus. */
export function useLatestNotifications() {
  return useQuery({
    queryKey: notificationKeys.latest,
    queryFn: async () => unwrap(await api.GET("/api/v1/notifications", { params: { query: { limit: LATEST_LIMIT } } })),
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
}

/** The notifications page: newest first, one "load more" page at a time. */
export function useNotificationList(unreadOnly: boolean) {
  return useInfiniteQuery({
    queryKey: notificationKeys.list(unreadOnly),
    queryFn: async ({ pageParam }) =>
      unwrap(
        await api.GET("/api/v1/notifications", {
          params: { query: { unread: unreadOnly ? true : undefined, limit: PAGE_LIMIT, cursor: pageParam ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchOnWindowFocus: true,
  });
}

/** Apply a change to every cached notifications page (bell and list) so the count drops at once. */
function updateAll(qc: QueryClient, change: (p: NotificationPage) => NotificationPage): void {
  for (const [key, data] of qc.getQueriesData<Cached>({ queryKey: NOTIFICATIONS })) {
    if (!data) continue;
    const next: Cached = isInfinite(data) ? { ...data, pages: data.pages.map(change) } : change(data);
    qc.setQueryData<Cached>(key, () => next);
  }
}

function cachedPages(qc: QueryClient): NotificationPage[] {
  return qc.getQueriesData<Cached>({ queryKey: NOTIFICATIONS }).flatMap(([, d]) => (!d ? [] : isInfinite(d) ? d.pages : [d]));
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST("/api/v1/notifications/{notification_id}/read", { params: { path: { notification_id: id } } })),
    onMutate: async (id) => {
      await qc.cancelQueries({ queryKey: NOTIFICATIONS });
      const wasUnread = isUnreadIn(cachedPages(qc), id);
      const at = new Date().toISOString();
      updateAll(qc, (p) => withRead(p, id, at, wasUnread));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS }),
  });
}

export function useMarkAllRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.POST("/api/v1/notifications/read-all")),
    onMutate: async () => {
      await qc.cancelQueries({ queryKey: NOTIFICATIONS });
      const at = new Date().toISOString();
      updateAll(qc, (p) => withAllRead(p, at));
    },
    onSettled: () => qc.invalidateQueries({ queryKey: NOTIFICATIONS }),
  });
}
