import i18n, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";
import type { MessageGroup } from "./id";

export const LANGUAGES = ["id", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = "kerjasama.lang";

function storedLanguage(): Language {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    return v === "en" ? "en" : "id";
  } catch {
    return "id";
  }
}

/*
 * Messages load in pieces, so the first screen downloads little (the bundle budget,
 * scripts/bundle-budget.mjs): one language, not both, and of it only the core groups below plus
 * the groups the page declares (routes/lazy-page.ts; routes/page-messages.test.ts checks the
 * declarations against the keys the page's modules use). Each group of each language is its own
 * chunk (messages/<language>/<group>.ts). Both languages have the same keys (i18n.test.ts), so
 * there is no fallback language to load as well.
 */

/** What the entry itself shows (loading, not found, language switch) and the sign-in page's frame. */
export const CORE_GROUPS: readonly MessageGroup[] = ["app", "common", "nav", "roles", "auth", "errors"];
/**
 * The texts of the server's error codes (lib/problem-text.ts): shown only once a request has failed,
 * so they load right after the first page has painted, not before it. A failure rendered before they
 * arrive shows the server's own sentence for that moment, then the text (components re-render when
 * a group arrives: bindI18nStore below).
 */
export const AFTER_PAINT_GROUPS: readonly MessageGroup[] = ["serverErrors"];

// Keyed "./<group>.ts" (the base keeps the keys, which the entry carries, short).
type GroupModule = { default: Record<string, unknown> };
const MODULES: Record<Language, Record<string, () => Promise<GroupModule>>> = {
  id: import.meta.glob<GroupModule>("./*.ts", { base: "./messages/id" }),
  en: import.meta.glob<GroupModule>("./*.ts", { base: "./messages/en" }),
};
const ALL_GROUPS = Object.keys(MODULES.id).map((p) => p.slice(2, -3) as MessageGroup);

/** Groups some screen has asked for: a language switched to later loads all of them. */
const wanted = new Set<MessageGroup>(CORE_GROUPS);
/** Languages whose messages have been asked for: a group asked for later loads in each. */
const active = new Set<Language>();
const loads = new Map<string, Promise<Record<string, unknown>>>();

function loadGroup(lng: Language, group: MessageGroup): Promise<Record<string, unknown>> {
  const key = `${lng}/${group}`;
  let p = loads.get(key);
  if (!p) {
    const load = MODULES[lng][`./${group}.ts`];
    p = load ? load().then((m) => m.default) : Promise.reject(new Error(`no messages ${key}`));
    p.catch(() => loads.delete(key)); // a failed chunk is fetched again next time
    loads.set(key, p);
  }
  return p;
}

async function loadGroups(lng: Language, groups: Iterable<MessageGroup>): Promise<Record<string, unknown>> {
  const list = [...groups];
  const values = await Promise.all(list.map((g) => loadGroup(lng, g)));
  return Object.fromEntries(list.map((g, i) => [g, values[i]]));
}

// i18next asks for a language when it starts and on a switch; it waits for it before it switches,
// so no screen shows raw keys.
const chunks: BackendModule = {
  type: "backend",
  init: () => undefined,
  read: (lng, _ns, done) => {
    const language: Language = lng === "en" ? "en" : "id";
    active.add(language);
    loadGroups(language, wanted).then(
      (messages) => done(null, messages),
      (e: Error) => done(e, false),
    );
  },
};

/**
 * Loads message groups (every group when "all") in each language in use; resolves when i18next
 * has them. A lazily loaded page waits for this before it renders (routes/lazy-page.ts).
 */
export async function loadMessages(groups: readonly MessageGroup[] | "all", languages?: readonly Language[]): Promise<void> {
  const list = groups === "all" ? ALL_GROUPS : groups;
  for (const g of list) wanted.add(g);
  for (const l of languages ?? []) active.add(l);
  await Promise.all(
    [...active].map(async (lng) => {
      const missing = list.filter((g) => !i18n.hasResourceBundle(lng, "translation") || i18n.getResource(lng, "translation", g) === undefined);
      if (missing.length === 0) return;
      i18n.addResourceBundle(lng, "translation", await loadGroups(lng, missing), true, true);
    }),
  );
}

let restScheduled = false;
/**
 * Called once the first page has painted (routes/lazy-page.ts): the server's error texts now, the
 * other groups while the browser is idle (later pages then wait for none).
 */
export function loadRestAfterPaint(): void {
  if (restScheduled || typeof window === "undefined") return;
  restScheduled = true;
  void loadMessages(AFTER_PAINT_GROUPS).catch(() => undefined);
  const run = () => void loadMessages("all").catch(() => undefined);
  if ("requestIdleCallback" in window) window.requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 1000);
}

/** Resolves when the stored language's core groups are loaded: main.tsx renders after it. */
export const i18nReady = i18n
  .use(chunks)
  .use(initReactI18next)
  .init({
    lng: storedLanguage(),
    supportedLngs: LANGUAGES,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    // Re-render when a group arrives (the server's error texts after the first paint).
    react: { useSuspense: false, bindI18nStore: "added" },
  });

function syncHtmlLang(lang: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}
// i18n.language is set only once the language's chunk has loaded: use the stored choice now.
syncHtmlLang(storedLanguage());
i18n.on("languageChanged", syncHtmlLang);

/** Switch language and remember the choice. */
export function setLanguage(lang: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  void i18n.changeLanguage(lang);
  syncHtmlLang(lang);
}

export default i18n;
