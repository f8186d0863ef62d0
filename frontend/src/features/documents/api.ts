import { useMutation, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrap } from "../../api/problem";
import { documentsKey, downloadDocument, type DocumentRead } from "../../components/document-queries";

// Uploading is shared (other features upload evidence in their own forms).
export { useUploadDocument, type DocumentUpload } from "../../components/document-queries";
import type { MutationCallbacks } from "../../lib/mutation";

/**
 * The documents feature's writes. Reading an agreement's documents (`useAgreementDocuments`,
 * `documentsKey`) lives in components/document-queries.ts, because other features pick documents too.
 */
export const documentKeys = { ofAgreement: documentsKey };

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
