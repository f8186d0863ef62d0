import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/problem";

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
