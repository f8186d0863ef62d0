import type { paths } from "../../api/schema";

export type DeliveryQuery = NonNullable<paths["/api/v1/reminder-deliveries"]["get"]["parameters"]["query"]>;
export type DeliveryStatus = NonNullable<DeliveryQuery["status"]>;
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ["queued", "sent", "failed"];
export const DELIVERY_PAGE_SIZE = 25;

/** The delivery log's filter as it lives in the URL. */
export type DeliverySearch = { status?: DeliveryStatus };

export function parseDeliverySearch(raw: Record<string, unknown>): DeliverySearch {
  const s = raw.status;
  return typeof s === "string" && (DELIVERY_STATUSES as readonly string[]).includes(s) ? { status: s as DeliveryStatus } : {};
}

export function toDeliveryQuery(search: DeliverySearch, cursor: string | null, limit = DELIVERY_PAGE_SIZE): DeliveryQuery {
  return { ...(search.status ? { status: search.status } : {}), limit, ...(cursor ? { cursor } : {}) };
}

const COLOR: Record<DeliveryStatus, string> = { queued: "blue", sent: "teal", failed: "red" };

export function deliveryStatusColor(status: DeliveryStatus): string {
  return COLOR[status];
}
