import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { api, type Schemas } from "../../api/client";
import { ApiError, unwrap, unwrapWithEtag } from "../../api/problem";
import { fileLang, saveDownload } from "../../lib/download";
import type { MutationCallbacks } from "../../lib/mutation";
import { DASHBOARD, agreementPart } from "../../lib/query-keys";
import type { ReportAction } from "./rules";

type Report = Schemas["ReportRead"];
type Stored = { data: Report; etag: string };

/** Query keys of monitoring & evaluation: an agreement's reports live under its agreement key. */
export const monitoringKeys = {
  all: ["monitoring"] as const,
  due: (period: string | null) => ["monitoring", "due", period] as const,
  report: (id: string) => ["monitoring-reports", id] as const,
  ofAgreement: (agreementId: string) => agreementPart("monitoring-reports", agreementId),
  settings: (agreementId: string) => agreementPart("monitoring-settings", agreementId),
};

export function useAgreementReports(agreementId: string) {
  return useQuery({
    queryKey: monitoringKeys.ofAgreement(agreementId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/monitoring-reports", { params: { path: { agreement_id: agreementId } } })),
  });
}

export function useReport(id: string) {
  return useQuery({
    queryKey: monitoringKeys.report(id),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/monitoring-reports/{report_id}", { params: { path: { report_id: id } } })),
    retry: (count, error) => !(error instanceof Error && "status" in error && error.status === 404) && count < 2,
  });
}

export function useMonitoringDue(period: string | null) {
  return useQuery({
    queryKey: monitoringKeys.due(period),
    queryFn: async () => unwrap(await api.GET("/api/v1/monitoring/due", { params: { query: { period: period ?? undefined } } })),
  });
}

/** The agreement's reporting cadence and due days (the defaults while none is stored). */
export function useMonitoringSettings(agreementId: string) {
  return useQuery({
    queryKey: monitoringKeys.settings(agreementId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/monitoring-settings", { params: { path: { agreement_id: agreementId } } })),
  });
}

/** Start the report of one period; a 409 names the period's existing report (`existing_id`). */
export function useCreateReport(agreementId: string, { onSuccess, onError }: MutationCallbacks<Report, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (period: string) =>
      unwrap(
        await api.POST("/api/v1/agreements/{agreement_id}/monitoring-reports", {
          params: { path: { agreement_id: agreementId } },
          body: { period },
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: monitoringKeys.ofAgreement(agreementId) });
      await onSuccess?.(...args);
    },
    onError,
  });
}

async function patchReport(id: string, body: Schemas["ReportUpdate"], ifMatch: string): Promise<Stored> {
  return unwrapWithEtag(
    await api.PATCH("/api/v1/monitoring-reports/{report_id}", {
      params: { path: { report_id: id }, header: { "If-Match": ifMatch } },
      body,
    }),
  );
}

/** Keep a report the server returned, and mark what it changes stale (lists, due list, dashboard). */
function useStoreReport(report: Report): (result: Stored) => void {
  const qc = useQueryClient();
  return useCallback(
    (result: Stored) => {
      qc.setQueryData(monitoringKeys.report(report.id), result);
      void qc.invalidateQueries({ queryKey: monitoringKeys.ofAgreement(report.agreement_id) });
      void qc.invalidateQueries({ queryKey: monitoringKeys.all });
      void qc.invalidateQueries({ queryKey: DASHBOARD });
    },
    [qc, report.id, report.agreement_id],
  );
}

type ReportPatch = { body: Schemas["ReportUpdate"]; etag: string };

/** Save the report's text and ratings (or `refresh_realisation`), with If-Match. */
export function useUpdateReport(report: Report, { onSuccess, onError }: MutationCallbacks<Stored, ReportPatch> = {}) {
  const store = useStoreReport(report);
  return useMutation({
    mutationFn: ({ body, etag }: ReportPatch) => patchReport(report.id, body, etag),
    onSuccess: async (...args) => {
      store(args[0]);
      await onSuccess?.(...args);
    },
    onError,
  });
}

export type ReportStep = {
  action: ReportAction;
  reason?: string;
  etag: string;
  /** Unsaved edits, saved first so that the step judges what is on screen. */
  draft?: Schemas["ReportUpdate"];
};

/**
 * Take a workflow step. `onDraftSaved` runs once unsaved edits are stored (even when the step
 * itself is then refused); a 412 reloads the report.
 */
export function useReportTransition(
  report: Report,
  { onSuccess, onError, onDraftSaved }: MutationCallbacks<Stored, ReportStep> & { onDraftSaved?: () => void } = {},
) {
  const qc = useQueryClient();
  const store = useStoreReport(report);
  return useMutation({
    mutationFn: async ({ action, reason, etag, draft }: ReportStep) => {
      let ifMatch = etag;
      if (draft) {
        ifMatch = (await patchReport(report.id, draft, etag)).etag;
        onDraftSaved?.();
      }
      return unwrapWithEtag(
        await api.POST("/api/v1/monitoring-reports/{report_id}/transitions", {
          params: { path: { report_id: report.id }, header: { "If-Match": ifMatch } },
          body: { action, reason: reason ?? null },
        }),
      );
    },
    onSuccess: async (...args) => {
      store(args[0]);
      await onSuccess?.(...args);
    },
    onError: async (...args) => {
      const [e] = args;
      if (e instanceof ApiError && e.status === 412) void qc.invalidateQueries({ queryKey: monitoringKeys.report(report.id) });
      await onError?.(...args);
    },
  });
}

/** Download the monitoring reports of a period (all periods without one) (GET /api/v1/exports/monitoring-reports). */
export async function downloadMonitoringReports(period: string | null, format: "csv" | "xlsx", language: string): Promise<void> {
  const { data, error, response } = await api.GET("/api/v1/exports/monitoring-reports", {
    params: { query: { period: period ?? undefined, format, lang: fileLang(language) } },
    parseAs: "blob",
  });
  if (error !== undefined || !(data instanceof Blob)) throw new Error(`export failed (${response.status})`);
  saveDownload(data, response, `laporan-monev.${format}`);
}
