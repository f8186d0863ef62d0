import "@mantine/dates/styles.css";
import "dayjs/locale/id";
import { DateInput } from "@mantine/dates";
import type { CSSProperties, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { parseDateText } from "../lib/date-text";

/*
 * The one date field of the app. A native <input type="date"> follows the browser's locale
 * (a Chromium set to English shows mm/dd/yyyy), so the Indonesian dd/mm/yyyy is not what a user
 * sees. This field shows "15/07/2026" in Indonesian and "15 July 2026" in English, reads what the
 * user types day first (lib/date-text.ts), and hands the form the ISO YYYY-MM-DD string the API
 * takes ("" when empty), as the native input did.
 */
export type DateFieldProps = {
  label: ReactNode;
  value: string;
  onChange: (iso: string) => void;
  error?: ReactNode;
  description?: ReactNode;
  required?: boolean;
  /** Earliest and latest ISO dates the calendar offers. */
  min?: string;
  max?: string;
  /** Defaults to "not required": an optional date can be emptied with the × button. */
  clearable?: boolean;
  disabled?: boolean;
  style?: CSSProperties;
  "data-testid"?: string;
};

export const DATE_FORMATS = { id: "DD/MM/YYYY", en: "D MMMM YYYY" } as const;

export function DateField({ label, value, onChange, error, description, required, min, max, clearable, disabled, style, ...rest }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("en") ? "en" : "id";
  return (
    <DateInput
      label={label}
      description={description}
      error={error}
      required={required}
      disabled={disabled}
      style={style}
      locale={lang}
      valueFormat={DATE_FORMATS[lang]}
      dateParser={parseDateText}
      placeholder={t("dateField.placeholder")}
      value={value || null}
      onChange={(next) => onChange(next ?? "")}
      minDate={min}
      maxDate={max}
      clearable={clearable ?? !required}
      clearButtonProps={{ "aria-label": t("dateField.clear") }}
      ariaLabels={{
        nextMonth: t("dateField.nextMonth"),
        previousMonth: t("dateField.previousMonth"),
        nextYear: t("dateField.nextYear"),
        previousYear: t("dateField.previousYear"),
        nextDecade: t("dateField.nextDecade"),
        previousDecade: t("dateField.previousDecade"),
        monthLevelControl: t("dateField.pickMonth"),
        yearLevelControl: t("dateField.pickYear"),
      }}
      popoverProps={{ withinPortal: true }}
      data-testid={rest["data-testid"]}
    />
  );
}
