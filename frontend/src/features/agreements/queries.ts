import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";
import { toListQuery, type AgreementSearch } from "./filters";

export function useAgreementList(search: AgreementSearch, cursor: string | null) {
  const query = toListQuery(search, cursor);
  return useQuery({
    queryKey: ["agreements", "list", query],
    queryFn: async () => unwrap(await api.GET("/api/v1/agreements", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useAgreement(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ["agreements", "detail", id],
    queryFn: async () =>
      unwrapWithEtag(await api.GET("/api/v1/agreements/{agreement_id}", { params: { path: { agreement_id: id } } })),
    retry: (count, error) => !(error instanceof Error && "status" in error && error.status === 404) && count < 2,
  });
}

export function useChildren(id: string) {
  return useQuery({
    queryKey: ["agreements", "children", id],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/children", { params: { path: { agreement_id: id } } })),
  });
}

/** Stage transitions and field changes, oldest first (every role that may read the agreement). */
export function useHistory(id: string) {
  return useQuery({
    queryKey: ["agreements", "history", id],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/history", { params: { path: { agreement_id: id } } })),
  });
}
