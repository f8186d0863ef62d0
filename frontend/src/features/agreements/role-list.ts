import { intlLocale } from "../../lib/format";

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * The roles that may take a step, as words: the secretariat and the OPD head → "Sekretariat TKKSD atau
 * Kepala OPD" ("… or …" in English). The labels are the `roles.*` of the i18n catalogue; the list
 * comes from the API (`taken_by` of an action), so no role is named here.
 */
export function rolesText(roles: readonly string[], t: T, lang: string): string {
  const names = roles.map((r) => t(`roles.${r}`, { defaultValue: r }));
  return new Intl.ListFormat(intlLocale(lang), { type: "disjunction" }).format(names);
}
