import { AnchorLink, CardLink } from "../../components/links";
import { Badge, Box, Card, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { api, type AgreementListQuery } from "../../api/client";
import { unwrap } from "../../api/problem";
import { ErrorState, LoadingState } from "../../components/page-state";
import { formatDate, formatNumber } from "../../lib/format";

const CATEGORIES = ["KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"] as const;

/** Counting is a list call with limit=1: the API returns the total (no dashboard endpoint yet). */
async function count(query: AgreementListQuery): Promise<number> {
  return unwrap(await api.GET("/api/v1/agreements", { params: { query: { ...query, limit: 1 } } })).total;
}

type Headline = { key: string; label: string; query: AgreementListQuery; search: { status?: "in_force"; expiring?: number; expired?: boolean }; color: string };

export function DashboardPage({ userName }: { userName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const headlines: Headline[] = [
    { key: "in-force", label: t("dashboard.inForce"), query: { status: "in_force" }, search: { status: "in_force" }, color: "teal" },
    { key: "expiring", label: t("dashboard.expiring90"), query: { expiring_within_days: 90 }, search: { expiring: 90 }, color: "orange" },
    { key: "expired", label: t("dashboard.expiredAwaiting"), query: { expired: true }, search: { expired: true }, color: "red" },
  ];
  const headlineQueries = useQueries({
    queries: headlines.map((h) => ({ queryKey: ["dashboard", "count", h.query], queryFn: () => count(h.query) })),
  });
  const categoryQueries = useQueries({
    queries: CATEGORIES.map((c) => ({ queryKey: ["dashboard", "count", { category: c }], queryFn: () => count({ category: c }) })),
  });
  const deadlines = useQuery({
    queryKey: ["dashboard", "deadlines"],
    queryFn: async () =>
      unwrap(await api.GET("/api/v1/agreements", { params: { query: { expiring_within_days: 90, sort: "end_date", limit: 20 } } })),
  });
  const max = Math.max(1, ...categoryQueries.map((q) => q.data ?? 0));
  // By lead OPD: aggregated from one page of the list (the API has no dashboard endpoint yet).
  const byOpd = useQuery({
    queryKey: ["dashboard", "by-opd"],
    queryFn: async () => unwrap(await api.GET("/api/v1/agreements", { params: { query: { limit: 500, sort: "number" } } })),
  });
  const opdCounts = new Map<string, { name: string; n: number }>();
  for (const a of byOpd.data?.items ?? []) {
    const cur = opdCounts.get(a.lead_opd.id) ?? { name: a.lead_opd.abbreviation, n: 0 };
    cur.n += 1;
    opdCounts.set(a.lead_opd.id, cur);
  }
  const opdRows = [...opdCounts.entries()].sort((x, y) => y[1].n - x[1].n).slice(0, 10);
  const opdMax = Math.max(1, ...opdRows.map(([, v]) => v.n));

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t("dashboard.title")}</Title>
        <Text c="dimmed">{t("dashboard.greeting", { name: userName })}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="md">
        {headlines.map((h, i) => {
          const q = headlineQueries[i];
          return (
            <CardLink key={h.key} withBorder padding="md" to="/agreements" search={h.search} data-testid={`headline-${h.key}`}>
              <Text size="sm" c="dimmed" mih={40}>
                {h.label}
              </Text>
              <Text fz={32} fw={700} c={`${h.color}.9`}>
                {q.isPending ? "…" : q.isError ? "!" : formatNumber(q.data, lang)}
              </Text>
            </CardLink>
          );
        })}
        {[t("dashboard.lateObligations"), t("dashboard.overdueReports")].map((label) => (
          <Card key={label} withBorder padding="md" bg="gray.0">
            <Text size="sm" c="dimmed" mih={40}>
              {label}
            </Text>
            <Text size="sm" c="dimmed" mt="sm">
              {t("dashboard.notAvailable")}
            </Text>
          </Card>
        ))}
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="md">
            {t("dashboard.byCategory")}
          </Title>
          <Stack gap="xs" role="list" aria-label={t("dashboard.chartLabel")} data-testid="category-chart">
            {CATEGORIES.map((c, i) => {
              const q = categoryQueries[i];
              const n = q.data ?? 0;
              return (
                <Group key={c} gap="sm" wrap="nowrap" role="listitem">
                  <AnchorLink to="/agreements" search={{ category: c }} size="sm" w={80}>
                    {c}
                  </AnchorLink>
                  <Box style={{ flex: 1 }} bg="gray.1" h={18} aria-hidden>
                    <Box bg="blue.7" h={18} w={`${(n / max) * 100}%`} style={{ minWidth: n > 0 ? 4 : 0 }} />
                  </Box>
                  <Text size="sm" w={40} ta="right">
                    {q.isPending ? "…" : formatNumber(n, lang)}
                  </Text>
                </Group>
              );
            })}
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="md">
            {t("dashboard.byOpd")}
          </Title>
          {byOpd.isPending ? (
            <LoadingState />
          ) : byOpd.isError ? (
            <ErrorState error={byOpd.error} onRetry={() => void byOpd.refetch()} />
          ) : (
            <Stack gap="xs" role="list" aria-label={t("dashboard.byOpd")} data-testid="opd-chart">
              {opdRows.map(([id, v]) => (
                <Group key={id} gap="sm" wrap="nowrap" role="listitem">
                  <AnchorLink to="/agreements" search={{ lead_opd_id: id }} size="sm" w={140} truncate>
                    {v.name}
                  </AnchorLink>
                  <Box style={{ flex: 1 }} bg="gray.1" h={18} aria-hidden>
                    <Box bg="teal.8" h={18} w={`${(v.n / opdMax) * 100}%`} />
                  </Box>
                  <Text size="sm" w={40} ta="right">
                    {formatNumber(v.n, lang)}
                  </Text>
                </Group>
              ))}
              {byOpd.data.total > byOpd.data.items.length && (
                <Text size="xs" c="dimmed">
                  {t("dashboard.partialCount", { shown: byOpd.data.items.length, total: byOpd.data.total })}
                </Text>
              )}
            </Stack>
          )}
        </Paper>
        <Paper withBorder p="md">
          <Title order={3} size="h5" mb="xs">
            {t("dashboard.byAffair")}
          </Title>
          <Text size="sm" c="dimmed">
            {t("dashboard.notAvailable")}
          </Text>
        </Paper>
        <Paper withBorder p="md" style={{ gridColumn: "1 / -1" }}>
          <Group justify="space-between" mb="sm">
            <Title order={3} size="h5">
              {t("dashboard.nextDeadlines")}
            </Title>
            <AnchorLink to="/agreements" search={{ expiring: 90, sort: "end_date" }} size="sm">
              {t("dashboard.viewAll")}
            </AnchorLink>
          </Group>
          {deadlines.isPending ? (
            <LoadingState />
          ) : deadlines.isError ? (
            <ErrorState error={deadlines.error} onRetry={() => void deadlines.refetch()} />
          ) : deadlines.data.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t("dashboard.noDeadlines")}
            </Text>
          ) : (
            <Table verticalSpacing={6} data-testid="deadlines">
              <Table.Tbody>
                {deadlines.data.items.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Td>
                      <AnchorLink to="/agreements/$id" params={{ id: a.id }} size="sm">
                        {a.title}
                      </AnchorLink>
                      <Text size="xs" c="dimmed">
                        {a.kind} · {a.number}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(a.end_date, lang)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {a.days_to_end !== null && (
                        <Badge color="yellow" variant="filled" autoContrast>
                          {t("agreement.daysLeft", { count: a.days_to_end })}
                        </Badge>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
