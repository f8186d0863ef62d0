import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { ApiError, unwrap, unwrapWithEtag } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";
import type { DeliveryQuery } from "./delivery-search";
import type { ReminderKind, ReminderRule } from "./offsets";

/** Query keys of the reminder rules and the e-mail delivery log. */
export const reminderKeys = {
  rules: ["reminder-rules"] as const,
  ruleList: ["reminder-rules", "list"] as const,
  rule: (kind: string) => ["reminder-rules", "one", kind] as const,
  deliveries: ["reminder-deliveries"] as const,
  deliveryList: (query: DeliveryQuery) => ["reminder-deliveries", query] as const,
};

export function useReminderRules() {
  return useQuery({
    queryKey: reminderKeys.ruleList,
    queryFn: async () => unwrap(await api.GET("/api/v1/reminder-rules")),
  });
}

/** One rule, fresh, with the ETag its PATCH sends as If-Match. */
export function useReminderRule(kind: string) {
  return useQuery({
    queryKey: reminderKeys.rule(kind),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/reminder-rules/{kind}", { params: { path: { kind } } })),
    staleTime: 0,
    gcTime: 0,
  });
}

export function useDeliveries(query: DeliveryQuery) {
  return useQuery({
    queryKey: reminderKeys.deliveryList(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/reminder-deliveries", { params: { query } })),
    placeholderData: (prev) => prev,
  });
}

type RuleChange = { offsets_days: number[]; enabled: boolean; email: boolean };

/**
 * Change a rule (If-Match: `etag`). The saved rule replaces its row in the cached list at once; a
 * 412 (someone else saved first) reloads the rules before the screen's onError runs.
 */
export function useSaveReminderRule(kind: ReminderKind, etag: string, { onSuccess, onError }: MutationCallbacks<ReminderRule, RuleChange> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: RuleChange) =>
      unwrapWithEtag(
        await api.PATCH("/api/v1/reminder-rules/{kind}", {
          params: { path: { kind }, header: { "If-Match": etag } },
          body,
        }),
      ).data,
    onSuccess: async (...args) => {
      const [rule] = args;
      qc.setQueryData<ReminderRule[]>(reminderKeys.ruleList, (cur) => cur?.map((r) => (r.kind === rule.kind ? rule : r)));
      void qc.invalidateQueries({ queryKey: reminderKeys.rules });
      await onSuccess?.(...args);
    },
    onError: async (...args) => {
      const [e] = args;
      if (e instanceof ApiError && e.status === 412) void qc.invalidateQueries({ queryKey: reminderKeys.rules });
      await onError?.(...args);
    },
  });
}

/** Send a failed reminder e-mail again; the log reloads either way (a 409: it was already retried). */
export function useRetryDelivery({ onSuccess, onError, onMutate }: MutationCallbacks<unknown, string> & { onMutate?: () => void } = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: string) =>
      unwrap(await api.POST("/api/v1/reminder-deliveries/{delivery_id}/retry", { params: { path: { delivery_id: id } } })),
    onMutate,
    onSuccess,
    onError,
    onSettled: () => qc.invalidateQueries({ queryKey: reminderKeys.deliveries }),
  });
}
