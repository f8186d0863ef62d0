import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { ApiError, unwrap } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";

export type Opd = Schemas["OpdRead"];
export type OpdCreate = Schemas["OpdCreate"];
export type OpdUpdate = Schemas["OpdUpdate"];

/** Under the root the pickers use (`["opds"]`, components/reference-queries): a change refreshes them too. */
export const opdKeys = { all: ["opds"] as const, admin: (q: string | undefined) => ["opds", "admin", q ?? ""] as const };

/** Every OPD, active and inactive, optionally searched by code or name. */
export function useOpdList(q: string | undefined) {
  return useQuery({
    queryKey: opdKeys.admin(q),
    queryFn: async () => unwrap(await api.GET("/api/v1/opds", { params: { query: q ? { q } : {} } })),
  });
}

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: opdKeys.all });
}

export function useCreateOpd({ onSuccess, onError }: MutationCallbacks<Opd, OpdCreate> = {}) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async (body: OpdCreate) => unwrap(await api.POST("/api/v1/opds", { body })),
    onSuccess: async (...args) => {
      await invalidate();
      await onSuccess?.(...args);
    },
    onError,
  });
}

export type OpdChange = { opd: Opd; body: OpdUpdate };

/** Rename, or set active / inactive (If-Match: the version the screen shows; a 412 reloads the list). */
export function useUpdateOpd({ onSuccess, onError }: MutationCallbacks<Opd, OpdChange> = {}) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: async ({ opd, body }: OpdChange) =>
      unwrap(
        await api.PATCH("/api/v1/opds/{opd_id}", {
          params: { path: { opd_id: opd.id }, header: { "If-Match": `"${opd.version}"` } },
          body,
        }),
      ),
    onSuccess: async (...args) => {
      await invalidate();
      await onSuccess?.(...args);
    },
    onError: async (...args) => {
      if (args[0] instanceof ApiError && args[0].status === 412) void invalidate();
      await onError?.(...args);
    },
  });
}
