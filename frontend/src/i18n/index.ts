import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import id from "./id";
import en from "./en";

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

void i18n.use(initReactI18next).init({
  resources: { id: { translation: id }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: "id",
  interpolation: { escapeValue: false },
  returnNull: false,
});

function syncHtmlLang(lang: string): void {
  if (typeof document !== "undefined") document.documentElement.lang = lang;
}
syncHtmlLang(i18n.language);

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
