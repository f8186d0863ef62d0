import i18n, { type BackendModule } from "i18next";
import { initReactI18next } from "react-i18next";

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
 * Each language is its own chunk, loaded when it is used: the first screen downloads one
 * language, not both (the bundle budget, scripts/bundle-budget.mjs). i18next waits for the
 * chunk before it switches, so no screen shows raw keys. Both files have the same keys
 * (i18n.test.ts), so there is no fallback language to load as well.
 */
const chunks: BackendModule = {
  type: "backend",
  init: () => undefined,
  read: (lng, _ns, done) => {
    const load = lng === "en" ? import("./en") : import("./id");
    load.then((m) => done(null, m.default), (e: Error) => done(e, false));
  },
};

/** Resolves when the stored language is loaded: main.tsx renders after it. */
export const i18nReady = i18n
  .use(chunks)
  .use(initReactI18next)
  .init({
    lng: storedLanguage(),
    supportedLngs: LANGUAGES,
    fallbackLng: false,
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
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
