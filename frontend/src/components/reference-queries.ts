import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/problem";
import { PARTNERS } from "../lib/query-keys";

const HOUR = 60 * 60 * 1000;

export function useAffairs() {
  return useQuery({
    queryKey: ["affairs"],
    queryFn: async () => unwrap(await api.GET("/api/v1/affairs")),
    staleTime: HOUR,
  });
}

export function useOpds() {
  return useQuery({
    queryKey: ["opds"],
    queryFn: async () => unwrap(await api.GET("/api/v1/opds", { params: { query: { active: true } } })),
    staleTime: HOUR,
  });
}

export function useRegions(q: string) {
  return useQuery({
    queryKey: ["regions", q],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/regions", { params: { query: { q: q || undefined, limit: 50 } } })),
    staleTime: HOUR,
  });
}

/** Partners for a picker (by name, server-side search); shared by every screen that picks a partner. */
export function usePartnerOptions(q: string) {
  return useQuery({
    queryKey: [...PARTNERS, "pick", q],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/partners", { params: { query: { q: q || undefined, limit: 20, sort: "name" } } })),
    staleTime: 60_000,
  });
}
