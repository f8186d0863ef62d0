import "@testing-library/jest-dom/vitest";
import i18n, { i18nReady, loadMessages } from "../i18n";

await i18nReady;
// The app loads one language per visit, and of it the groups a page needs; tests read every
// group in both languages (getFixedT("en") included).
await i18n.loadLanguages(["id", "en"]);
await loadMessages("all", ["id", "en"]);

// Mantine reads matchMedia, which jsdom lacks.
if (!window.matchMedia) {
  window.matchMedia = (query: string): MediaQueryList =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
class RO {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
if (!("ResizeObserver" in window)) {
  (window as unknown as { ResizeObserver: typeof RO }).ResizeObserver = RO;
}
// jsdom has no FontFaceSet; Mantine's autosize Textarea listens on it.
if (!("fonts" in document)) {
  Object.defineProperty(document, "fonts", {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined, ready: Promise.resolve() },
  });
}
