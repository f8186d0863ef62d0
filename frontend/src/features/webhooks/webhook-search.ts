import type { paths } from "../../api/schema";

/*
 * The delivery log's URL filter, apart from webhook-rules.ts: the route tree checks it, and the
 * route tree is in every first load (scripts/bundle-budget.mjs).
 */
type WebhookDeliveryQuery = NonNullable<paths["/api/v1/webhooks/{webhook_id}/deliveries"]["get"]["parameters"]["query"]>;
export type WebhookDeliveryStatus = NonNullable<WebhookDeliveryQuery["status"]>;

export const WEBHOOK_DELIVERY_STATUSES: readonly WebhookDeliveryStatus[] = ["pending", "failed", "delivered", "dead"];

/** The delivery log's filter as it lives in the URL of a subscription's page. */
export type WebhookSearch = { status?: WebhookDeliveryStatus };

export function parseWebhookSearch(raw: Record<string, unknown>): WebhookSearch {
  const s = raw.status;
  return typeof s === "string" && (WEBHOOK_DELIVERY_STATUSES as readonly string[]).includes(s) ? { status: s as WebhookDeliveryStatus } : {};
}
