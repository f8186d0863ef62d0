import { MultiSelect, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatDate } from "../lib/format";
import { useAgreementDocuments } from "./document-queries";

/** Evidence: pick among the agreement's uploaded documents (title, kind and date of each). */
export function DocumentPicker({
  agreementId,
  value,
  onChange,
  label,
  description,
  emptyHint,
  error,
  disabled,
  testId,
}: {
  agreementId: string;
  value: string[];
  onChange: (ids: string[]) => void;
  label: string;
  description?: string;
  /** What to say when the agreement has no document yet (e.g. where to upload one). */
  emptyHint?: string;
  error?: string;
  disabled?: boolean;
  testId?: string;
}) {
  const { t, i18n } = useTranslation();
  const docs = useAgreementDocuments(agreementId);
  const data = (docs.data ?? []).map((d) => ({
    value: d.id,
    label: `${d.title} (${t(`enums.docType.${d.doc_type}`)}, ${formatDate(d.doc_date, i18n.language)})`,
  }));
  // Keep ids the list does not (yet) hold, so a save never drops them silently.
  for (const id of value) if (!data.some((d) => d.value === id)) data.push({ value: id, label: id.slice(0, 8) });
  return (
    <MultiSelect
      label={label}
      data={data}
      value={value}
      onChange={onChange}
      searchable
      clearable
      disabled={disabled || docs.isLoading}
      error={error}
      description={data.length === 0 && !docs.isLoading ? (emptyHint ?? t("documents.noneToPick")) : description}
      nothingFoundMessage={t("documents.noneMatch")}
      data-testid={testId}
    />
  );
}

/** The documents linked to a record that can no longer change: read only, no hint to upload. */
export function DocumentList({ agreementId, ids, label, empty, testId }: { agreementId: string; ids: string[]; label: string; empty: string; testId?: string }) {
  const { t, i18n } = useTranslation();
  const docs = useAgreementDocuments(agreementId, ids.length > 0);
  const byId = new Map((docs.data ?? []).map((d) => [d.id, d]));
  return (
    <Stack gap={2} data-testid={testId}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      {ids.length === 0 ? (
        <Text size="sm" c="dimmed">
          {empty}
        </Text>
      ) : (
        ids.map((id) => {
          const d = byId.get(id);
          return (
            <Text key={id} size="sm">
              {d ? `${d.title} (${t(`enums.docType.${d.doc_type}`)}, ${formatDate(d.doc_date, i18n.language)})` : id.slice(0, 8)}
            </Text>
          );
        })
      )}
    </Stack>
  );
}
