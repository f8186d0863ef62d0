import type { Schemas } from "../../api/client";
import type { paths } from "../../api/schema";

export type Webhook = Schemas["WebhookRead"];
export type WebhookCreated = Schemas["WebhookCreated"];
export type WebhookDelivery = Schemas["WebhookDeliveryRead"];
export type WebhookCreate = Schemas["WebhookCreate"];
export type WebhookUpdate = Schemas["WebhookUpdate"];
export type EventType = WebhookCreate["event_types"][number];

export type WebhookListQuery = NonNullable<paths["/api/v1/webhooks"]["get"]["parameters"]["query"]>;
export type WebhookDeliveryQuery = NonNullable<paths["/api/v1/webhooks/{webhook_id}/deliveries"]["get"]["parameters"]["query"]>;
import type { WebhookDeliveryStatus, WebhookSearch } from "./webhook-search";

export { WEBHOOK_DELIVERY_STATUSES, parseWebhookSearch, type WebhookDeliveryStatus, type WebhookSearch } from "./webhook-search";

/** Every event type the API takes, grouped by entity ("*" first: everything). */
export const ENTITIES = ["agreement", "partner", "obligation", "monitoring_report"] as const;
export const EVENT_TYPES: readonly EventType[] = [
  "*",
  ...ENTITIES.flatMap((e) => [`${e}.*`, `${e}.upsert`, `${e}.delete`] as EventType[]),
];

export const WEBHOOK_PAGE_SIZE = 25;

const COLOR: Record<WebhookDeliveryStatus, string> = { pending: "blue", failed: "orange", delivered: "teal", dead: "red" };

export function webhookDeliveryColor(status: WebhookDeliveryStatus): string {
  return COLOR[status];
}


export function toDeliveryQuery(search: WebhookSearch, cursor: string | null, limit = WEBHOOK_PAGE_SIZE): WebhookDeliveryQuery {
  return { ...(search.status ? { status: search.status } : {}), limit, ...(cursor ? { cursor } : {}) };
}

export type WebhookFormValues = { url: string; event_types: EventType[]; description: string; is_active: boolean };

export function emptyWebhookValues(): WebhookFormValues {
  return { url: "", event_types: ["agreement.*"], description: "", is_active: true };
}

export function webhookValues(w: Webhook): WebhookFormValues {
  return { url: w.url, event_types: [...w.event_types], description: w.description, is_active: w.is_active };
}

/**
 * Checks the browser can make before sending (the server decides the rest, e.g. which addresses a
 * webhook may reach). Values are i18n keys, by field.
 */
export function validateWebhook(v: WebhookFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const url = v.url.trim();
  if (!url) errors.url = "common.fieldRequired";
  else if (!/^https?:\/\/[^\s/?#]+/i.test(url)) errors.url = "webhooks.form.urlScheme";
  if (v.event_types.length === 0) errors.event_types = "webhooks.form.eventTypesRequired";
  return errors;
}

export function createPayload(v: WebhookFormValues): WebhookCreate {
  return { url: v.url.trim(), event_types: v.event_types, description: v.description.trim(), is_active: v.is_active };
}

/** Only what changed: a PATCH that leaves the rest as the server has it. */
export function updatePayload(before: WebhookFormValues, v: WebhookFormValues): WebhookUpdate {
  const out: WebhookUpdate = {};
  if (v.url.trim() !== before.url) out.url = v.url.trim();
  const sorted = (xs: readonly string[]) => [...xs].sort().join(",");
  if (sorted(v.event_types) !== sorted(before.event_types)) out.event_types = v.event_types;
  if (v.description.trim() !== before.description) out.description = v.description.trim();
  if (v.is_active !== before.is_active) out.is_active = v.is_active;
  return out;
}
