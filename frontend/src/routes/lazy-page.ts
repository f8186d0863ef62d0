import { lazy, type ComponentType } from "react";

/*
 * A page loaded when its route is first shown (React.lazy on a named export), so the first
 * screen downloads only what it needs: the sign-in page stays under the bundle budget
 * (scripts/bundle-budget.mjs). Every feature page goes through here; Suspense boundaries in
 * route-components.tsx show the loading state meanwhile. The page keeps its props' type.
 */
export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  return lazy(async () => ({ default: (await load())[name] as unknown as ComponentType<object> })) as unknown as M[K];
}
