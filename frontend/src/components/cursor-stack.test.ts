import { act, renderHook } from "@testing-library/react";
import { useCursorStack } from "./cursor-stack";

describe("useCursorStack", () => {
  it("starts on page 1 with no cursor", () => {
    const { result } = renderHook(() => useCursorStack({ status: "failed" }));
    expect(result.current.page).toBe(1);
    expect(result.current.cursor).toBeNull();
    expect(result.current.hasPrevious).toBe(false);
  });

  it("next pushes the server's cursor, previous pops it", () => {
    const { result } = renderHook(() => useCursorStack({}));
    act(() => result.current.next("c2"));
    expect(result.current).toMatchObject({ page: 2, cursor: "c2", hasPrevious: true });
    act(() => result.current.next("c3"));
    expect(result.current).toMatchObject({ page: 3, cursor: "c3" });
    act(() => result.current.previous());
    expect(result.current).toMatchObject({ page: 2, cursor: "c2" });
    act(() => result.current.previous());
    expect(result.current).toMatchObject({ page: 1, cursor: null, hasPrevious: false });
  });

  it("goes back to page 1 when the filters change", () => {
    const { result, rerender } = renderHook(({ filters }) => useCursorStack(filters), { initialProps: { filters: { q: "a" } } });
    act(() => result.current.next("c2"));
    expect(result.current.page).toBe(2);
    rerender({ filters: { q: "ab" } });
    expect(result.current).toMatchObject({ page: 1, cursor: null, hasPrevious: false });
    act(() => result.current.next("d2"));
    expect(result.current).toMatchObject({ page: 2, cursor: "d2" });
  });

  it("keeps the page when the filters are equal but a new object", () => {
    const { result, rerender } = renderHook(({ filters }) => useCursorStack(filters), { initialProps: { filters: { q: "a" } } });
    act(() => result.current.next("c2"));
    rerender({ filters: { q: "a" } });
    expect(result.current).toMatchObject({ page: 2, cursor: "c2" });
  });
});
