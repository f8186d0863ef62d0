import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import { unwrap, unwrapWithEtag } from "../../api/problem";

export const reportsKey = (agreementId: string) => ["agreements", "monitoring-reports", agreementId] as const;
export const reportKey = (id: string) => ["monitoring-reports", id] as const;

export function useAgreementReports(agreementId: string) {
  return useQuery({
    queryKey: reportsKey(agreementId),
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/monitoring-reports", { params: { path: { agreement_id: agreementId } } })),
  });
}

export function useReport(id: string) {
  return useQuery({
    queryKey: reportKey(id),
    queryFn: async () => unwrapWithEtag(await api.GET("/api/v1/monitoring-reports/{report_id}", { params: { path: { report_id: id } } })),
    retry: (count, error) => !(error instanceof Error && "status" in error && error.status === 404) && count < 2,
  });
}

export function useMonitoringDue(period: string | null) {
  return useQuery({
    queryKey: ["monitoring", "due", period],
    queryFn: async () => unwrap(await api.GET("/api/v1/monitoring/due", { params: { query: { period: period ?? undefined } } })),
  });
}

/** The agreement's reporting cadence and due days (the defaults while none is stored). */
export function useMonitoringSettings(agreementId: string) {
  return useQuery({
    queryKey: ["agreements", "monitoring-settings", agreementId],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements/{agreement_id}/monitoring-settings", { params: { path: { agreement_id: agreementId } } })),
  });
}
