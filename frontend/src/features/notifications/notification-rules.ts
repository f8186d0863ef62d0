import type { Schemas } from "../../api/client";
import { formatNumber } from "../../lib/format";
import { appPath } from "../../lib/app-path";

export type Notification = Schemas["NotificationRead"];
export type NotificationPage = Schemas["NotificationPage"];

export { parseNotificationSearch, type NotificationSearch } from "./notification-search";

export const BADGE_MAX = 99;

/** The bell's badge: nothing at zero, the number in the reader's style, "99+" above that. */
export function formatBadgeCount(unread: number, lang: string): string {
  if (!Number.isFinite(unread) || unread <= 0) return "";
  if (unread > BADGE_MAX) return `${formatNumber(BADGE_MAX, lang)}+`;
  return formatNumber(Math.floor(unread), lang);
}

/**
 * Where a notification leads: the server sends a path in the web app (/agreements/{id}); anything
 * that is not a same-origin path (an absolute or protocol-relative URL) goes to the list instead.
 */
export function notificationPath(link: string | null | undefined): string {
  return appPath(link, "/notifications");
}

/** A page with one notification marked read at `at`; the unread count drops when it was unread. */
export function withRead(page: NotificationPage, id: string, at: string, wasUnread: boolean): NotificationPage {
  return {
    ...page,
    unread: wasUnread ? Math.max(0, page.unread - 1) : page.unread,
    items: page.items.map((n) => (n.id === id && !n.read_at ? { ...n, read_at: at } : n)),
  };
}

/** A page with everything marked read at `at`. */
export function withAllRead(page: NotificationPage, at: string): NotificationPage {
  return { ...page, unread: 0, items: page.items.map((n) => (n.read_at ? n : { ...n, read_at: at })) };
}

/** Whether any of the cached pages holds the notification unread. */
export function isUnreadIn(pages: readonly NotificationPage[], id: string): boolean {
  return pages.some((p) => p.items.some((n) => n.id === id && !n.read_at));
}
