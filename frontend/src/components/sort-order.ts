/** A list's sort key is a field name (ascending) or the field name with a leading "-" (descending). */
export function sortDirection(current: string | undefined, field: string): "asc" | "desc" | null {
  if (current === field) return "asc";
  if (current === `-${field}`) return "desc";
  return null;
}

/** Clicking a column header: ascending, then descending, then ascending again. */
export function nextSort<F extends string>(current: string | undefined, field: F): F | `-${F}` {
  return current === field ? `-${field}` : field;
}
