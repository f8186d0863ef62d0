import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../api/client";
import { toApiError, unwrap } from "../api/problem";
import { agreementPart } from "../lib/query-keys";
import type { MutationCallbacks } from "../lib/mutation";
import type { DocType } from "./document-rules";

export type DocumentRead = Schemas["DocumentRead"];

export const documentsKey = (agreementId: string) => agreementPart("documents", agreementId);

/** The agreement's documents (metadata), newest first as the API lists them. */
export function useAgreementDocuments(agreementId: string, enabled = true) {
  return useQuery({
    enabled,
    queryKey: documentsKey(agreementId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/documents", { params: { path: { agreement_id: agreementId } } })),
  });
}

export type DocumentUpload = { doc_type: DocType; title: string; doc_date: string; file: File; shared?: boolean };

/** Upload a file with its metadata (multipart). */
export function useUploadDocument(agreementId: string, { onSuccess, onError }: MutationCallbacks<DocumentRead, DocumentUpload> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ file, ...meta }: DocumentUpload) =>
      unwrap(
        await api.POST("/api/v1/agreements/{agreement_id}/documents", {
          params: { path: { agreement_id: agreementId } },
          body: { ...meta, shared: meta.shared ?? false, file: file as unknown as string },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append("doc_type", body.doc_type);
            form.append("title", body.title);
            form.append("doc_date", body.doc_date);
            form.append("shared", body.shared ? "true" : "false");
            form.append("file", file);
            return form;
          },
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: documentsKey(agreementId) });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** The file name the server suggests in Content-Disposition (RFC 6266, UTF-8 form first). */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      /* fall through to the ASCII name */
    }
  }
  return /filename="([^"]+)"/i.exec(header)?.[1] ?? fallback;
}

/**
 * Download a document's file. The access token lives in memory (the refresh cookie is scoped to
 * /api/v1/auth), so a plain link would not authenticate: fetch with the bearer and save the blob.
 */
export async function downloadDocument(doc: Pick<DocumentRead, "id" | "original_filename">): Promise<void> {
  const { data, error, response } = await api.GET("/api/v1/documents/{document_id}/file", {
    params: { path: { document_id: doc.id } },
    parseAs: "blob",
  });
  if (error !== undefined || !(data instanceof Blob)) throw toApiError(error, response);
  const name = dispositionName(response.headers.get("Content-Disposition"), doc.original_filename);
  const url = URL.createObjectURL(data);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
