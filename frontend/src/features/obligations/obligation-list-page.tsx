import { Badge, Button, Group, Paper, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCursorStack } from "../../components/cursor-stack";
import { AnchorLink } from "../../components/links";
import { ExportButtons } from "../../components/export-buttons";
import { ListPager } from "../../components/list-pager";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { OpdSelect } from "../../components/reference-pickers";
import { usePartnerOptions } from "../../components/reference-queries";
import { SearchInput } from "../../components/search-input";
import { SortableHeader } from "../../components/sortable-header";
import { formatDate } from "../../lib/format";
import {
  OBLIGATION_CATEGORIES,
  toObligationQuery,
  updateObligationSearch,
  type ObligationSearch,
  type ObligationSort,
} from "./filters";
import { downloadObligations, useObligationList } from "./api";
import { ScheduleText } from "./obligations-panel";
import { EFFECTIVE_STATUSES, type EffectiveStatus } from "./status";
import { DateField } from "../../components/date-field";

/** Party filter: the home region, or a partner found by name. */
function PartySelect({ value, onChange }: { value: string | undefined; onChange: (v: string | undefined) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const partners = usePartnerOptions(debounced);
  const data = [{ value: "home", label: t("agreement.homeRegion") }, ...(partners.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))];
  if (value && !data.some((d) => d.value === value)) data.push({ value, label: value.slice(0, 8) });
  return (
    <Select
      label={t("agreement.obligations.party")}
      searchable
      clearable
      data={data}
      value={value ?? null}
      onChange={(v) => onChange(v ?? undefined)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
    />
  );
}

export function ObligationListPage({ search, onSearchChange }: { search: ObligationSearch; onSearchChange: (s: ObligationSearch) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pages = useCursorStack(search);
  const query = toObligationQuery(search, pages.cursor);
  const list = useObligationList(query);
  const [q, setQ] = useState(search.q ?? "");
  const change = (c: Partial<ObligationSearch>) => onSearchChange(updateObligationSearch(search, c));
  const sort: ObligationSort = search.sort ?? "next_due_date";
  const items = list.data?.items ?? [];
  const filtered = Object.keys(search).some((k) => k !== "sort");

  return (
    <Stack gap="md">
      <Title order={2}>{t("obligations.listTitle")}</Title>
      <Paper withBorder p="sm" component="section" aria-label={t("agreement.filters")}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <SearchInput label={t("obligations.search")} value={q} onChange={setQ} onSearch={(value) => change({ q: value })} />
          <Select
            label={t("obligations.status")}
            clearable
            value={search.status ?? null}
            onChange={(v) => change({ status: (v ?? undefined) as EffectiveStatus | undefined })}
            data={EFFECTIVE_STATUSES.map((s) => ({ value: s, label: t(`enums.occurrenceStatus.${s}`) }))}
            data-testid="filter-status"
          />
          <OpdSelect label={t("obligations.responsibleOpd")} value={search.opd_id ?? null} onChange={(v) => change({ opd_id: v ?? undefined })} />
          <PartySelect value={search.party} onChange={(v) => change({ party: v })} />
          <DateField label={t("obligations.dueAfter")} value={search.due_after ?? ""} onChange={(v) => change({ due_after: v || undefined })} />
          <DateField label={t("obligations.dueBefore")} value={search.due_before ?? ""} onChange={(v) => change({ due_before: v || undefined })} />
          <Select
            label={t("agreement.category")}
            clearable
            value={search.category ?? null}
            onChange={(v) => change({ category: (v ?? undefined) as ObligationSearch["category"] })}
            data={OBLIGATION_CATEGORIES.map((c) => ({ value: c, label: t(`enums.category.${c}`) }))}
          />
          <Select
            label={t("agreement.obligations.kind")}
            clearable
            value={search.kind ?? null}
            onChange={(v) => change({ kind: (v ?? undefined) as ObligationSearch["kind"] })}
            data={(["HAK", "KEWAJIBAN"] as const).map((k) => ({ value: k, label: t(`enums.obligationKind.${k}`) }))}
          />
        </SimpleGrid>
        {filtered && (
          <Group mt="sm">
            <Button
              variant="default"
              size="xs"
              onClick={() => {
                setQ("");
                onSearchChange(search.sort ? { sort: search.sort } : {});
              }}
            >
              {t("common.clear")}
            </Button>
          </Group>
        )}
      </Paper>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState title={t("obligations.empty")} hint={filtered ? t("agreement.emptyHint") : undefined} />
      ) : (
        <>
          <Stack gap="xs" hiddenFrom="sm" data-testid="obligation-cards">
            {items.map((o) => (
              <Paper withBorder p="sm" key={o.id}>
                <Group gap={4} mb={4}>
                  <Badge size="sm" variant="light" color={o.kind === "HAK" ? "teal" : "blue"}>
                    {t(`enums.obligationKind.${o.kind}`)}
                  </Badge>
                  {o.late_count > 0 && (
                    <Badge size="sm" color="red" variant="filled">
                      {t("obligations.lateCount", { count: o.late_count })}
                    </Badge>
                  )}
                </Group>
                <Text size="sm">{o.description}</Text>
                <AnchorLink to="/agreements/$id" params={{ id: o.agreement_id }} size="xs" lh={1.4} display="block" mt={2}>
                  {o.agreement.number} · {o.agreement.title}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {o.party_name} · {t("obligations.nextDue", { date: formatDate(o.next_due_date, lang) })}
                </Text>
              </Paper>
            ))}
          </Stack>
          <Paper withBorder visibleFrom="sm">
            <ScrollArea type="auto">
              <Table striped highlightOnHover verticalSpacing="xs" miw={960} data-testid="obligation-table">
                <Table.Thead>
                  <Table.Tr>
                    <SortableHeader field="description" label={t("agreement.obligations.description")} sort={sort} onSort={(s) => change({ sort: s })} />
                    <SortableHeader field="agreement_number" label={t("obligations.agreement")} sort={sort} onSort={(s) => change({ sort: s })} />
                    <Table.Th>{t("agreement.obligations.party")}</Table.Th>
                    <Table.Th>{t("obligations.schedule")}</Table.Th>
                    <SortableHeader field="next_due_date" label={t("obligations.nextDueHeader")} sort={sort} onSort={(s) => change({ sort: s })} />
                    <Table.Th miw={150}>{t("obligations.status")}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((o) => (
                    <Table.Tr key={o.id}>
                      <Table.Td maw={340}>
                        <Text size="sm">{o.description}</Text>
                        <Text size="xs" c="dimmed">
                          {t(`enums.obligationKind.${o.kind}`)}
                          {o.clause_reference ? ` · ${o.clause_reference}` : ""}
                        </Text>
                      </Table.Td>
                      <Table.Td maw={280}>
                        <AnchorLink to="/agreements/$id" params={{ id: o.agreement_id }} size="sm">
                          {o.agreement.title}
                        </AnchorLink>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {o.agreement.number}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{o.party_name}</Text>
                        {o.responsible_opd && (
                          <Text size="xs" c="dimmed">
                            {o.responsible_opd.abbreviation}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">
                          <ScheduleText o={o} />
                        </Text>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: "nowrap" }}>
                        <Text size="sm">{formatDate(o.next_due_date, lang)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Stack gap={2} align="flex-start">
                          {o.late_count > 0 && (
                            <Badge size="sm" color="red" variant="filled">
                              {t("obligations.lateCount", { count: o.late_count })}
                            </Badge>
                          )}
                          {o.occurrence_counts.total > 0 && (
                            <Badge size="sm" color="gray" variant="outline">
                              {t("obligations.fulfilledOf", { done: o.occurrence_counts.fulfilled, total: o.occurrence_counts.total })}
                            </Badge>
                          )}
                        </Stack>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Paper>
        </>
      )}
      {list.data && <ListPager pages={pages} total={list.data.total} nextCursor={list.data.next_cursor} totalTestId="obligation-total" />}
      <ExportButtons download={(format) => downloadObligations(query, format, lang)} testIdPrefix="obligations-export" />
    </Stack>
  );
}
