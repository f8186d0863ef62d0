import { Alert, Button, Group, Paper, Select, Stack, Table, Text } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { AnchorLink } from "../../components/links";
import { EmptyState, ErrorState, GeneralErrors, LoadingState } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { formatDate, todayIso } from "../../lib/format";
import { DueStateBadge, ReportStatusBadge } from "./badges";
import { useAgreementReports, useCreateReport, useMonitoringSettings } from "./api";
import { periodChoices, periodLabel, reportingSemester } from "./rules";

/** The agreement's monitoring & evaluation reports, one per period, and starting a new one. */
export function MonitoringPanel({ agreementId, canCreate }: { agreementId: string; canCreate: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const reports = useAgreementReports(agreementId);
  // Offer only periods of the agreement's own cadence (a yearly one cannot report per semester).
  const cadence = useMonitoringSettings(agreementId).data?.cadence;
  const [picked, setPeriod] = useState<string | null>(null);
  const period = picked ?? (cadence === "year" ? String(Number(todayIso().slice(0, 4)) - 1) : reportingSemester(todayIso()));
  const [existing, setExisting] = useState<string | null>(null);
  const errors = useServerErrors();
  const create = useCreateReport(agreementId, {
    onSuccess: (report) => {
      void navigate({ to: "/monitoring-reports/$id", params: { id: report.id } });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 409 && e.problem.existing_id) setExisting(e.problem.existing_id);
      errors.show(e);
    },
  });
  if (reports.isPending) return <LoadingState />;
  if (reports.isError) return <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />;
  return (
    <Stack gap="sm">
      {reports.data.length === 0 ? (
        <EmptyState title={t("monitoring.empty")} hint={t("monitoring.emptyHint")} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" fz="sm" data-testid="reports">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("monitoring.period")}</Table.Th>
                  <Table.Th>{t("monitoring.dueDate")}</Table.Th>
                  <Table.Th>{t("monitoring.status")}</Table.Th>
                  <Table.Th>{t("monitoring.submittedAt")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {reports.data.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <AnchorLink to="/monitoring-reports/$id" params={{ id: r.id }} size="sm" data-testid="report-link">
                        {periodLabel(r.period, t)}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{formatDate(r.due_date, lang)}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <ReportStatusBadge status={r.status} />
                        <DueStateBadge state={r.state} />
                      </Group>
                    </Table.Td>
                    <Table.Td>{formatDate(r.submitted_at, lang)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {canCreate && (
        <Paper withBorder p="sm">
          <form
            noValidate
            data-testid="report-create"
            onSubmit={(e) => {
              e.preventDefault();
              errors.clear();
              setExisting(null);
              if (period) create.mutate(period);
            }}
          >
            <Stack gap="xs">
              <GeneralErrors messages={errors.general} />
              <Group align="flex-end" gap="xs" wrap="wrap">
                <Select
                  label={t("monitoring.newForPeriod")}
                  data={periodChoices(todayIso(), cadence).map((p) => ({ value: p, label: periodLabel(p, t) }))}
                  value={period}
                  onChange={setPeriod}
                  allowDeselect={false}
                  error={errors.fields.period}
                  w={260}
                  data-testid="report-period"
                />
                <Button type="submit" loading={create.isPending} disabled={!period} data-testid="report-create-submit">
                  {t("monitoring.create")}
                </Button>
              </Group>
              {existing && (
                <Alert color="yellow" variant="light">
                  <AnchorLink to="/monitoring-reports/$id" params={{ id: existing }} size="sm">
                    {t("monitoring.openExisting")}
                  </AnchorLink>
                </Alert>
              )}
              <Text size="xs" c="dimmed">
                {t("monitoring.createHint")}
              </Text>
            </Stack>
          </form>
        </Paper>
      )}
    </Stack>
  );
}
