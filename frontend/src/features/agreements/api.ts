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

/** Download the current filtered list as CSV or XLSX (GET /api/v1/exports/agreements). */
export async function downloadAgreements(search: AgreementSearch, format: "csv" | "xlsx"): Promise<void> {
  const { limit: _limit, cursor: _cursor, ...filters } = toListQuery(search, null);
  const { data, error, response } = await api.GET("/api/v1/exports/agreements", {
    params: { query: { ...filters, format } },
    parseAs: "blob",
  });
  if (error !== undefined || !(data instanceof Blob)) throw new Error(`export failed (${response.status})`);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `kerja-sama.${format}`;
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
