import { useState } from "react";

/**
 * Keyset paging for a list: the stack holds the cursors of the pages up to this one (`null` for the
 * first). The server only hands out a "next" cursor, so going back pops the stack. Whenever `filters`
 * change (compared as JSON) the list starts again at page 1.
 */
export function useCursorStack(filters: unknown) {
  const key = JSON.stringify(filters);
  const [pages, setPages] = useState<{ key: string; stack: (string | null)[] }>({ key: "", stack: [null] });
  const stack = pages.key === key ? pages.stack : [null];
  return {
    /** The cursor to fetch the current page with (`null` on page 1). */
    cursor: stack[stack.length - 1] ?? null,
    /** 1-based page number. */
    page: stack.length,
    hasPrevious: stack.length > 1,
    previous: () => setPages({ key, stack: stack.slice(0, -1) }),
    next: (nextCursor: string | null | undefined) => setPages({ key, stack: [...stack, nextCursor ?? null] }),
  };
}

export type CursorStack = ReturnType<typeof useCursorStack>;
