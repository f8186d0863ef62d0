import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, type PartnerListQuery } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";

export function usePartnerList(query: PartnerListQuery) {
  return useQuery({
    queryKey: ["partners", "list", query],
    queryFn: async () => unwrap(await api.GET("/api/v1/partners", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePartner(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["partners", "detail", id],
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/partners/{partner_id}", { params: { path: { partner_id: id } } })),
    retry: (count, error) => !(error instanceof Error && "status" in error && error.status === 404) && count < 2,
  });
}

/** The partner's agreements (the agreements list filtered by partner_id; OPD scope applies). */
export function usePartnerAgreements(id: string) {
  return useQuery({
    queryKey: ["agreements", "by-partner", id],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements", { params: { query: { partner_id: id, limit: 100, sort: "-signed_date" } } })),
  });
}
