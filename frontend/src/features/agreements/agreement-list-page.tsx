import { AnchorLink, ButtonLink } from "../../components/links";
import {
  Button,
  Checkbox,
  Group,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconArrowDown, IconArrowUp, IconArrowsSort, IconPlus, IconSearch } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AgreementBadges } from "../../components/agreement-badges";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { AffairSelect, OpdSelect } from "../../components/reference-pickers";
import { formatDate, formatNumber } from "../../lib/format";
import {
  CATEGORIES,
  EXPIRING_CHOICES,
  KINDS,
  NATURES,
  STATUSES,
  hasFilters,
  nextSort,
  sortDirection,
  updateSearch,
  type AgreementSearch,
  type Sort,
} from "./filters";
import { downloadAgreements, useAgreementList } from "./queries";

type Props = {
  search: AgreementSearch;
  onSearchChange: (next: AgreementSearch) => void;
  canCreate: boolean;
};

const YEARS = Array.from({ length: new Date().getFullYear() - 2009 }, (_, i) => String(new Date().getFullYear() - i));

type SortField = "number" | "title" | "signed_date" | "end_date";

function SortHeader({ field, label, sort, onSort }: { field: SortField; label: string; sort: Sort; onSort: (s: Sort) => void }) {
  const dir = sortDirection(sort, field);
  const Icon = dir === "asc" ? IconArrowUp : dir === "desc" ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}>
      <UnstyledButton onClick={() => onSort(nextSort(sort, field))} data-testid={`sort-${field}`}>
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

export function AgreementListPage({ search, onSearchChange, canCreate }: Props) {
  const [exporting, setExporting] = useState<"csv" | "xlsx" | null>(null);
  const [exportError, setExportError] = useState(false);
  const { t, i18n } = useTranslation();
  // Cursor paging: the stack holds the cursors of the pages before this one.
  const [pages, setPages] = useState<{ key: string; stack: (string | null)[] }>({ key: "", stack: [null] });
  const filterKey = JSON.stringify(search);
  const stack = pages.key === filterKey ? pages.stack : [null];
  const cursor = stack[stack.length - 1] ?? null;
  const list = useAgreementList(search, cursor);
  const [q, setQ] = useState(search.q ?? "");
  const sort: Sort = search.sort ?? "-signed_date";

  const change = (c: Partial<AgreementSearch>) => onSearchChange(updateSearch(search, c));
  const debouncedQ = useDebouncedCallback((value: string) => change({ q: value || undefined }), 350);

  const lang = i18n.language;
  const items = list.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("agreement.listTitle")}</Title>
        {canCreate && (
          <ButtonLink to="/agreements/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t("agreement.create")}
          </ButtonLink>
        )}
      </Group>

      <Paper withBorder p="sm" component="section" aria-label={t("agreement.filters")}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <TextInput
            label={t("agreement.search")}
            leftSection={<IconSearch size={16} aria-hidden />}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              debouncedQ(e.currentTarget.value);
            }}
            data-testid="filter-q"
          />
          <Select
            label={t("agreement.category")}
            clearable
            value={search.category ?? null}
            onChange={(v) => change({ category: (v ?? undefined) as AgreementSearch["category"] })}
            data={CATEGORIES.map((c) => ({ value: c, label: t(`enums.category.${c}`) }))}
            data-testid="filter-category"
          />
          <Select
            label={t("agreement.kind")}
            clearable
            value={search.kind ?? null}
            onChange={(v) => change({ kind: (v ?? undefined) as AgreementSearch["kind"] })}
            data={KINDS.map((k) => ({ value: k, label: t(`enums.kind.${k}`) }))}
            data-testid="filter-kind"
          />
          <Select
            label={t("agreement.status")}
            clearable
            value={search.status ?? null}
            onChange={(v) => change({ status: (v ?? undefined) as AgreementSearch["status"] })}
            data={STATUSES.map((s) => ({ value: s, label: t(`enums.status.${s}`) }))}
            data-testid="filter-status"
          />
          <OpdSelect
            label={t("agreement.leadOpd")}
            value={search.lead_opd_id ?? null}
            onChange={(v) => change({ lead_opd_id: v ?? undefined })}
          />
          <AffairSelect
            label={t("agreement.affairs")}
            value={search.affair_code ?? null}
            onChange={(v) => change({ affair_code: v ?? undefined })}
          />
          <Select
            label={t("agreement.nature")}
            clearable
            value={search.nature ?? null}
            onChange={(v) => change({ nature: (v ?? undefined) as AgreementSearch["nature"] })}
            data={NATURES.map((n) => ({ value: n, label: t(`enums.nature.${n}`) }))}
          />
          <Select
            label={t("agreement.signedYear")}
            clearable
            searchable
            value={search.signed_year ? String(search.signed_year) : null}
            onChange={(v) => change({ signed_year: v ? Number(v) : undefined })}
            data={YEARS}
          />
          <Select
            label={t("agreement.expiringWithin")}
            clearable
            value={search.expiring ? String(search.expiring) : null}
            onChange={(v) => change({ expiring: v ? Number(v) : undefined })}
            data={EXPIRING_CHOICES.map((d) => ({ value: String(d), label: t("agreement.expiringDays", { count: d }) }))}
            data-testid="filter-expiring"
          />
          <Checkbox
            mt={{ base: 0, md: 30 }}
            label={t("agreement.onlyExpired")}
            checked={search.expired ?? false}
            onChange={(e) => change({ expired: e.currentTarget.checked || undefined })}
            data-testid="filter-expired"
          />
          <Group mt={{ base: 0, md: 24 }} gap="xs">
            {hasFilters(search) && (
              <Button
                variant="default"
                onClick={() => {
                  setQ("");
                  onSearchChange(search.sort ? { sort: search.sort } : {});
                }}
              >
                {t("common.clear")}
              </Button>
            )}
          </Group>
        </SimpleGrid>
      </Paper>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState title={t("agreement.empty")} hint={hasFilters(search) ? t("agreement.emptyHint") : undefined} />
      ) : (
        <>
        <Stack gap="xs" hiddenFrom="sm" data-testid="agreement-cards">
          {items.map((a) => (
            <Paper withBorder p="sm" key={a.id}>
              <Text size="xs" ff="monospace" c="dimmed">
                {a.number} · {a.kind} · {a.category}
              </Text>
              <AnchorLink to="/agreements/$id" params={{ id: a.id }} fw={600} size="sm">
                {a.title}
              </AnchorLink>
              <Text size="xs" mt={4}>
                {a.partners.map((p) => p.name).join(", ") || t("common.none")} · {a.lead_opd.abbreviation}
              </Text>
              <Text size="xs" c="dimmed" mb={6}>
                {formatDate(a.signed_date, lang)} – {formatDate(a.end_date, lang)}
              </Text>
              <AgreementBadges agreement={a} />
            </Paper>
          ))}
        </Stack>
        <Paper withBorder visibleFrom="sm">
          <ScrollArea type="auto">
            <Table stickyHeader striped highlightOnHover verticalSpacing="xs" miw={960} data-testid="agreement-table">
              <Table.Thead>
                <Table.Tr>
                  <SortHeader field="number" label={t("agreement.number")} sort={sort} onSort={(s) => change({ sort: s })} />
                  <SortHeader field="title" label={t("agreement.title")} sort={sort} onSort={(s) => change({ sort: s })} />
                  <Table.Th>{t("agreement.partners")}</Table.Th>
                  <Table.Th>{t("agreement.leadOpd")}</Table.Th>
                  <SortHeader field="signed_date" label={t("agreement.signedDate")} sort={sort} onSort={(s) => change({ sort: s })} />
                  <SortHeader field="end_date" label={t("agreement.endDate")} sort={sort} onSort={(s) => change({ sort: s })} />
                  <Table.Th style={{ minWidth: 170 }}>{t("agreement.status")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {a.number}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {a.kind} · {a.category}
                      </Text>
                    </Table.Td>
                    <Table.Td maw={360} miw={220}>
                      <AnchorLink to="/agreements/$id" params={{ id: a.id }} size="sm">
                        {a.title}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.partners.map((p) => p.name).join(", ") || t("common.none")}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{a.lead_opd.abbreviation}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(a.signed_date, lang)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(a.end_date, lang)}</Text>
                      {a.days_to_end !== null && (a.expiring || a.expired) && (
                        <Text size="xs" c={a.expired ? "red.9" : undefined} fw={600}>
                          {a.days_to_end >= 0
                            ? t("agreement.daysLeft", { count: a.days_to_end })
                            : t("agreement.daysAgo", { count: -a.days_to_end })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <AgreementBadges agreement={a} stacked />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
        </>
      )}

      {list.data && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="agreement-total">
            {t("common.total", { count: list.data.total, formatted: formatNumber(list.data.total, lang) })} ·{" "}
            {t("common.page", { page: stack.length })}
          </Text>
          <Group gap="xs">
            <Button
              variant="default"
              disabled={stack.length <= 1}
              onClick={() => setPages({ key: filterKey, stack: stack.slice(0, -1) })}
            >
              {t("common.previous")}
            </Button>
            <Button
              variant="default"
              disabled={!list.data.next_cursor}
              onClick={() => setPages({ key: filterKey, stack: [...stack, list.data.next_cursor ?? null] })}
              data-testid="page-next"
            >
              {t("common.next")}
            </Button>
          </Group>
        </Group>
      )}
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t("agreement.export.label")}
        </Text>
        {(["csv", "xlsx"] as const).map((format) => (
          <Button
            key={format}
            size="xs"
            variant="default"
            loading={exporting === format}
            onClick={() => {
              setExporting(format);
              setExportError(false);
              downloadAgreements(search, format)
                .catch(() => setExportError(true))
                .finally(() => setExporting(null));
            }}
            data-testid={`export-${format}`}
          >
            {format.toUpperCase()}
          </Button>
        ))}
        {exportError && (
          <Text size="sm" c="red.8" role="alert">
            {t("agreement.export.failed")}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
