/*
 * The notifications page's URL filter, apart from notification-rules.ts: the route tree checks it,
 * and the route tree is in every first load (scripts/bundle-budget.mjs).
 */

/** The notifications page's filter as it lives in the URL: all (default) or only unread ones. */
export type NotificationSearch = { show?: "unread" };

export function parseNotificationSearch(raw: Record<string, unknown>): NotificationSearch {
  return raw.show === "unread" ? { show: "unread" } : {};
}
