import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type PartnerCreate, type PartnerListQuery, type PartnerRead, type PartnerUpdate } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";
import { AGREEMENTS, PARTNERS } from "../../lib/query-keys";

/** Query keys of the partner register; a partner's agreements sit under the agreements root. */
export const partnerKeys = {
  all: PARTNERS,
  list: (query: PartnerListQuery) => [...PARTNERS, "list", query] as const,
  detail: (id: string) => [...PARTNERS, "detail", id] as const,
  agreements: (id: string) => [...AGREEMENTS, "by-partner", id] as const,
};

export function usePartnerList(query: PartnerListQuery) {
  return useQuery({
    queryKey: partnerKeys.list(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/partners", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePartner(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: partnerKeys.detail(id),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/partners/{partner_id}", { params: { path: { partner_id: id } } })),
    retry: (count, error) => !(error instanceof Error && "status" in error && error.status === 404) && count < 2,
  });
}

/** The partner's agreements (the agreements list filtered by partner_id; OPD scope applies). */
export function usePartnerAgreements(id: string) {
  return useQuery({
    queryKey: partnerKeys.agreements(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements", { params: { query: { partner_id: id, limit: 100, sort: "-signed_date" } } })),
  });
}

export type PartnerSave =
  | { mode: "create"; body: PartnerCreate; /** Save despite the likely duplicates a 409 named. */ force: boolean }
  | { mode: "edit"; id: string; etag: string; body: PartnerUpdate };

/** Create a partner (a 409 `partner_duplicate` lists look-alikes unless `force`), or update one with If-Match. */
export function useSavePartner({ onSuccess, onError }: MutationCallbacks<PartnerRead, PartnerSave> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (save: PartnerSave): Promise<PartnerRead> => {
      if (save.mode === "create") {
        return unwrap(await api.POST("/api/v1/partners", { params: { query: { force: save.force || undefined } }, body: save.body }));
      }
      return unwrap(
        await api.PATCH("/api/v1/partners/{partner_id}", {
          params: { path: { partner_id: save.id }, header: { "If-Match": save.etag } },
          body: save.body,
        }),
      );
    },
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: partnerKeys.all });
      await onSuccess?.(...args);
    },
    onError,
  });
}
