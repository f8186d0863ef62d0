import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, type AgreementCreate, type AgreementListQuery, type AgreementRead, type AgreementUpdate, type Schemas } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";
import { saveDownload } from "../../lib/download";
import type { MutationCallbacks } from "../../lib/mutation";
import { AGREEMENTS, agreementPart } from "../../lib/query-keys";
import { toListQuery, type AgreementSearch, type Category, type Kind } from "./filters";

/** Query keys of the agreements feature; all sit under `AGREEMENTS` (see lib/query-keys.ts). */
export const agreementKeys = {
  all: AGREEMENTS,
  list: (query: AgreementListQuery) => [...AGREEMENTS, "list", query] as const,
  detail: (id: string) => agreementPart("detail", id),
  /** The title line of a picked parent text (a lighter read than the detail page's). */
  brief: (id: string | null) => [...AGREEMENTS, "detail-brief", id] as const,
  parents: (kinds: readonly Kind[], category: Category | null, q: string) => [...AGREEMENTS, "parents", kinds.join(","), category, q] as const,
  children: (id: string) => agreementPart("children", id),
  history: (id: string) => agreementPart("history", id),
  checks: (id: string) => agreementPart("checks", id),
  actions: (id: string) => agreementPart("actions", id),
  tkksd: (id: string) => agreementPart("tkksd-reviews", id),
  dprd: (id: string) => agreementPart("dprd", id),
  /** The dry-run checks of an unsaved text (keyed by its serialized payload). */
  draftChecks: (payload: string) => ["agreement-checks", payload] as const,
  procedures: ["procedures"] as const,
};

const notFoundIsFinal = (count: number, error: Error) => !("status" in error && error.status === 404) && count < 2;

export function useAgreementList(search: AgreementSearch, cursor: string | null) {
  const query = toListQuery(search, cursor);
  return useQuery({
    queryKey: agreementKeys.list(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/agreements", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** One agreement with the ETag a write sends as If-Match; `fresh` refetches on every mount (forms). */
export function useAgreement(id: string, { enabled = true, fresh = false }: { enabled?: boolean; fresh?: boolean } = {}) {
  return useQuery({
    enabled,
    queryKey: agreementKeys.detail(id),
    queryFn: async () =>
      unwrapWithEtag(await api.GET("/api/v1/agreements/{agreement_id}", { params: { path: { agreement_id: id } } })),
    retry: notFoundIsFinal,
    ...(fresh ? { staleTime: 0 } : {}),
  });
}

/** The picked parent text, for the picker's label when it is not in the current search results. */
export function useAgreementBrief(id: string | null) {
  return useQuery({
    queryKey: agreementKeys.brief(id),
    queryFn: async () => unwrap(await api.GET("/api/v1/agreements/{agreement_id}", { params: { path: { agreement_id: id ?? "" } } })),
    enabled: !!id,
  });
}

/** Texts that may be a parent: the given kinds (the API filters one kind at a time), same category. */
export function useParentCandidates(kinds: readonly Kind[], category: Category | null, q: string) {
  const single = kinds.length === 1 ? kinds[0] : undefined;
  return useQuery({
    queryKey: agreementKeys.parents(kinds, category, q),
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/agreements", {
          params: { query: { q: q || undefined, kind: single, category: category ?? undefined, limit: 30, sort: "-signed_date" } },
        }),
      ),
  });
}

export function useChildren(id: string) {
  return useQuery({
    queryKey: agreementKeys.children(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/children", { params: { path: { agreement_id: id } } })),
  });
}

/** Stage transitions and field changes, oldest first (every role that may read the agreement). */
export function useHistory(id: string) {
  return useQuery({
    queryKey: agreementKeys.history(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/history", { params: { path: { agreement_id: id } } })),
  });
}

/** The regulation findings of the saved record. */
export function useChecks(id: string) {
  return useQuery({
    queryKey: agreementKeys.checks(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/checks", { params: { path: { agreement_id: id } } })),
  });
}

/** The findings of a text as typed (dry run, nothing saved); `payload` is the serialized AgreementCreate. */
export function useDraftChecks(payload: string, enabled: boolean) {
  return useQuery({
    queryKey: agreementKeys.draftChecks(payload),
    enabled,
    queryFn: async ({ signal }) =>
      unwrap(await api.POST("/api/v1/agreement-checks", { body: JSON.parse(payload) as AgreementCreate, signal })),
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

/** The procedure actions from the current stage, each with whether the caller may take it and why not. */
export function useActions(id: string) {
  return useQuery({
    queryKey: agreementKeys.actions(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/actions", { params: { path: { agreement_id: id } } })),
  });
}

/** The procedure machines (stages per kind of text); static, so cached for an hour. */
export function useProcedures() {
  return useQuery({
    queryKey: agreementKeys.procedures,
    queryFn: async () => unwrap(await api.GET("/api/v1/procedures")),
    staleTime: 60 * 60 * 1000,
  });
}

export function useTkksdReviews(id: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: agreementKeys.tkksd(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/tkksd-reviews", { params: { path: { agreement_id: id } } })),
  });
}

export function useDprdApprovals(id: string) {
  return useQuery({
    queryKey: agreementKeys.dprd(id),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/dprd-approvals", { params: { path: { agreement_id: id } } })),
  });
}

/**
 * Mark everything about agreements stale (lists, detail, and the tabs other features keep under
 * the same root). Every agreement write does this: a change may move the stage, the checks, the
 * regenerated obligations and the history at once.
 */
export function useRefreshAgreements(): () => Promise<void> {
  const qc = useQueryClient();
  return useCallback(() => qc.invalidateQueries({ queryKey: agreementKeys.all }), [qc]);
}

/** A mutation that refreshes the agreements cache before the screen's own onSuccess runs. */
function useAgreementMutation<TData, TVars>(
  mutationFn: (vars: TVars) => Promise<TData>,
  { onSuccess, onError }: MutationCallbacks<TData, TVars>,
) {
  const refresh = useRefreshAgreements();
  return useMutation({
    mutationFn,
    onSuccess: async (...args) => {
      await refresh();
      await onSuccess?.(...args);
    },
    onError,
  });
}

export type AgreementSave =
  | { mode: "create"; body: AgreementCreate }
  | { mode: "edit"; id: string; etag: string; body: AgreementUpdate };

/** Create a text, or update one with If-Match. */
export function useSaveAgreement(callbacks: MutationCallbacks<AgreementRead, AgreementSave> = {}) {
  return useAgreementMutation(async (save: AgreementSave): Promise<AgreementRead> => {
    if (save.mode === "create") return unwrap(await api.POST("/api/v1/agreements", { body: save.body }));
    return unwrap(
      await api.PATCH("/api/v1/agreements/{agreement_id}", {
        params: { path: { agreement_id: save.id }, header: { "If-Match": save.etag } },
        body: save.body,
      }),
    );
  }, callbacks);
}

type TransitionVars = { etag: string; body: Schemas["TransitionIn"] };

/** Take a procedure step (If-Match: the agreement's ETag). */
export function useTransition(agreementId: string, callbacks: MutationCallbacks<Schemas["AgreementRead"], TransitionVars> = {}) {
  return useAgreementMutation(
    async ({ etag, body }: TransitionVars) =>
      unwrap(
        await api.POST("/api/v1/agreements/{agreement_id}/transitions", {
          params: { path: { agreement_id: agreementId }, header: { "If-Match": etag } },
          body,
        }),
      ),
    callbacks,
  );
}

export function useAddTkksdReview(agreementId: string, callbacks: MutationCallbacks<unknown, Schemas["TkksdReviewCreate"]> = {}) {
  return useAgreementMutation(
    async (body: Schemas["TkksdReviewCreate"]) =>
      unwrap(await api.POST("/api/v1/agreements/{agreement_id}/tkksd-reviews", { params: { path: { agreement_id: agreementId } }, body })),
    callbacks,
  );
}

export function useRequestDprdApproval(agreementId: string, callbacks: MutationCallbacks<unknown, Schemas["DprdApprovalCreate"]> = {}) {
  return useAgreementMutation(
    async (body: Schemas["DprdApprovalCreate"]) =>
      unwrap(await api.POST("/api/v1/agreements/{agreement_id}/dprd-approvals", { params: { path: { agreement_id: agreementId } }, body })),
    callbacks,
  );
}

type DprdDecision = { approval: Schemas["DprdApprovalRead"]; body: Schemas["DprdApprovalUpdate"] };

/** Record DPRD's decision on a request (If-Match: the approval's version). */
export function useDecideDprdApproval(callbacks: MutationCallbacks<unknown, DprdDecision> = {}) {
  return useAgreementMutation(
    async ({ approval, body }: DprdDecision) =>
      unwrapWithEtag(
        await api.PATCH("/api/v1/dprd-approvals/{approval_id}", {
          params: { path: { approval_id: approval.id }, header: { "If-Match": `"${approval.version}"` } },
          body,
        }),
      ),
    callbacks,
  );
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

/** Download the audit dossier (ZIP) or the kartu kerja sama (PDF) of one agreement. */
export async function downloadDossier(id: string, what: "dossier" | "card"): Promise<void> {
  const { data, error, response } =
    what === "dossier"
      ? await api.GET("/api/v1/agreements/{agreement_id}/dossier", { params: { path: { agreement_id: id } }, parseAs: "blob" })
      : await api.GET("/api/v1/agreements/{agreement_id}/card.pdf", { params: { path: { agreement_id: id } }, parseAs: "blob" });
  if (error !== undefined || !(data instanceof Blob)) throw new Error(`download failed (${response.status})`);
  saveDownload(data, response, what === "dossier" ? "berkas-kerja-sama.zip" : "kartu-kerja-sama.pdf");
}
