import { createElement, lazy, useEffect, type ComponentType } from "react";
import { loadMessages, loadRestAfterPaint } from "../i18n";
import type { MessageGroup } from "../i18n/id";

/*
 * A page loaded when its route is first shown (React.lazy on a named export), so the first
 * screen downloads only what it needs: the sign-in page and the task list stay under the bundle
 * budget (scripts/bundle-budget.mjs). Every feature page goes through here; Suspense boundaries
 * in route-components.tsx show the loading state meanwhile. The page keeps its props' type.
 *
 * The page's message groups load with it (i18n/index.ts): the groups it names, or every group
 * when it names none. A page a user lands on names its groups, so its first screen downloads only
 * those; routes/page-messages.test.ts checks that they cover every key its modules use.
 */
const factories = new WeakMap<object, () => Promise<unknown>>();

/** A lazy component whose loading can start before it renders (preloadLazy). */
function lazyWith<P>(factory: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let started: Promise<{ default: ComponentType<P> }> | null = null;
  const once = () => (started ??= factory().catch((e: unknown) => {
    started = null; // a failed chunk is fetched again on the next try
    throw e;
  }));
  const component = lazy(once);
  factories.set(component, once);
  return component as unknown as ComponentType<P>;
}

/**
 * Starts loading a lazy page or part now, so that it arrives together with the frame around it
 * rather than after it (the public pages: the frame and the page are two chunks).
 */
export function preloadLazy(component: unknown): void {
  void factories.get(component as object)?.().catch(() => undefined);
}

export function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K, messages: readonly MessageGroup[] | "all" = "all"): M[K] {
  return lazyWith(async () => {
    const [m] = await Promise.all([load(), loadMessages(messages)]);
    const Page = m[name] as unknown as ComponentType<object>;
    function ShownPage(props: object) {
      useEffect(markFirstPageShown, []);
      return createElement(Page, props);
    }
    return { default: ShownPage };
  }) as unknown as M[K];
}

/** A lazily loaded part of the frame (the shell, the bell): unlike a page, it does not mark the first page shown. */
export function lazyPart<M, K extends keyof M>(load: () => Promise<M>, name: K, messages: readonly MessageGroup[]): M[K] {
  return lazyWith(async () => {
    const [m] = await Promise.all([load(), loadMessages(messages)]);
    return { default: m[name] as unknown as ComponentType<object> };
  }) as unknown as M[K];
}

/*
 * What is not needed for the first screen (the notification bell, the server's error texts, the
 * other message groups) loads after the first page has painted, so it does not compete with it for the network.
 */
let firstPageShown = false;
const waiting = new Set<() => void>();

/** Marks the first page shown (a lazy page does it itself; RequireAuth for any page, a 404 included). */
export function markFirstPageShown(): void {
  if (firstPageShown) return;
  const done = () => {
    if (firstPageShown) return;
    firstPageShown = true;
    for (const f of waiting) f();
    waiting.clear();
  };
  // The effect runs once the page is committed; the next frame is the painted one.
  if (typeof requestAnimationFrame === "function") requestAnimationFrame(() => setTimeout(done, 0));
  else setTimeout(done, 0);
}

/** Calls `f` once the first page has painted (at once if it has); returns an unsubscribe. */
export function afterFirstPage(f: () => void): () => void {
  if (firstPageShown) {
    f();
    return () => undefined;
  }
  waiting.add(f);
  return () => void waiting.delete(f);
}

afterFirstPage(loadRestAfterPaint);
