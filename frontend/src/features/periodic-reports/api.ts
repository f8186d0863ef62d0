import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";

export type PeriodCode = "S1" | "S2" | "annual";
export type ReportFormat = "json" | "xlsx" | "pdf";
export type PeriodicReport = Schemas["PeriodicReportRead"];
export type FinalizedReport = Schemas["FinalizedReportRead"];
export type SendingCreate = Schemas["SendingCreate"];

/** Query keys of the periodic report (Laporan Pelaksanaan Kerja Sama Daerah). */
export const periodicReportKeys = {
  all: ["periodic-reports"] as const,
  report: (year: number, period: PeriodCode) => ["periodic-reports", "report", year, period] as const,
  finalized: (year: number, period: PeriodCode) => ["periodic-reports", "finalized", year, period] as const,
};

/** The report of a period: the live preview, or the stored snapshot once the period is finalized. */
export function usePeriodicReport(year: number, period: PeriodCode) {
  return useQuery({
    queryKey: periodicReportKeys.report(year, period),
    // The operation also serves PDF and XLSX (binary strings in its typed union); format=json is the body.
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/reports/periodic", { params: { query: { year, period, format: "json" } } })) as PeriodicReport,
  });
}

/** The finalized snapshot of the period with its digests and sendings (null while not finalized). */
export function useFinalizedReport(year: number, period: PeriodCode) {
  return useQuery({
    queryKey: periodicReportKeys.finalized(year, period),
    queryFn: async (): Promise<FinalizedReport | null> => {
      const page = unwrap(
        await api.GET("/api/v1/reports/periodic/finalized", { params: { query: { year, period, limit: 1 } } }),
      );
      return page.items[0] ?? null;
    },
  });
}

function useInvalidatePeriod(year: number, period: PeriodCode) {
  const qc = useQueryClient();
  return async () => {
    await qc.invalidateQueries({ queryKey: periodicReportKeys.report(year, period) });
    await qc.invalidateQueries({ queryKey: periodicReportKeys.finalized(year, period) });
  };
}

/** Finalize the period: the server stores the JSON, PDF and XLSX as an immutable snapshot. */
export function useFinalize(year: number, period: PeriodCode, { onSuccess, onError }: MutationCallbacks<FinalizedReport> = {}) {
  const invalidate = useInvalidatePeriod(year, period);
  return useMutation({
    mutationFn: async () =>
      unwrap(await api.POST("/api/v1/reports/periodic/{year}/{period}/finalize", { params: { path: { year, period } } })),
    onSuccess: async (...args) => {
      await invalidate();
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Record the sending of the finalized report to the Wali Kota or the Gubernur. */
export function useRecordSending(
  year: number,
  period: PeriodCode,
  { onSuccess, onError }: MutationCallbacks<Schemas["SendingRead"], SendingCreate> = {},
) {
  const invalidate = useInvalidatePeriod(year, period);
  return useMutation({
    mutationFn: async (body: SendingCreate) =>
      unwrap(
        await api.POST("/api/v1/reports/periodic/{year}/{period}/sendings", { params: { path: { year, period } }, body }),
      ),
    onSuccess: async (...args) => {
      await invalidate();
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Download the report as XLSX or PDF (with the bearer token, so through the client, then a blob link). */
export async function downloadPeriodicReport(year: number, period: PeriodCode, format: "xlsx" | "pdf"): Promise<void> {
  const { data, error, response } = await api.GET("/api/v1/reports/periodic", {
    params: { query: { year, period, format } },
    parseAs: "blob",
  });
  if (error !== undefined || !(data instanceof Blob)) throw new Error(`download failed (${response.status})`);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `laporan-kerja-sama-${year}-${period}.${format}`;
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** As a mutation, so the screen shows progress and errors. */
export function useDownloadPeriodicReport(year: number, period: PeriodCode, { onError }: MutationCallbacks<void, "xlsx" | "pdf"> = {}) {
  return useMutation({ mutationFn: (format: "xlsx" | "pdf") => downloadPeriodicReport(year, period, format), onError });
}
