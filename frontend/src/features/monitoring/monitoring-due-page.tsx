import { Accordion, Badge, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ExportButtons } from "../../components/export-buttons";
import { AnchorLink } from "../../components/links";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { formatDate, formatNumber, todayIso } from "../../lib/format";
import { DueStateBadge, ReportStatusBadge } from "./badges";
import { downloadMonitoringReports, useMonitoringDue } from "./api";
import { periodChoices, periodLabel, type DueState } from "./rules";

const STATES: readonly DueState[] = ["owed", "submitted", "overdue", "missing"];

function Counts({ counts, testId }: { counts: Schemas["DueCounts"]; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap={6} wrap="wrap" data-testid={testId}>
      {STATES.filter((s) => counts[s] > 0).map((s) => (
        <Badge key={s} variant={counts[s] > 0 && s === "overdue" ? "filled" : "light"} color={s === "overdue" ? "red" : s === "submitted" ? "teal" : s === "owed" ? "yellow" : "gray"} autoContrast>
          {t(`enums.dueState.${s}`)}: {formatNumber(counts[s], i18n.language)}
        </Badge>
      ))}
    </Group>
  );
}

/** What each OPD owes for a period: owed, submitted, overdue and missing reports. */
export function MonitoringDuePage({ period, onPeriodChange }: { period: string | undefined; onPeriodChange: (p: string | undefined) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const due = useMonitoringDue(period ?? null);
  const d = due.data;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t("monitoring.dueTitle")}</Title>
          <Text size="sm" c="dimmed">
            {t("monitoring.dueIntro")}
          </Text>
        </div>
        <Select
          label={t("monitoring.period")}
          placeholder={t("monitoring.currentPeriod")}
          data={periodChoices(todayIso()).map((p) => ({ value: p, label: periodLabel(p, t) }))}
          value={period ?? null}
          onChange={(v) => onPeriodChange(v ?? undefined)}
          clearable
          w={240}
          data-testid="due-period"
        />
      </Group>
      {due.isPending ? (
        <LoadingState />
      ) : due.isError || !d ? (
        <ErrorState error={due.error} onRetry={() => void due.refetch()} />
      ) : (
        <>
          <Paper withBorder p="md">
            <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" data-testid="due-totals">
              <div>
                <Text size="xs" c="dimmed">
                  {t("monitoring.expected")}
                </Text>
                <Text fz={24} fw={700}>
                  {formatNumber(d.counts.expected, lang)}
                </Text>
              </div>
              {STATES.map((s) => (
                <div key={s}>
                  <Text size="xs" c="dimmed">
                    {t(`enums.dueState.${s}`)}
                  </Text>
                  <Text fz={24} fw={700} c={s === "overdue" && d.counts[s] > 0 ? "red.9" : undefined}>
                    {formatNumber(d.counts[s], lang)}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
            <Text size="xs" c="dimmed" mt="xs">
              {d.periods.map((p) => `${p.label} (${t("monitoring.dueOn", { date: formatDate(p.default_due_date, lang) })})`).join(" · ")} ·{" "}
              {t("dashboard.asOf", { date: formatDate(d.as_of, lang) })}
            </Text>
          </Paper>
          {d.opds.length === 0 ? (
            <EmptyState title={t("monitoring.dueEmpty")} />
          ) : (
            <Accordion multiple variant="separated" data-testid="due-opds" defaultValue={d.opds.filter((g) => g.counts.overdue > 0).map((g) => g.opd.id)}>
              {d.opds.map((g) => (
                <Accordion.Item key={g.opd.id} value={g.opd.id}>
                  <Accordion.Control>
                    <Group justify="space-between" wrap="wrap" gap="xs" pr="sm">
                      <Text fw={600} size="sm">
                        {g.opd.abbreviation} — {g.opd.name}
                      </Text>
                      <Counts counts={g.counts} />
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Table.ScrollContainer minWidth={640}>
                      <Table verticalSpacing={4} fz="sm">
                        <Table.Thead>
                          <Table.Tr>
                            <Table.Th>{t("agreement.title")}</Table.Th>
                            <Table.Th>{t("monitoring.period")}</Table.Th>
                            <Table.Th>{t("monitoring.dueDate")}</Table.Th>
                            <Table.Th>{t("monitoring.status")}</Table.Th>
                          </Table.Tr>
                        </Table.Thead>
                        <Table.Tbody>
                          {g.items.map((it) => (
                            <Table.Tr key={`${it.agreement_id}-${it.period}`}>
                              <Table.Td maw={360}>
                                <AnchorLink to="/agreements/$id" params={{ id: it.agreement_id }} size="sm">
                                  {it.agreement_title}
                                </AnchorLink>
                                <Text size="xs" c="dimmed">
                                  {it.agreement_kind} · {it.agreement_number}
                                </Text>
                              </Table.Td>
                              <Table.Td>{periodLabel(it.period, t)}</Table.Td>
                              <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(it.due_date, lang)}</Table.Td>
                              <Table.Td>
                                <Group gap={4}>
                                  <DueStateBadge state={it.state} />
                                  {it.report_status && it.report_id && (
                                    <AnchorLink to="/monitoring-reports/$id" params={{ id: it.report_id }}>
                                      <ReportStatusBadge status={it.report_status} />
                                    </AnchorLink>
                                  )}
                                  {it.on_time === false && (
                                    <Text size="xs" c="red.8">
                                      {t("monitoring.late")}
                                    </Text>
                                  )}
                                </Group>
                              </Table.Td>
                            </Table.Tr>
                          ))}
                        </Table.Tbody>
                      </Table>
                    </Table.ScrollContainer>
                  </Accordion.Panel>
                </Accordion.Item>
              ))}
            </Accordion>
          )}
        </>
      )}
      <ExportButtons download={(format) => downloadMonitoringReports(period ?? null, format, lang)} testIdPrefix="monitoring-export" />
    </Stack>
  );
}
