import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api } from "../../api/client";
import type { components } from "../../api/schema";
import { unwrap } from "../../api/problem";
import type { PublicListQuery } from "./public-search";

export type PublicAgreementSummary = components["schemas"]["PublicAgreementSummary"];
export type PublicAgreementRead = components["schemas"]["PublicAgreementRead"];
export type PublicStats = components["schemas"]["PublicStats"];

/** Query keys of the public register (its own root: nothing signed-in invalidates it). */
export const publicKeys = {
  all: ["public-register"] as const,
  list: (query: PublicListQuery) => ["public-register", "list", query] as const,
  one: (id: string) => ["public-register", "agreement", id] as const,
  stats: ["public-register", "stats"] as const,
};

export function usePublicAgreements(query: PublicListQuery) {
  return useQuery({
    queryKey: publicKeys.list(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/public/agreements", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function usePublicAgreement(id: string) {
  return useQuery({
    queryKey: publicKeys.one(id),
    queryFn: async () => unwrap(await api.GET("/api/v1/public/agreements/{agreement_id}", { params: { path: { agreement_id: id } } })),
    retry: false,
  });
}

export function usePublicStats() {
  return useQuery({
    queryKey: publicKeys.stats,
    queryFn: async () => unwrap(await api.GET("/api/v1/public/stats")),
    staleTime: 60_000,
  });
}
