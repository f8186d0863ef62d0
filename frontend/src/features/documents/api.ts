import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrap } from "../../api/problem";
import { documentsKey, downloadDocument, type DocumentRead } from "../../components/document-queries";
import type { MutationCallbacks } from "../../lib/mutation";
import type { DocType } from "./document-rules";

/**
 * The documents feature's writes. Reading an agreement's documents (`useAgreementDocuments`,
 * `documentsKey`) lives in components/document-queries.ts, because other features pick documents too.
 */
export const documentKeys = { ofAgreement: documentsKey };

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
      await qc.invalidateQueries({ queryKey: documentKeys.ofAgreement(agreementId) });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Delete a document (If-Match: its version). */
export function useDeleteDocument(agreementId: string, doc: DocumentRead, { onSuccess, onError }: MutationCallbacks<void> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      unwrap(
        await api.DELETE("/api/v1/documents/{document_id}", {
          params: { path: { document_id: doc.id }, header: { "If-Match": `"${doc.version}"` } },
        }),
      );
    },
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: documentKeys.ofAgreement(agreementId) });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Download the document's file (with the bearer token; see downloadDocument). */
export function useDownloadDocument(doc: DocumentRead, { onError }: MutationCallbacks<void> = {}) {
  return useMutation({ mutationFn: () => downloadDocument(doc), onError });
}

/** Mark a document for the public register, or withdraw it (If-Match: its version). */
export function usePublishDocument(agreementId: string, doc: DocumentRead, { onSuccess, onError }: MutationCallbacks<DocumentRead, boolean> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (value: boolean) =>
      unwrap(
        await api.PATCH("/api/v1/documents/{document_id}", {
          params: { path: { document_id: doc.id }, header: { "If-Match": `"${doc.version}"` } },
          body: { public: value },
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: documentKeys.ofAgreement(agreementId) });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Share a document with the province, or withdraw it (If-Match: its version). */
export function useShareDocument(agreementId: string, doc: DocumentRead, { onSuccess, onError }: MutationCallbacks<DocumentRead, boolean> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (shared: boolean) =>
      unwrap(
        await api.PATCH("/api/v1/documents/{document_id}", {
          params: { path: { document_id: doc.id }, header: { "If-Match": `"${doc.version}"` } },
          body: { shared },
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: documentKeys.ofAgreement(agreementId) });
      await onSuccess?.(...args);
    },
    onError,
  });
}
