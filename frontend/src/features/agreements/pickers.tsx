import { Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePartnerOptions } from "../../components/reference-queries";
import { useAgreementBrief, useParentCandidates } from "./api";
import type { Category, Kind } from "./filters";

type PartnerPickerProps = {
  label: string;
  value: string;
  valueLabel: string;
  onChange: (id: string, name: string) => void;
  error?: string;
  required?: boolean;
};

/** Partner picker with server-side search. */
export function PartnerPicker({ label, value, valueLabel, onChange, error, required }: PartnerPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const partners = usePartnerOptions(q);
  const data = (partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }));
  if (value && !data.some((d) => d.value === value)) data.unshift({ value, label: valueLabel || value });
  return (
    <Select
      label={label}
      required={required}
      searchable
      clearable
      placeholder={t("agreement.form.partnerPlaceholder")}
      value={value || null}
      onChange={(id, option) => onChange(id ?? "", option?.label ?? "")}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      error={error}
      nothingFoundMessage="—"
    />
  );
}

type ParentPickerProps = {
  label: string;
  description: string;
  kinds: readonly Kind[];
  category: Category | null;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string;
  required?: boolean;
  disabled?: boolean;
};

/** Parent text picker: only the kinds that may be this text's parent, in the same category. */
export function ParentPicker({ label, description, kinds, category, value, onChange, error, required, disabled }: ParentPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search, 250);
  const list = useParentCandidates(kinds, category, q);
  const selected = useAgreementBrief(value);
  const data = (list.data?.items ?? [])
    .filter((a) => kinds.includes(a.kind))
    .map((a) => ({ value: a.id, label: `${a.kind} ${a.number} — ${a.title}` }));
  if (value && !data.some((d) => d.value === value)) {
    const s = selected.data;
    data.unshift({ value, label: s ? `${s.kind} ${s.number} — ${s.title}` : value });
  }
  return (
    <Select
      label={label}
      description={description}
      required={required}
      disabled={disabled}
      searchable
      clearable
      placeholder={t("agreement.form.parentPlaceholder")}
      value={value}
      onChange={onChange}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      data={data}
      error={error}
      data-testid="parent-picker"
    />
  );
}
