import { CardLink } from "../../components/card-link";
import { AnchorLink } from "../../components/links";
import { Badge, Box, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ErrorState, LoadingState } from "../../components/page-state";
import { formatDate, formatNumber } from "../../lib/format";
import { useDashboard, useDeadlines } from "./api";

type Count = Schemas["Count"];
type Category = "KSDD" | "KSDPK" | "KSDPL" | "KSDLL" | "SINERGI";
type AgreementSearch = { category?: Category; lead_opd_id?: string; affair_code?: string };

/** The next-deadlines list covers 30 days (issue 5); a link opens the 90-day view. */
export const DEADLINE_DAYS = 30;

function BarChart({
  rows,
  label,
  testId,
  color,
  search,
  labelWidth,
}: {
  rows: Count[];
  label: string;
  testId: string;
  color: string;
  search: (key: string) => AgreementSearch;
  labelWidth: number;
}) {
  const { t, i18n } = useTranslation();
  const max = Math.max(1, ...rows.map((r) => r.count));
  if (rows.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("dashboard.noData")}
      </Text>
    );
  }
  return (
    <Stack gap="xs" role="list" aria-label={label} data-testid={testId}>
      {rows.map((r) => (
        <Group key={r.key} gap="sm" wrap="nowrap" role="listitem">
          <AnchorLink to="/agreements" search={search(r.key)} size="sm" w={labelWidth} truncate title={r.label}>
            {r.label}
          </AnchorLink>
          <Box style={{ flex: 1 }} bg="gray.1" h={18} aria-hidden>
            <Box bg={color} h={18} w={`${(r.count / max) * 100}%`} style={{ minWidth: r.count > 0 ? 4 : 0 }} />
          </Box>
          <Text size="sm" w={40} ta="right">
            {formatNumber(r.count, i18n.language)}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

function ChartCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A rate 0–1 as "87 %" (Indonesian) or "87%"; "—" when nothing was due. */
export function formatRate(rate: number | null | undefined, lang: string): string {
  if (rate === null || rate === undefined) return "—";
  return new Intl.NumberFormat(lang.startsWith("en") ? "en-GB" : "id-ID", { style: "percent", maximumFractionDigits: 0 }).format(rate);
}

function ReportFigures({ figures }: { figures: Schemas["ReportFigures"] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const cells = [
    { key: "expected", value: figures.expected, color: undefined },
    { key: "submitted", value: figures.submitted, color: "teal.9" },
    { key: "owed", value: figures.owed, color: undefined },
    { key: "overdue", value: figures.overdue, color: figures.overdue > 0 ? "red.9" : undefined },
    { key: "missing", value: figures.missing, color: figures.missing > 0 ? "orange.9" : undefined },
  ] as const;
  return (
    <Paper withBorder p="md" data-testid="report-figures">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Title order={3} size="h5">
          {t("dashboard.reportsTitle", { periods: figures.periods.join(", ") || t("common.none") })}
        </Title>
        <AnchorLink to="/monitoring" size="sm">
          {t("dashboard.reportsOpen")}
        </AnchorLink>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm">
        {cells.map((c) => (
          <div key={c.key} data-testid={`reports-${c.key}`}>
            <Text size="xs" c="dimmed">
              {t(`dashboard.reports.${c.key}`)}
            </Text>
            <Text fz={24} fw={700} c={c.color}>
              {formatNumber(c.value, lang)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

function ComplianceTable({ rows }: { rows: Schemas["OpdCompliance"][] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb={4}>
        {t("dashboard.complianceTitle")}
      </Title>
      <Text size="xs" c="dimmed" mb="sm">
        {t("dashboard.complianceHint")}
      </Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("dashboard.noData")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm" striped data-testid="compliance">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("dashboard.opd")}</Table.Th>
                <Table.Th ta="right">{t("dashboard.reportsOnTime")}</Table.Th>
                <Table.Th ta="right">{t("dashboard.obligationsOnTime")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.opd_id}>
                  <Table.Td>{r.label}</Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600} span>
                      {formatRate(r.reports_on_time_rate, lang)}
                    </Text>{" "}
                    <Text size="xs" c="dimmed" span>
                      ({formatNumber(r.reports_on_time, lang)}/{formatNumber(r.reports_due, lang)})
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" fw={600} span>
                      {formatRate(r.obligations_on_time_rate, lang)}
                    </Text>{" "}
                    <Text size="xs" c="dimmed" span>
                      ({formatNumber(r.obligations_on_time, lang)}/{formatNumber(r.obligations_due, lang)})
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

export function DashboardPage({ userName }: { userName: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const dashboard = useDashboard();
  const deadlines = useDeadlines(DEADLINE_DAYS);

  const d = dashboard.data;
  const headlines = d
    ? [
        { key: "in-force", label: t("dashboard.inForce"), value: d.in_force, search: { status: "in_force" as const }, color: "teal" },
        { key: "expiring", label: t("dashboard.expiring90"), value: d.expiring.within_90, search: { expiring: 90 }, color: "orange" },
        { key: "expired", label: t("dashboard.expiredAwaiting"), value: d.expired, search: { expired: true }, color: "red" },
      ]
    : [];
  const tracking = d
    ? [
        { key: "late-obligations", label: t("dashboard.lateObligations"), value: d.late_obligations, to: "/obligations" as const, search: { status: "late" as const } },
        { key: "reports-overdue", label: t("dashboard.overdueReports"), value: d.reports_overdue, to: "/monitoring" as const, search: {} },
      ]
    : [];

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>{t("dashboard.title")}</Title>
        <Text c="dimmed">{t("dashboard.greeting", { name: userName })}</Text>
        {d && (
          <Text size="xs" c="dimmed">
            {t("dashboard.asOf", { date: formatDate(d.as_of, lang) })}
          </Text>
        )}
      </div>
      {dashboard.isPending ? (
        <LoadingState />
      ) : dashboard.isError || !d ? (
        <ErrorState error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="md">
            {headlines.map((h) => (
              <CardLink key={h.key} withBorder padding="md" to="/agreements" search={h.search} data-testid={`headline-${h.key}`}>
                <Text size="sm" c="dimmed" mih={40}>
                  {h.label}
                </Text>
                <Text fz={32} fw={700} c={`${h.color}.9`}>
                  {formatNumber(h.value, lang)}
                </Text>
              </CardLink>
            ))}
            {tracking.map((o) => (
              <CardLink key={o.key} withBorder padding="md" to={o.to} search={o.search} data-testid={`headline-${o.key}`}>
                <Text size="sm" c="dimmed" mih={40}>
                  {o.label}
                </Text>
                <Text fz={32} fw={700} c={o.value > 0 ? "red.9" : "gray.8"}>
                  {formatNumber(o.value, lang)}
                </Text>
              </CardLink>
            ))}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <ChartCard title={t("dashboard.byCategory")}>
              <BarChart
                rows={d.by_category}
                label={t("dashboard.chartLabel")}
                testId="category-chart"
                color="blue.7"
                labelWidth={80}
                search={(key) => ({ category: key as Category })}
              />
            </ChartCard>
            <ChartCard title={t("dashboard.byOpd")}>
              <BarChart
                rows={d.by_lead_opd.slice(0, 10)}
                label={t("dashboard.byOpd")}
                testId="opd-chart"
                color="teal.8"
                labelWidth={160}
                search={(key) => ({ lead_opd_id: key })}
              />
            </ChartCard>
            <ChartCard title={t("dashboard.byAffair")}>
              <BarChart
                rows={d.by_affair.slice(0, 10)}
                label={t("dashboard.byAffair")}
                testId="affair-chart"
                color="grape.8"
                labelWidth={160}
                search={(key) => ({ affair_code: key })}
              />
            </ChartCard>
            <ChartCard title={t("dashboard.expiringTitle")}>
              <SimpleGrid cols={3} spacing="sm" data-testid="expiring-windows">
                {([30, 90, 180] as const).map((days) => (
                  <CardLink key={days} withBorder padding="sm" to="/agreements" search={{ expiring: days }}>
                    <Text size="xs" c="dimmed">
                      {t("dashboard.withinDays", { count: days })}
                    </Text>
                    <Text fz={24} fw={700}>
                      {formatNumber(d.expiring[`within_${days}`], lang)}
                    </Text>
                  </CardLink>
                ))}
              </SimpleGrid>
            </ChartCard>
          </SimpleGrid>
          <ReportFigures figures={d.reports} />
          <ComplianceTable rows={d.compliance} />
        </>
      )}

      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm">
          <Title order={3} size="h5">
            {t("dashboard.nextDeadlines", { count: DEADLINE_DAYS })}
          </Title>
          <AnchorLink to="/agreements" search={{ expiring: 90, sort: "end_date" }} size="sm" data-testid="deadlines-90">
            {t("dashboard.view90")}
          </AnchorLink>
        </Group>
        {deadlines.isPending ? (
          <LoadingState />
        ) : deadlines.isError ? (
          <ErrorState error={deadlines.error} onRetry={() => void deadlines.refetch()} />
        ) : deadlines.data.items.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="no-deadlines">
            {t("dashboard.noDeadlines", { count: DEADLINE_DAYS })}
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
    </Stack>
  );
}
