import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../api/client";
import { ApiError, unwrap } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";
import { etagOf, type User, type UserCreate, type UserListQuery, type UserUpdate } from "./user-rules";

/** Query keys of user accounts. */
export const userKeys = {
  all: ["users"] as const,
  list: (query: UserListQuery) => ["users", "list", query] as const,
};

export function useUsers(query: UserListQuery) {
  return useQuery({
    queryKey: userKeys.list(query),
    queryFn: async () => unwrap(await api.GET("/api/v1/users", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Every OPD, the inactive ones too: an account may still belong to one. */
export function useAllOpds() {
  return useQuery({
    queryKey: ["opds", "all"],
    queryFn: async () => unwrap(await api.GET("/api/v1/opds")),
    staleTime: 60_000,
  });
}

export function useCreateUser({ onSuccess, onError }: MutationCallbacks<User, UserCreate> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: UserCreate) => unwrap(await api.POST("/api/v1/users", { body })),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: userKeys.all });
      await onSuccess?.(...args);
    },
    onError,
  });
}

export type UserChange = { user: User; body: UserUpdate };

/**
 * Change role, OPD, name, e-mail, status or password (If-Match: the version the screen shows). A 412
 * means someone changed the account since the list was read: the list reloads, the screen says so.
 */
export function useUpdateUser({ onSuccess, onError }: MutationCallbacks<User, UserChange> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ user, body }: UserChange) =>
      unwrap(
        await api.PATCH("/api/v1/users/{user_id}", {
          params: { path: { user_id: user.id }, header: { "If-Match": etagOf(user) } },
          body,
        }),
      ),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: userKeys.all });
      await onSuccess?.(...args);
    },
    onError: async (...args) => {
      if (args[0] instanceof ApiError && args[0].status === 412) void qc.invalidateQueries({ queryKey: userKeys.all });
      await onError?.(...args);
    },
  });
}
