import { formatBadgeCount, isUnreadIn, notificationPath, parseNotificationSearch, withAllRead, withRead, type NotificationPage } from "./notification-rules";

const n = (id: string, read_at: string | null = null) => ({
  id,
  kind: "obligation_due" as const,
  title: `Pengingat ${id}`,
  body: "…",
  link: `/agreements/${id}`,
  created_at: "2026-12-02T00:00:00Z",
  read_at,
});
const page = (unread: number, ...items: ReturnType<typeof n>[]): NotificationPage => ({ items, unread, total: items.length, next_cursor: null });

describe("formatBadgeCount", () => {
  it("is empty at zero and below", () => {
    expect(formatBadgeCount(0, "id")).toBe("");
    expect(formatBadgeCount(-3, "id")).toBe("");
    expect(formatBadgeCount(Number.NaN, "en")).toBe("");
  });
  it("shows the number, capped at 99+", () => {
    expect(formatBadgeCount(1, "id")).toBe("1");
    expect(formatBadgeCount(99, "en")).toBe("99");
    expect(formatBadgeCount(100, "id")).toBe("99+");
    expect(formatBadgeCount(12345, "en")).toBe("99+");
  });
});

describe("notificationPath", () => {
  it("keeps same-origin paths", () => {
    expect(notificationPath("/agreements/abc")).toBe("/agreements/abc");
    expect(notificationPath("/monitoring-reports/r1?x=1")).toBe("/monitoring-reports/r1?x=1");
  });
  it("refuses anything that could leave the app", () => {
    for (const bad of ["https://evil.example/x", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined]) {
      expect(notificationPath(bad)).toBe("/notifications");
    }
  });
});

describe("parseNotificationSearch", () => {
  it("accepts only the unread filter", () => {
    expect(parseNotificationSearch({ show: "unread" })).toEqual({ show: "unread" });
    expect(parseNotificationSearch({ show: "read" })).toEqual({});
    expect(parseNotificationSearch({})).toEqual({});
  });
});

describe("optimistic read marks", () => {
  it("marks one read and lowers the count only when it was unread", () => {
    const p = page(2, n("a"), n("b"), n("c", "2026-12-01T00:00:00Z"));
    const next = withRead(p, "a", "2026-12-02T01:00:00Z", true);
    expect(next.unread).toBe(1);
    expect(next.items[0]?.read_at).toBe("2026-12-02T01:00:00Z");
    expect(next.items[1]?.read_at).toBeNull();
    expect(withRead(p, "c", "2026-12-02T01:00:00Z", false).unread).toBe(2);
    expect(withRead(p, "c", "2026-12-02T01:00:00Z", false).items[2]?.read_at).toBe("2026-12-01T00:00:00Z");
    expect(withRead(page(0, n("a")), "a", "x", true).unread).toBe(0);
  });
  it("marks all read", () => {
    const next = withAllRead(page(2, n("a"), n("b", "2026-12-01T00:00:00Z")), "2026-12-02T01:00:00Z");
    expect(next.unread).toBe(0);
    expect(next.items.map((i) => i.read_at)).toEqual(["2026-12-02T01:00:00Z", "2026-12-01T00:00:00Z"]);
  });
  it("finds an unread notification in any cached page", () => {
    expect(isUnreadIn([page(0), page(1, n("a"))], "a")).toBe(true);
    expect(isUnreadIn([page(0, n("a", "2026-12-01T00:00:00Z"))], "a")).toBe(false);
    expect(isUnreadIn([], "a")).toBe(false);
  });
});
