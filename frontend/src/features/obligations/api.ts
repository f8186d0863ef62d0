import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, type Schemas } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";
import { fileLang, saveDownload } from "../../lib/download";
import type { MutationCallbacks } from "../../lib/mutation";
import { DASHBOARD, agreementPart } from "../../lib/query-keys";
import type { ObligationListQuery } from "./filters";

/** Query keys of obligations: an agreement's obligations and force-majeure events live under its key. */
export const obligationKeys = {
  all: ["obligations"] as const,
  list: (query: ObligationListQuery) => ["obligations", "list", query] as const,
  detail: (id: string) => ["obligations", "detail", id] as const,
  ofAgreement: (agreementId: string) => agreementPart("obligations", agreementId),
  forceMajeure: (agreementId: string) => agreementPart("force-majeure", agreementId),
};

/** The cross-agreement obligations register (filters and cursor in `query`). */
export function useObligationList(query: ObligationListQuery) {
  return useQuery({
    queryKey: obligationKeys.list(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/obligations", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useAgreementObligations(agreementId: string) {
  return useQuery({
    queryKey: obligationKeys.ofAgreement(agreementId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/obligations", { params: { path: { agreement_id: agreementId } } })),
  });
}

/** One obligation with its occurrences and their fulfilment records. */
export function useObligation(id: string) {
  return useQuery({
    queryKey: obligationKeys.detail(id),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/obligations/{obligation_id}", { params: { path: { obligation_id: id } } })),
  });
}

export function useForceMajeure(agreementId: string) {
  return useQuery({
    queryKey: obligationKeys.forceMajeure(agreementId),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/agreements/{agreement_id}/force-majeure-events", { params: { path: { agreement_id: agreementId } } }),
      ),
  });
}

/** Mark an agreement's obligations stale; `withStatus` also the register and the dashboard (occurrence changes). */
function useRefreshObligations(agreementId: string, { withStatus = false } = {}): () => Promise<void> {
  const qc = useQueryClient();
  return useCallback(async () => {
    await qc.invalidateQueries({ queryKey: obligationKeys.all });
    await qc.invalidateQueries({ queryKey: obligationKeys.ofAgreement(agreementId) });
    if (withStatus) await qc.invalidateQueries({ queryKey: DASHBOARD });
  }, [qc, agreementId, withStatus]);
}

type Summary = Schemas["ObligationSummary"];
type ObligationBody = Schemas["ObligationCreate"];

/** Create an obligation on the agreement, or update `existing` (If-Match: its version). */
export function useSaveObligation(
  agreementId: string,
  existing: Summary | undefined,
  { onSuccess, onError }: MutationCallbacks<unknown, ObligationBody> = {},
) {
  const refresh = useRefreshObligations(agreementId);
  return useMutation({
    mutationFn: async (body: ObligationBody) => {
      if (existing) {
        return unwrapWithEtag(
          await api.PATCH("/api/v1/obligations/{obligation_id}", {
            params: { path: { obligation_id: existing.id }, header: { "If-Match": `"${existing.version}"` } },
            body,
          }),
        ).data;
      }
      return unwrap(await api.POST("/api/v1/agreements/{agreement_id}/obligations", { params: { path: { agreement_id: agreementId } }, body }));
    },
    onSuccess: async (...args) => {
      await refresh();
      await onSuccess?.(...args);
    },
    onError,
  });
}

export function useDeleteObligation(agreementId: string, o: Summary, { onSuccess, onError }: MutationCallbacks<unknown> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      unwrap(
        await api.DELETE("/api/v1/obligations/{obligation_id}", {
          params: { path: { obligation_id: o.id }, header: { "If-Match": `"${o.version}"` } },
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: obligationKeys.ofAgreement(agreementId) });
      await onSuccess?.(...args);
    },
    onError,
  });
}

type Occurrence = Schemas["OccurrenceRead"];

/** Record a (partial or complete) fulfilment of an occurrence. */
export function useAddFulfilment(
  agreementId: string,
  occurrence: Occurrence,
  { onSuccess, onError }: MutationCallbacks<unknown, Schemas["FulfilmentCreate"]> = {},
) {
  const refresh = useRefreshObligations(agreementId, { withStatus: true });
  return useMutation({
    mutationFn: async (body: Schemas["FulfilmentCreate"]) =>
      unwrap(
        await api.POST("/api/v1/obligation-occurrences/{occurrence_id}/fulfilments", {
          params: { path: { occurrence_id: occurrence.id } },
          body,
        }),
      ),
    onSuccess: async (...args) => {
      await refresh();
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Set an occurrence's status (If-Match: its version). */
export function useUpdateOccurrence(
  agreementId: string,
  occurrence: Occurrence,
  { onSuccess, onError }: MutationCallbacks<unknown, Schemas["OccurrenceUpdate"]> = {},
) {
  const refresh = useRefreshObligations(agreementId, { withStatus: true });
  return useMutation({
    mutationFn: async (body: Schemas["OccurrenceUpdate"]) =>
      unwrap(
        await api.PATCH("/api/v1/obligation-occurrences/{occurrence_id}", {
          params: { path: { occurrence_id: occurrence.id }, header: { "If-Match": `"${occurrence.version}"` } },
          body,
        }),
      ),
    onSuccess: async (...args) => {
      await refresh();
      await onSuccess?.(...args);
    },
    onError,
  });
}

export function useAddForceMajeure(agreementId: string, { onSuccess, onError }: MutationCallbacks<unknown, Schemas["ForceMajeureCreate"]> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: Schemas["ForceMajeureCreate"]) =>
      unwrap(
        await api.POST("/api/v1/agreements/{agreement_id}/force-majeure-events", {
          params: { path: { agreement_id: agreementId } },
          body,
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: obligationKeys.forceMajeure(agreementId) });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Download the obligations matching the list's filters, one row per occurrence (GET /api/v1/exports/obligations). */
export async function downloadObligations(query: ObligationListQuery, format: "csv" | "xlsx", language: string): Promise<void> {
  const { limit: _limit, cursor: _cursor, sort: _sort, ...filters } = query;
  const { data, error, response } = await api.GET("/api/v1/exports/obligations", {
    params: { query: { ...filters, format, lang: fileLang(language) } },
    parseAs: "blob",
  });
  if (error !== undefined || !(data instanceof Blob)) throw new Error(`export failed (${response.status})`);
  saveDownload(data, response, `hak-kewajiban.${format}`);
}
