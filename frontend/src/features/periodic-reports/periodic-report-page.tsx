import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { IconDownload, IconLock } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { EmptyState, ErrorState, GeneralErrors, LoadingState } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { formatDate, formatDateTime, formatNumber, todayIso } from "../../lib/format";
import { formatPeriod } from "../../lib/format-period";
import {
  useDownloadPeriodicReport,
  useFinalize,
  useFinalizedReport,
  usePeriodicReport,
  useRecordSending,
  type FinalizedReport,
  type PeriodCode,
  type PeriodicReport,
  type SendingCreate,
} from "./api";
import { PERIOD_CODES, yearChoices } from "./periods";
import { DateField } from "../../components/date-field";

/** The API's conflict codes of this screen, in the reader's language (their `detail` is English). */
const CONFLICTS: Record<string, string> = {
  period_already_finalized: "periodicReports.alreadyFinalized",
  period_not_ended: "periodicReports.notEnded",
  period_not_finalized: "periodicReports.notFinalized",
};

/** Server errors of a write, with this screen's conflict codes translated. */
function useWriteErrors() {
  const { t } = useTranslation();
  const errors = useServerErrors();
  const [conflict, setConflict] = useState<string | null>(null);
  return {
    fields: errors.fields,
    general: conflict ? [conflict, ...errors.general] : errors.general,
    clear: () => {
      setConflict(null);
      errors.clear();
    },
    show: (error: unknown) => {
      const key = error instanceof ApiError ? CONFLICTS[error.problem.code] : undefined;
      if (key) setConflict(t(key));
      else errors.show(error);
    },
  };
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Dash({ text }: { text: string | null | undefined }) {
  return <>{text && text.trim() ? text : "—"}</>;
}

function Counts({ report }: { report: PeriodicReport }) {
  const { t, i18n } = useTranslation();
  const s = report.summary;
  const blocks: { key: string; enumKey: string; items: { code: string; label: string; count: number }[] }[] = [
    { key: "byCategory", enumKey: "category", items: s.by_category },
    { key: "byKind", enumKey: "kind", items: s.by_kind },
    { key: "byStatus", enumKey: "status", items: s.by_status },
  ];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        {[
          ["total", s.total],
          ["newInPeriod", s.new_in_period],
          ["endedInPeriod", s.ended_in_period],
        ].map(([key, value]) => (
          <div key={key}>
            <Text size="xs" c="dimmed">
              {t(`periodicReports.${key}`)}
            </Text>
            <Text fz={24} fw={700} data-testid={`summary-${key}`}>
              {formatNumber(Number(value), i18n.language)}
            </Text>
          </div>
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="sm">
        {blocks.map((b) => (
          <Table key={b.key} verticalSpacing={2} fz="sm" withTableBorder style={{ alignSelf: "start" }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`periodicReports.${b.key}`)}</Table.Th>
                <Table.Th ta="right">{t("periodicReports.count")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.items.map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Td>{t(`enums.${b.enumKey}.${c.code}`, { defaultValue: c.label })}</Table.Td>
                  <Table.Td ta="right">{formatNumber(c.count, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** Items 7–9 of the minimum contents (from the period's verified monitoring report), when there are any. */
function ReportedItems({ items }: { items: PeriodicReport["agreements"][number]["minimum_contents"] }) {
  const { t } = useTranslation();
  const rows = (
    [
      ["problems", items.problems],
      ["solutions", items.solutions],
      ["otherMatters", items.other_matters],
    ] as const
  ).filter(([, text]) => text.trim());
  if (rows.length === 0) {
    return (
      <Text size="xs" c="dimmed" mt={4}>
        {t("periodicReports.noVerifiedReport")}
      </Text>
    );
  }
  return (
    <Stack gap={2} mt={4}>
      {rows.map(([key, text]) => (
        <Text size="xs" key={key}>
          <Text span size="xs" fw={600}>
            {t(`periodicReports.${key}`)}:
          </Text>{" "}
          {text}
        </Text>
      ))}
    </Stack>
  );
}

function Agreements({ report }: { report: PeriodicReport }) {
  const { t, i18n } = useTranslation();
  if (report.agreements.length === 0) return <EmptyState title={t("periodicReports.noAgreements")} />;
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing={6} fz="sm" striped data-testid="periodic-agreements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("periodicReports.agreement")}</Table.Th>
            <Table.Th>{t("periodicReports.form")}</Table.Th>
            <Table.Th>{t("periodicReports.parties")}</Table.Th>
            <Table.Th>{t("periodicReports.term")}</Table.Th>
            <Table.Th>{t("agreement.stage")}</Table.Th>
            <Table.Th>{t("agreement.leadOpd")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.agreements.map((a) => (
            <Table.Tr key={a.id} style={{ verticalAlign: "top" }}>
              <Table.Td w="40%">
                <Text size="sm" fw={500}>
                  {a.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {a.number} · {a.category}
                </Text>
                <ReportedItems items={a.minimum_contents} />
              </Table.Td>
              <Table.Td>{a.kind}</Table.Td>
              <Table.Td maw={200}>
                <Text size="xs">{a.minimum_contents.parties}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="xs">
                  {formatDate(a.term.start_date ?? a.term.signed_date, i18n.language)} –{" "}
                  {a.term.end_date ? formatDate(a.term.end_date, i18n.language) : t("periodicReports.openEnded")}
                </Text>
              </Table.Td>
              <Table.Td>{t(`enums.stage.${a.stage}`, { defaultValue: a.stage })}</Table.Td>
              <Table.Td>{a.lead_opd.abbreviation}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Obligations({ report }: { report: PeriodicReport }) {
  const { t, i18n } = useTranslation();
  const o = report.obligations;
  const n = (v: number) => formatNumber(v, i18n.language);
  return (
    <Stack gap="sm">
      <Group gap="xs" data-testid="obligation-totals">
        {(
          [
            ["due", o.totals.due, "gray"],
            ["fulfilled", o.totals.fulfilled, "teal"],
            ["late", o.totals.late, "red"],
            ["notFulfilled", o.totals.not_fulfilled, "orange"],
            ["suspended", o.totals.suspended, "grape"],
            ["open", o.totals.open, "blue"],
          ] as const
        ).map(([key, value, color]) => (
          <Badge key={key} variant="light" color={color} autoContrast>
            {t(`periodicReports.obligation.${key}`)}: {n(value)}
          </Badge>
        ))}
      </Group>
      {o.by_agreement.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("periodicReports.noObligations")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("periodicReports.agreement")}</Table.Th>
                <Table.Th ta="right">{t("periodicReports.obligation.due")}</Table.Th>
                <Table.Th ta="right">{t("periodicReports.obligation.fulfilled")}</Table.Th>
                <Table.Th ta="right">{t("periodicReports.obligation.late")}</Table.Th>
                <Table.Th ta="right">{t("periodicReports.obligation.notFulfilled")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {o.by_agreement.map((b) => (
                <Table.Tr key={b.agreement_id}>
                  <Table.Td maw={420}>
                    <Text size="sm">{b.agreement_title}</Text>
                    <Text size="xs" c="dimmed">
                      {b.agreement_number}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{n(b.totals.due)}</Table.Td>
                  <Table.Td ta="right">{n(b.totals.fulfilled)}</Table.Td>
                  <Table.Td ta="right" c={b.totals.late > 0 ? "red.8" : undefined}>
                    {n(b.totals.late)}
                  </Table.Td>
                  <Table.Td ta="right">{n(b.totals.not_fulfilled)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Monitoring({ report }: { report: PeriodicReport }) {
  const { t, i18n } = useTranslation();
  const m = report.monitoring;
  return (
    <Stack gap="sm">
      <Text size="sm">
        {t("periodicReports.monitoringCounts", {
          verified: formatNumber(m.verified, i18n.language),
          expected: formatNumber(m.expected, i18n.language),
        })}
      </Text>
      {m.reports.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing={4} fz="sm" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("periodicReports.agreement")}</Table.Th>
                <Table.Th>{t("monitoring.period")}</Table.Th>
                <Table.Th>{t("monitoring.status")}</Table.Th>
                <Table.Th>{t("periodicReports.recommendation")}</Table.Th>
                <Table.Th>{t("periodicReports.problems")}</Table.Th>
                <Table.Th>{t("periodicReports.followUp")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {m.reports.map((r) => (
                <Table.Tr key={r.report_id}>
                  <Table.Td maw={300}>
                    <Text size="sm">{r.agreement_title}</Text>
                    <Text size="xs" c="dimmed">
                      {r.agreement_number} · {r.lead_opd}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatPeriod(r.period, t)}</Table.Td>
                  <Table.Td>{t(`enums.reportStatus.${r.status}`, { defaultValue: r.status })}</Table.Td>
                  <Table.Td>{r.recommendation ? t(`enums.recommendation.${r.recommendation}`, { defaultValue: r.recommendation }) : "—"}</Table.Td>
                  <Table.Td maw={260}>
                    <Dash text={r.problems} />
                  </Table.Td>
                  <Table.Td maw={260}>
                    <Dash text={r.follow_up} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Problems({ report }: { report: PeriodicReport }) {
  const { t, i18n } = useTranslation();
  if (report.problems.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("periodicReports.noProblems")}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing={4} fz="sm" striped data-testid="periodic-problems">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("periodicReports.agreement")}</Table.Th>
            <Table.Th>{t("periodicReports.problems")}</Table.Th>
            <Table.Th>{t("periodicReports.solutions")}</Table.Th>
            <Table.Th>{t("periodicReports.followUp")}</Table.Th>
            <Table.Th ta="right">{t("periodicReports.obligation.late")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.problems.map((p) => (
            <Table.Tr key={p.agreement_number}>
              <Table.Td maw={280}>
                <Text size="sm">{p.agreement_title}</Text>
                <Text size="xs" c="dimmed">
                  {p.agreement_number} · {p.lead_opd}
                </Text>
              </Table.Td>
              <Table.Td maw={260}>
                <Dash text={p.problems} />
              </Table.Td>
              <Table.Td maw={260}>
                <Dash text={p.solutions} />
              </Table.Td>
              <Table.Td maw={260}>
                <Dash text={p.follow_up} />
              </Table.Td>
              <Table.Td ta="right">{formatNumber(p.late_obligations, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function Foreign({ report }: { report: PeriodicReport }) {
  const { t } = useTranslation();
  const f = report.foreign;
  const rows: [string, (c: PeriodicReport["foreign"]["agreements"][number]["contents"]) => string][] = [
    ["background", (c) => c.background],
    ["aims", (c) => c.aims],
    ["scope", (c) => c.scope],
    ["progress", (c) => c.progress_results],
    ["beneficiaries", (c) => c.beneficiaries],
    ["funding", (c) => c.funding],
    ["obstacles", (c) => c.obstacles],
    ["analysis", (c) => c.analysis_follow_up],
  ];
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("periodicReports.foreignNote")}
      </Text>
      {f.agreements.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("periodicReports.noForeign")}
        </Text>
      ) : (
        f.agreements.map((a) => (
          <Paper key={a.id} withBorder p="sm">
            <Text fw={600} size="sm">
              {a.contents.title}
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              {a.number} · {a.category} · {a.parties.map((p) => p.name).join("; ")}
            </Text>
            <Table verticalSpacing={2} fz="sm">
              <Table.Tbody>
                {rows.map(([key, pick]) => (
                  <Table.Tr key={key}>
                    <Table.Th w={220}>{t(`periodicReports.foreignItems.${key}`)}</Table.Th>
                    <Table.Td>
                      <Dash text={pick(a.contents)} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ))
      )}
    </Stack>
  );
}

function SendingForm({ year, period }: { year: number; period: PeriodCode }) {
  const { t } = useTranslation();
  const errors = useWriteErrors();
  const [recipient, setRecipient] = useState<SendingCreate["recipient"]>("wali_kota");
  const [sentDate, setSentDate] = useState(todayIso());
  const [letter, setLetter] = useState("");
  const record = useRecordSending(year, period, {
    onSuccess: () => setLetter(""),
    onError: errors.show,
  });
  return (
    <form
      noValidate
      data-testid="sending-form"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        record.mutate({ recipient, sent_date: sentDate, letter_number: letter.trim() });
      }}
    >
      <Stack gap="xs">
        <GeneralErrors messages={errors.general} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <Select
            label={t("periodicReports.recipient")}
            data={(["wali_kota", "gubernur"] as const).map((r) => ({ value: r, label: t(`periodicReports.recipients.${r}`) }))}
            value={recipient}
            onChange={(v) => v && setRecipient(v as SendingCreate["recipient"])}
            allowDeselect={false}
            error={errors.fields.recipient}
            data-testid="sending-recipient"
          />
          <DateField
            label={t("periodicReports.sentDate")}
            value={sentDate}
            onChange={setSentDate}
            required
            error={errors.fields.sent_date}
            data-testid="sending-date"
          />
          <TextInput
            label={t("periodicReports.letterNumber")}
            value={letter}
            onChange={(e) => setLetter(e.currentTarget.value)}
            required
            maxLength={120}
            error={errors.fields.letter_number}
            data-testid="sending-letter"
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={record.isPending} disabled={!letter.trim() || !sentDate} data-testid="sending-submit">
            {t("periodicReports.recordSending")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Finalized({ meta, year, period, canFinalize }: { meta: FinalizedReport; year: number; period: PeriodCode; canFinalize: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <Section title={t("periodicReports.sendings")} testId="periodic-sendings">
      <Stack gap="sm">
        <Text size="xs" c="dimmed" style={{ wordBreak: "break-all" }}>
          {t("periodicReports.finalizedAt", { date: formatDateTime(meta.finalized_at, i18n.language) })}
          {meta.finalized_by ? ` · ${meta.finalized_by}` : ""} · PDF SHA-256 {meta.pdf_sha256}
        </Text>
        {meta.sendings.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("periodicReports.noSendings")}
          </Text>
        ) : (
          <Table verticalSpacing={4} fz="sm" data-testid="sendings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("periodicReports.recipient")}</Table.Th>
                <Table.Th>{t("periodicReports.sentDate")}</Table.Th>
                <Table.Th>{t("periodicReports.letterNumber")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {meta.sendings.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{t(`periodicReports.recipients.${s.recipient}`)}</Table.Td>
                  <Table.Td>{formatDate(s.sent_date, i18n.language)}</Table.Td>
                  <Table.Td>{s.letter_number}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {canFinalize && <SendingForm year={year} period={period} />}
      </Stack>
    </Section>
  );
}

export type PeriodicReportPageProps = {
  year: number;
  period: PeriodCode;
  onChange: (next: { year: number; period: PeriodCode }) => void;
  canFinalize: boolean;
};

/** The secretariat's screen for the Laporan Pelaksanaan Kerja Sama Daerah: preview, download, finalize, sendings. */
export function PeriodicReportPage({ year, period, onChange, canFinalize }: PeriodicReportPageProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const report = usePeriodicReport(year, period);
  const finalized = useFinalizedReport(year, period);
  const [confirming, setConfirming] = useState(false);
  const finalizeErrors = useWriteErrors();
  const finalize = useFinalize(year, period, { onSuccess: () => setConfirming(false), onError: finalizeErrors.show });
  const downloadErrors = useServerErrors();
  const download = useDownloadPeriodicReport(year, period, { onError: downloadErrors.show });
  const r = report.data;
  const isFinal = r?.status === "finalized";
  const periodEnded = r ? r.period_end < todayIso() : false;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={2}>{t("periodicReports.title")}</Title>
          <Text size="sm" c="dimmed">
            {t("periodicReports.intro")}
          </Text>
        </div>
        <Group gap="sm" align="flex-end">
          <Select
            label={t("periodicReports.year")}
            data={yearChoices(todayIso()).map((y) => ({ value: String(y), label: String(y) }))}
            value={String(year)}
            onChange={(v) => v && onChange({ year: Number(v), period })}
            allowDeselect={false}
            w={110}
            data-testid="periodic-year"
          />
          <div>
            <Text size="sm" fw={500} mb={4} id="periodic-period-label">
              {t("periodicReports.period")}
            </Text>
            <SegmentedControl
              aria-labelledby="periodic-period-label"
              data={PERIOD_CODES.map((p) => ({ value: p, label: t(`periodicReports.periods.${p}`) }))}
              value={period}
              onChange={(v) => onChange({ year, period: v as PeriodCode })}
              data-testid="periodic-period"
            />
          </div>
        </Group>
      </Group>

      {report.isPending ? (
        <LoadingState />
      ) : report.isError || !r ? (
        <ErrorState error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <Paper withBorder p="md">
            <Group justify="space-between" wrap="wrap" gap="sm">
              <div>
                <Group gap="xs">
                  <Title order={3} size="h4">
                    {r.title} — {formatPeriod(r.period === "annual" ? String(r.year) : `${r.year}-${r.period}`, t)}
                  </Title>
                  {isFinal ? (
                    <Badge color="teal" leftSection={<IconLock size={12} aria-hidden />} data-testid="periodic-status">
                      {t("periodicReports.statusFinalized")}
                    </Badge>
                  ) : (
                    <Badge color="yellow" variant="light" autoContrast data-testid="periodic-status">
                      {t("periodicReports.statusPreview")}
                    </Badge>
                  )}
                </Group>
                <Text size="sm" c="dimmed">
                  {r.region.name} · {formatDate(r.period_start, lang)} – {formatDate(r.period_end, lang)} ·{" "}
                  {t("periodicReports.dueOn", { date: formatDate(r.due_date, lang) })}
                </Text>
                <Text size="xs" c="dimmed">
                  {t("periodicReports.generatedAt", { date: formatDateTime(r.generated_at, lang) })}
                </Text>
              </div>
              <Group gap="xs">
                <Button
                  variant="default"
                  size="sm"
                  leftSection={<IconDownload size={16} aria-hidden />}
                  loading={download.isPending && download.variables === "xlsx"}
                  onClick={() => {
                    downloadErrors.clear();
                    download.mutate("xlsx");
                  }}
                  data-testid="download-xlsx"
                >
                  {t("periodicReports.downloadXlsx")}
                </Button>
                <Button
                  variant="default"
                  size="sm"
                  leftSection={<IconDownload size={16} aria-hidden />}
                  loading={download.isPending && download.variables === "pdf"}
                  onClick={() => {
                    downloadErrors.clear();
                    download.mutate("pdf");
                  }}
                  data-testid="download-pdf"
                >
                  {t("periodicReports.downloadPdf")}
                </Button>
                {canFinalize && !isFinal && (
                  <Button
                    size="sm"
                    leftSection={<IconLock size={16} aria-hidden />}
                    disabled={!periodEnded}
                    title={periodEnded ? undefined : t("periodicReports.notEnded")}
                    onClick={() => {
                      finalizeErrors.clear();
                      setConfirming(true);
                    }}
                    data-testid="finalize"
                  >
                    {t("periodicReports.finalize")}
                  </Button>
                )}
              </Group>
            </Group>
            <GeneralErrors messages={downloadErrors.general} />
            {!isFinal && (
              <Alert color="yellow" variant="light" mt="sm" p="xs">
                <Text size="sm">{periodEnded || !canFinalize ? t("periodicReports.previewHint") : t("periodicReports.notEnded")}</Text>
              </Alert>
            )}
          </Paper>

          {isFinal && finalized.data && <Finalized meta={finalized.data} year={year} period={period} canFinalize={canFinalize} />}

          <Section title={t("periodicReports.sections.summary")} testId="periodic-summary">
            <Counts report={r} />
          </Section>
          <Section title={t("periodicReports.sections.agreements")} testId="periodic-agreements-section">
            <Agreements report={r} />
          </Section>
          <Section title={t("periodicReports.sections.obligations")} testId="periodic-obligations">
            <Obligations report={r} />
          </Section>
          <Section title={t("periodicReports.sections.monitoring")} testId="periodic-monitoring">
            <Monitoring report={r} />
          </Section>
          <Section title={t("periodicReports.sections.problems")} testId="periodic-problems-section">
            <Problems report={r} />
          </Section>
          <Section title={t("periodicReports.sections.foreign")} testId="periodic-foreign">
            <Foreign report={r} />
          </Section>
        </>
      )}

      {confirming && (
      <Modal opened onClose={() => setConfirming(false)} title={t("periodicReports.confirmTitle", { period: r?.period_label ?? "" })} data-testid="finalize-modal">
        <Stack gap="sm">
          <Text size="sm">{t("periodicReports.confirmBody")}</Text>
          <GeneralErrors messages={finalizeErrors.general} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
            <Button onClick={() => finalize.mutate()} loading={finalize.isPending} data-testid="finalize-confirm">
              {t("periodicReports.confirmFinalize")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      )}
    </Stack>
  );
}
