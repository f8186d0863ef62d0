import { AnchorLink, ButtonLink } from "../../components/links";
import {
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  Paper,
  Popover,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconAdjustmentsHorizontal, IconColumns, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AgreementBadges } from "../../components/agreement-badges";
import { useCursorStack } from "../../components/cursor-stack";
import { ListPager } from "../../components/list-pager";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { AffairSelect, OpdSelect } from "../../components/reference-pickers";
import { SearchInput } from "../../components/search-input";
import { SortableHeader } from "../../components/sortable-header";
import { formatDate } from "../../lib/format";
import {
  CATEGORIES,
  EXPIRING_CHOICES,
  KINDS,
  NATURES,
  STATUSES,
  activeFilterCount,
  hasFilters,
  updateSearch,
  type AgreementSearch,
  type Sort,
} from "./filters";
import { downloadAgreements, useAgreementList } from "./api";
import { OPTIONAL_COLUMNS, readColumns, writeColumns, type OptionalColumn } from "./list-columns";

type Props = {
  search: AgreementSearch;
  onSearchChange: (next: AgreementSearch) => void;
  canCreate: boolean;
};

/** Which optional columns the table shows; the choice is remembered (list-columns.ts). */
function ColumnChooser({ columns, onChange }: { columns: OptionalColumn[]; onChange: (next: OptionalColumn[]) => void }) {
  const { t } = useTranslation();
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconColumns size={16} aria-hidden />} data-testid="column-chooser">
          {t("agreement.columns.choose")}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group
          label={t("agreement.columns.label")}
          value={columns}
          onChange={(v) => onChange(OPTIONAL_COLUMNS.filter((c) => v.includes(c)))}
        >
          <Stack gap={6} mt="xs">
            {OPTIONAL_COLUMNS.map((c) => (
              <Checkbox key={c} value={c} label={t(`agreement.columns.${c}`)} data-testid={`column-${c}`} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}

const YEARS = Array.from({ length: new Date().getFullYear() - 2009 }, (_, i) => String(new Date().getFullYear() - i));

export function AgreementListPage({ search, onSearchChange, canCreate }: Props) {
  const [exporting, setExporting] = useState<"csv" | "xlsx" | null>(null);
  const [exportError, setExportError] = useState(false);
  const { t, i18n } = useTranslation();
  const pages = useCursorStack(search);
  const list = useAgreementList(search, pages.cursor);
  const [q, setQ] = useState(search.q ?? "");
  const sort: Sort = search.sort ?? "-signed_date";

  const change = (c: Partial<AgreementSearch>) => onSearchChange(updateSearch(search, c));

  const lang = i18n.language;
  const items = list.data?.items ?? [];
  // Below Mantine's "sm" (48em) the filters fold into a drawer and the rows become cards.
  const phone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  const [drawer, setDrawer] = useState(false);
  const [columns, setColumns] = useState<OptionalColumn[]>(() => readColumns());
  const show = (c: OptionalColumn) => columns.includes(c);
  const chooseColumns = (next: OptionalColumn[]) => {
    setColumns(next);
    writeColumns(next);
  };
  const filterCount = activeFilterCount(search);
  const searchInput = (
    <SearchInput
      label={t("agreement.search")}
      value={q}
      onChange={setQ}
      onSearch={(value) => change({ q: value })}
      data-testid="filter-q"
    />
  );
  const filterFields = (
    <>
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
    </>
  );

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

      {phone ? (
        <Group component="section" aria-label={t("agreement.filters")} align="flex-end" gap="xs" wrap="nowrap">
          <div style={{ flex: 1 }}>{searchInput}</div>
          <Button
            variant="default"
            leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
            rightSection={filterCount > 0 ? <Badge size="sm" circle>{filterCount}</Badge> : undefined}
            onClick={() => setDrawer(true)}
            aria-label={t("agreement.filterButton", { count: filterCount })}
            data-testid="filter-open"
          >
            {t("agreement.filters")}
          </Button>
          <Drawer opened={drawer} onClose={() => setDrawer(false)} title={t("agreement.filters")} position="bottom" size="85%">
            <Stack gap="sm">
              {filterFields}
              <Button onClick={() => setDrawer(false)} data-testid="filter-done">
                {t("agreement.showResults", { count: list.data?.total ?? 0 })}
              </Button>
            </Stack>
          </Drawer>
        </Group>
      ) : (
        <Paper withBorder p="sm" component="section" aria-label={t("agreement.filters")}>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            {searchInput}
            {filterFields}
          </SimpleGrid>
        </Paper>
      )}

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState title={t("agreement.empty")} hint={hasFilters(search) ? t("agreement.emptyHint") : undefined} />
      ) : (
        <>
        {phone ? (
        <Stack gap="xs" data-testid="agreement-cards">
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
        ) : (
        <Stack gap={4}>
        <Group justify="flex-end">
          <ColumnChooser columns={columns} onChange={chooseColumns} />
        </Group>
        <Paper withBorder>
          <ScrollArea type="auto">
            <Table stickyHeader striped highlightOnHover verticalSpacing="xs" data-testid="agreement-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableHeader field="number" label={t("agreement.number")} sort={sort} onSort={(s) => change({ sort: s })} />
                  <SortableHeader field="title" label={t("agreement.title")} sort={sort} onSort={(s) => change({ sort: s })} />
                  {show("partners") && <Table.Th>{t("agreement.partners")}</Table.Th>}
                  {show("leadOpd") && <Table.Th>{t("agreement.leadOpd")}</Table.Th>}
                  {show("signedDate") && <SortableHeader field="signed_date" label={t("agreement.signedDate")} sort={sort} onSort={(s) => change({ sort: s })} />}
                  {show("endDate") && <SortableHeader field="end_date" label={t("agreement.endDate")} sort={sort} onSort={(s) => change({ sort: s })} />}
                  <Table.Th style={{ width: 150 }}>{t("agreement.status")}</Table.Th>
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
                    <Table.Td miw={200}>
                      <AnchorLink to="/agreements/$id" params={{ id: a.id }} size="sm">
                        {a.title}
                      </AnchorLink>
                    </Table.Td>
                    {show("partners") && (
                    <Table.Td>
                      <Text size="sm">{a.partners.map((p) => p.name).join(", ") || t("common.none")}</Text>
                    </Table.Td>
                    )}
                    {show("leadOpd") && (
                    <Table.Td>
                      <Text size="sm">{a.lead_opd.abbreviation}</Text>
                    </Table.Td>
                    )}
                    {show("signedDate") && (
                    <Table.Td>
                      <Text size="sm">{formatDate(a.signed_date, lang)}</Text>
                    </Table.Td>
                    )}
                    {show("endDate") && (
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
                    )}
                    <Table.Td>
                      <AgreementBadges agreement={a} stacked />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
        </Stack>
        )}
        </>
      )}

      {list.data && (
        <ListPager
          pages={pages}
          total={list.data.total}
          nextCursor={list.data.next_cursor}
          totalTestId="agreement-total"
          nextTestId="page-next"
        />
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
