import { MultiSelect, Select } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAffairs, useOpds, useRegions } from "./reference-queries";

type Common = { label: string; error?: string; required?: boolean; description?: string };

export function OpdSelect(props: Common & { value: string | null; onChange: (v: string | null) => void }) {
  const opds = useOpds();
  const data = (opds.data ?? []).map((o) => ({ value: o.id, label: `${o.abbreviation} — ${o.name}` }));
  return <Select searchable clearable {...props} data={data} disabled={opds.isLoading} nothingFoundMessage="—" />;
}

export function OpdMultiSelect(props: Common & { value: string[]; onChange: (v: string[]) => void }) {
  const opds = useOpds();
  const data = (opds.data ?? []).map((o) => ({ value: o.id, label: `${o.abbreviation} — ${o.name}` }));
  return <MultiSelect searchable clearable {...props} data={data} disabled={opds.isLoading} />;
}

export function AffairMultiSelect(props: Common & { value: string[]; onChange: (v: string[]) => void }) {
  const affairs = useAffairs();
  const data = (affairs.data ?? []).map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }));
  return <MultiSelect searchable clearable {...props} data={data} disabled={affairs.isLoading} />;
}

export function AffairSelect(props: Common & { value: string | null; onChange: (v: string | null) => void }) {
  const affairs = useAffairs();
  const data = (affairs.data ?? []).map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }));
  return <Select searchable clearable {...props} data={data} />;
}

/** Region (kode wilayah) picker with server-side search. */
export function RegionSelect(props: Common & { value: string | null; onChange: (v: string | null) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const regions = useRegions(debounced);
  const data = (regions.data?.items ?? []).map((r) => ({
    value: r.code,
    label: `${r.name} (${r.code})`,
  }));
  if (props.value && !data.some((d) => d.value === props.value)) data.unshift({ value: props.value, label: props.value });
  return (
    <Select
      searchable
      clearable
      {...props}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      placeholder={t("partner.regionPlaceholder")}
    />
  );
}
