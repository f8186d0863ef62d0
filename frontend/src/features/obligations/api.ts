import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";

export const obligationsKey = (agreementId: string) => ["agreements", "obligations", agreementId] as const;

export function useAgreementObligations(agreementId: string) {
  return useQuery({
    queryKey: obligationsKey(agreementId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/obligations", { params: { path: { agreement_id: agreementId } } })),
  });
}

/** One obligation with its occurrences and their fulfilment records. */
export function useObligation(id: string) {
  return useQuery({
    queryKey: ["obligations", "detail", id],
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/obligations/{obligation_id}", { params: { path: { obligation_id: id } } })),
  });
}

export function useForceMajeure(agreementId: string) {
  return useQuery({
    queryKey: ["agreements", "force-majeure", agreementId],
    queryFn: async () =>
      unwrap(
        await api.GET("/api/v1/agreements/{agreement_id}/force-majeure-events", { params: { path: { agreement_id: agreementId } } }),
      ),
  });
}
