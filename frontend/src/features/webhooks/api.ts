import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { ApiError, unwrap, unwrapWithEtag } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";
import type { Webhook, WebhookCreate, WebhookCreated, WebhookDelivery, WebhookDeliveryQuery, WebhookListQuery, WebhookUpdate } from "./webhook-rules";

/** Query keys of webhook subscriptions and their delivery logs. */
export const webhookKeys = {
  all: ["webhooks"] as const,
  list: (query: WebhookListQuery) => ["webhooks", "list", query] as const,
  one: (id: string) => ["webhooks", "one", id] as const,
  deliveries: (id: string) => ["webhooks", "deliveries", id] as const,
  deliveryList: (id: string, query: WebhookDeliveryQuery) => ["webhooks", "deliveries", id, query] as const,
};

export function useWebhooks(query: WebhookListQuery) {
  return useQuery({
    queryKey: webhookKeys.list(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/webhooks", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** One subscription, fresh, with the ETag that its PATCH and DELETE send as If-Match. */
export function useWebhook(id: string) {
  return useQuery({
    queryKey: webhookKeys.one(id),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/webhooks/{webhook_id}", { params: { path: { webhook_id: id } } })),
    staleTime: 0,
  });
}

export function useWebhookDeliveries(id: string, query: WebhookDeliveryQuery) {
  return useQuery({
    queryKey: webhookKeys.deliveryList(id, query),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/webhooks/{webhook_id}/deliveries", { params: { path: { webhook_id: id }, query } })),
    placeholderData: keepPreviousData,
  });
}

/** Create a subscription; the answer carries its secret, which the screen shows once. */
export function useCreateWebhook({ onSuccess, onError }: MutationCallbacks<WebhookCreated, WebhookCreate> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: WebhookCreate) => unwrap(await api.POST("/api/v1/webhooks", { body })),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: webhookKeys.all });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Change a subscription (If-Match: `etag`); a 412 reloads it before the screen's onError runs. */
export function useUpdateWebhook(id: string, etag: string, { onSuccess, onError }: MutationCallbacks<Webhook, WebhookUpdate> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: WebhookUpdate) =>
      unwrap(
        await api.PATCH("/api/v1/webhooks/{webhook_id}", {
          params: { path: { webhook_id: id }, header: { "If-Match": etag } },
          body,
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: webhookKeys.all });
      await onSuccess?.(...args);
    },
    onError: async (...args) => {
      const [e] = args;
      if (e instanceof ApiError && e.status === 412) void qc.invalidateQueries({ queryKey: webhookKeys.one(id) });
      await onError?.(...args);
    },
  });
}

export function useDeleteWebhook(id: string, etag: string, { onSuccess, onError }: MutationCallbacks<void, void> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      unwrap(
        await api.DELETE("/api/v1/webhooks/{webhook_id}", {
          params: { path: { webhook_id: id }, header: { "If-Match": etag } },
        }),
      );
    },
    onSuccess: async (...args) => {
      qc.removeQueries({ queryKey: webhookKeys.one(id) });
      await qc.invalidateQueries({ queryKey: webhookKeys.all });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Queue one delivery again; the log reloads either way. */
export function useRetryWebhookDelivery(id: string, { onSuccess, onError }: MutationCallbacks<WebhookDelivery, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (deliveryId: string) =>
      unwrap(
        await api.POST("/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/retry", {
          params: { path: { webhook_id: id, delivery_id: deliveryId } },
        }),
      ),
    onSuccess,
    onError,
    onSettled: () => qc.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  });
}
