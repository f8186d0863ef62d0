import { Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useCursorStack } from "../../components/cursor-stack";
import { AnchorLink } from "../../components/links";
import { ListPager } from "../../components/list-pager";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { SearchInput } from "../../components/search-input";
import { formatDate, formatNumber } from "../../lib/format";
import { usePublicAgreements, usePublicStats, type PublicStats } from "./api";
import { PublicStatusBadge } from "./public-badges";
import { useDocumentTitle } from "./public-layout";
import {
  PUBLIC_CATEGORIES,
  PUBLIC_SORTS,
  PUBLIC_STATUSES,
  compactSearch,
  hasPublicFilters,
  toQuery,
  type PublicSearch,
} from "./public-search";

type Props = { search: PublicSearch; onSearchChange: (next: PublicSearch) => void };

function StatsPanel({ stats }: { stats: PublicStats }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tile = (label: string, value: number, testId?: string) => (
    <Paper withBorder p="sm" key={label} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="xl">
        {formatNumber(value, lang)}
      </Text>
    </Paper>
  );
  return (
    <Stack gap="xs" component="section" aria-label={t("publicRegister.statsTitle")}>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {tile(t("publicRegister.statsTotal"), stats.total, "public-stats-total")}
        {PUBLIC_STATUSES.map((s) =>
          tile(t(`publicRegister.status.${s}`), stats.by_status.find((c) => c.key === s)?.count ?? 0),
        )}
      </SimpleGrid>
      <Text size="sm" c="dimmed" data-testid="public-stats-categories">
        {stats.by_category.map((c) => `${c.key}: ${formatNumber(c.count, lang)}`).join(" · ")}
        {stats.by_year.length > 0 && " — "}
        {stats.by_year
          .slice(0, 6)
          .map((c) => `${c.key === "unknown" ? t("publicRegister.yearUnknown") : c.key}: ${formatNumber(c.count, lang)}`)
          .join(" · ")}
      </Text>
    </Stack>
  );
}

export function PublicRegisterPage({ search, onSearchChange }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  useDocumentTitle([t("publicRegister.listTitle")]);
  const pages = useCursorStack(search);
  const list = usePublicAgreements(toQuery(search, pages.cursor));
  const stats = usePublicStats();
  const [q, setQ] = useState(search.q ?? "");
  const change = (c: Partial<PublicSearch>) => onSearchChange(compactSearch({ ...search, ...c }));
  const items = list.data?.items ?? [];
  const s = stats.data;

  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t("publicRegister.listTitle")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("publicRegister.intro")}
        </Text>
      </div>

      {s && <StatsPanel stats={s} />}

      <Paper withBorder p="sm" component="section" aria-label={t("publicRegister.filters")}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <SearchInput
            label={t("publicRegister.search")}
            value={q}
            onChange={setQ}
            onSearch={(value) => change({ q: value })}
            data-testid="public-q"
          />
          <Select
            label={t("publicRegister.category")}
            clearable
            value={search.category ?? null}
            onChange={(v) => change({ category: (v ?? undefined) as PublicSearch["category"] })}
            data={PUBLIC_CATEGORIES.map((c) => ({ value: c, label: t(`enums.category.${c}`) }))}
            data-testid="public-category"
          />
          <Select
            label={t("publicRegister.statusLabel")}
            clearable
            value={search.status ?? null}
            onChange={(v) => change({ status: (v ?? undefined) as PublicSearch["status"] })}
            data={PUBLIC_STATUSES.map((x) => ({ value: x, label: t(`publicRegister.status.${x}`) }))}
            data-testid="public-status"
          />
          <Select
            label={t("publicRegister.partner")}
            clearable
            searchable
            value={search.partner_id ?? null}
            onChange={(v) => change({ partner_id: v ?? undefined })}
            data={(s?.by_partner ?? []).map((c) => ({ value: c.partner.id, label: `${c.partner.name ?? "—"} (${c.count})` }))}
            data-testid="public-partner"
          />
          <Select
            label={t("publicRegister.affair")}
            clearable
            searchable
            value={search.affair_code ?? null}
            onChange={(v) => change({ affair_code: v ?? undefined })}
            data={(s?.by_affair ?? []).map((c) => ({ value: c.affair.code, label: `${c.affair.code} ${c.affair.name} (${c.count})` }))}
            data-testid="public-affair"
          />
          <Select
            label={t("publicRegister.year")}
            clearable
            value={search.signed_year ? String(search.signed_year) : null}
            onChange={(v) => change({ signed_year: v ? Number(v) : undefined })}
            data={(s?.by_year ?? []).filter((c) => c.key !== "unknown").map((c) => ({ value: c.key, label: `${c.key} (${c.count})` }))}
            data-testid="public-year"
          />
          <Select
            label={t("publicRegister.sort")}
            value={search.sort ?? "-signed_date"}
            onChange={(v) => change({ sort: (v ?? undefined) as PublicSearch["sort"] })}
            data={PUBLIC_SORTS.map((x) => ({ value: x, label: t(`publicRegister.sorts.${x}`) }))}
            allowDeselect={false}
          />
          {hasPublicFilters(search) && (
            <Group mt={{ base: 0, md: 24 }}>
              <Button
                variant="default"
                onClick={() => {
                  setQ("");
                  onSearchChange(search.sort ? { sort: search.sort } : {});
                }}
              >
                {t("common.clear")}
              </Button>
            </Group>
          )}
        </SimpleGrid>
      </Paper>

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState title={t("publicRegister.empty")} hint={hasPublicFilters(search) ? t("publicRegister.emptyHint") : undefined} />
      ) : (
        <Stack gap="xs" data-testid="public-list">
          {items.map((a) => (
            <Paper withBorder p="sm" key={a.id} component="article">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: "anywhere" }}>
                  {a.number} · {t(`enums.kind.${a.kind}`)} · {a.category}
                </Text>
                <PublicStatusBadge status={a.status} />
              </Group>
              <AnchorLink to="/publik/$id" params={{ id: a.id }} fw={600} data-testid="public-item">
                {a.title}
              </AnchorLink>
              <Text size="sm" mt={4}>
                {a.partners.map((p) => p.name ?? t("publicRegister.individual")).join(", ") || t("common.none")}
              </Text>
              <Text size="xs" c="dimmed">
                {a.lead_opd.name} · {t("publicRegister.term")}: {formatDate(a.start_date ?? a.signed_date, lang)} – {formatDate(a.end_date, lang)}
              </Text>
            </Paper>
          ))}
          <ListPager pages={pages} total={list.data?.total ?? 0} nextCursor={list.data?.next_cursor} totalTestId="public-total" />
        </Stack>
      )}
    </Stack>
  );
}
