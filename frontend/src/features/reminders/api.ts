import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";
import type { DeliveryQuery } from "./delivery-search";

export const REMINDER_RULES = ["reminder-rules"] as const;
export const DELIVERIES = ["reminder-deliveries"] as const;

export function useReminderRules() {
  return useQuery({
    queryKey: [...REMINDER_RULES, "list"],
    queryFn: async () => unwrap(await api.GET("/api/v1/reminder-rules")),
  });
}

/** One rule, fresh, with the ETag its PATCH sends as If-Match. */
export function useReminderRule(kind: string) {
  return useQuery({
    queryKey: [...REMINDER_RULES, "one", kind],
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/reminder-rules/{kind}", { params: { path: { kind } } })),
    staleTime: 0,
    gcTime: 0,
  });
}

export function useDeliveries(query: DeliveryQuery) {
  return useQuery({
    queryKey: [...DELIVERIES, query],
    queryFn: async () => unwrap(await api.GET("/api/v1/reminder-deliveries", { params: { query } })),
    placeholderData: (prev) => prev,
  });
}
