import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { unwrap } from "../api/problem";

/** The caller's task queue (GET /me/tasks); shared by the tasks page and the screens that change it. */
export const TASKS = ["tasks"] as const;

export function useTasks() {
  return useQuery({
    queryKey: TASKS,
    queryFn: async () => unwrap(await api.GET("/api/v1/me/tasks")),
    // The queue changes with every step taken anywhere: read it fresh whenever the page opens, and keep
    // no copy once the page is left (a cached list would show a task just done for a moment).
    staleTime: 0,
    gcTime: 0,
    refetchOnMount: "always",
    refetchOnWindowFocus: true,
  });
}

/** An OPD operator asks the lead OPD's head to submit a draft (a notification, and the head's queue). */
export function useRequestSubmission(agreementId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (message: string) =>
      unwrap(
        await api.POST("/api/v1/agreements/{agreement_id}/submission-requests", {
          params: { path: { agreement_id: agreementId } },
          body: { message: message.trim() || null },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: TASKS }),
  });
}
