import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, type Schemas } from "../../api/client";
import { unwrap } from "../../api/problem";
import type { MutationCallbacks } from "../../lib/mutation";

export type Holiday = Schemas["HolidayRead"];
export type HolidayIn = Schemas["HolidayIn"];

export const holidayKeys = { year: (year: number) => ["holidays", year] as const, all: ["holidays"] as const };

/** The non-working days of a year: national holidays, the SKB's cuti bersama and the admin's days. */
export function useHolidays(year: number) {
  return useQuery({
    queryKey: holidayKeys.year(year),
    queryFn: async () => unwrap(await api.GET("/api/v1/holidays", { params: { query: { year } } })),
  });
}

/** Add a regional day or a cuti bersama the national calendar does not know (admin). */
export function useAddHoliday({ onSuccess, onError }: MutationCallbacks<Holiday, HolidayIn> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: HolidayIn) => unwrap(await api.POST("/api/v1/holidays", { body })),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: holidayKeys.all });
      await onSuccess?.(...args);
    },
    onError,
  });
}

/** Remove a day the admin added; national days cannot be removed. */
export function useDeleteHoliday({ onSuccess, onError }: MutationCallbacks<unknown, string> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (day: string) => unwrap(await api.DELETE("/api/v1/holidays/{day}", { params: { path: { day } } })),
    onSuccess: async (...args) => {
      await qc.invalidateQueries({ queryKey: holidayKeys.all });
      await onSuccess?.(...args);
    },
    onError,
  });
}
