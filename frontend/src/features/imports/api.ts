import { useMutation } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { toApiError } from "../../api/problem";
import { saveDownload } from "../../lib/download";
import type { MutationCallbacks } from "../../lib/mutation";

export type ImportReport = Schemas["ImportReport"];
export type ImportRequest = { file: File; dryRun: boolean };

/** Download the XLSX template (GET /api/v1/imports/agreements/template). */
export async function downloadTemplate(): Promise<void> {
  const { data, error, response } = await api.GET("/api/v1/imports/agreements/template", { parseAs: "blob" });
  if (error !== undefined || !(data instanceof Blob)) throw new Error(`download failed (${response.status})`);
  saveDownload(data, response, "templat-impor-kerja-sama.xlsx");
}

/** Check (dry run) or import the filled-in template; the answer is the per-row report. */
export function useImportAgreements({ onSuccess, onError }: MutationCallbacks<ImportReport, ImportRequest> = {}) {
  return useMutation({
    mutationFn: async ({ file, dryRun }: ImportRequest): Promise<ImportReport> => {
      const { data, error, response } = await api.POST("/api/v1/imports/agreements", {
        params: { query: { dry_run: dryRun } },
        body: { file: file as unknown as string },
        bodySerializer: () => {
          const form = new FormData();
          form.append("file", file);
          return form;
        },
      });
      if (data !== undefined && response.ok) return data;
      // A refused import (422 import_rejected) carries the whole per-row report: show it like a dry run's.
      const problem = error as (Partial<ImportReport> & { code?: string }) | undefined;
      if (problem?.code === "import_rejected" && Array.isArray(problem.rows)) return problem as ImportReport;
      throw toApiError(error, response);
    },
    onSuccess,
    onError,
  });
}
