import { SegmentedControl } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { setLanguage, type Language } from "../i18n";

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const lang: Language = i18n.language.startsWith("en") ? "en" : "id";
  return (
    <SegmentedControl
      size="xs"
      aria-label={t("nav.language")}
      value={lang}
      onChange={(v) => setLanguage(v === "en" ? "en" : "id")}
      data={[
        { value: "id", label: "ID" },
        { value: "en", label: "EN" },
      ]}
      data-testid="language-switch"
    />
  );
}
