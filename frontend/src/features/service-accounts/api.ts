import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { ApiError, unwrap } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";
import {
  etagOf,
  type ServiceAccount,
  type ServiceAccountCreate,
  type ServiceAccountListQuery,
  type ServiceAccountUpdate,
  type ServiceAccountWithSecret,
} from "./service-account-rules";

/** Query keys of service accounts. */
export const serviceAccountKeys = {
  all: ["service-accounts"] as const,
  list: (query: ServiceAccountListQuery) => ["service-accounts", "list", query] as const,
};

export function useServiceAccounts(query: ServiceAccountListQuery) {
  return useQuery({
    queryKey: serviceAccountKeys.list(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/service-accounts", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** A 412 means someone changed the account since the list was read: reload the list, then tell the screen. */
function reloadOnStale(qc: ReturnType<typeof useQueryClient>, e: Error) {
  if (e instanceof ApiError && e.status === 412) void qc.invalidateQueries({ queryKey: serviceAccountKeys.all });
}

/**
 * Create an account. The answer carries its client secret, which the screen shows once; the
 * mutation is forgotten as soon as no screen watches it (gcTime 0), so the secret stays nowhere.
 */
export function useCreateServiceAccount({ onSuccess, onError }: MutationCallbacks<ServiceAccountWithSecret, ServiceAccountCreate> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: ServiceAccountCreate) => unwrap(await api.POST("/api/v1/service-accounts", { body })),
    gcTime: 0,
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: serviceAccountKeys.all });
      await onSuccess?.(...args);
    },
    onError,
  });
}

export type ServiceAccountChange = { account: ServiceAccount; body: ServiceAccountUpdate };

/** Rename, change scopes, disable or enable (If-Match: the version the screen shows). */
export function useUpdateServiceAccount({ onSuccess, onError }: MutationCallbacks<ServiceAccount, ServiceAccountChange> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ account, body }: ServiceAccountChange) =>
      unwrap(
        await api.PATCH("/api/v1/service-accounts/{account_id}", {
          params: { path: { account_id: account.id }, header: { "If-Match": etagOf(account) } },
          body,
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: serviceAccountKeys.all });
      await onSuccess?.(...args);
    },
    onError: async (...args) => {
      reloadOnStale(qc, args[0]);
      await onError?.(...args);
    },
  });
}

/** Issue a new secret (If-Match); the old one and its tokens die. The answer holds the new secret, shown once. */
export function useRotateServiceAccountSecret({ onSuccess, onError }: MutationCallbacks<ServiceAccountWithSecret, ServiceAccount> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (account: ServiceAccount) =>
      unwrap(
        await api.POST("/api/v1/service-accounts/{account_id}/rotate-secret", {
          params: { path: { account_id: account.id } },
          // The OpenAPI does not list If-Match for this operation, but the server requires it.
          headers: { "If-Match": etagOf(account) },
        }),
      ),
    gcTime: 0,
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: serviceAccountKeys.all });
      await onSuccess?.(...args);
    },
    onError: async (...args) => {
      reloadOnStale(qc, args[0]);
      await onError?.(...args);
    },
  });
}
