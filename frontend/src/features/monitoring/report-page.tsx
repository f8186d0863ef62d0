import {
  Alert,
  Button,
  Card,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from "@mantine/core";
import { IconLock, IconRefresh } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ApiError } from "../../api/problem";
import { DocumentList, DocumentPicker } from "../../components/document-picker";
import { AnchorLink } from "../../components/links";
import { ErrorState, GeneralErrors, LoadingState } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { formatDate, formatDateTime, formatDecimal } from "../../lib/format";
import { formatPeriod } from "../../lib/format-period";
import { DueStateBadge, ReportStatusBadge } from "./badges";
import { useReport, useReportTransition, useUpdateReport } from "./api";
import {
  RATING_KEYS,
  RECOMMENDATIONS,
  canEditReport,
  reportBody,
  type ForeignField,
  ratingProblems,
  type RatingKey,
  type Ratings,
  type Recommendation,
  type ReportAction,
} from "./rules";

type Report = Schemas["ReportRead"];
type TextField = "problems" | "solutions" | "other_matters" | "follow_up" | ForeignField;
type Draft = {
  problems: string;
  solutions: string;
  other_matters: string;
  follow_up: string;
  background: string;
  progress_results: string;
  beneficiaries: string;
  funding: string;
  analysis: string;
  ratings: Ratings;
  recommendation: Recommendation | null;
  document_ids: string[];
};

const draftOf = (r: Report): Draft => ({
  problems: r.problems,
  solutions: r.solutions,
  other_matters: r.other_matters,
  follow_up: r.follow_up,
  background: r.background,
  progress_results: r.progress_results,
  beneficiaries: r.beneficiaries,
  funding: r.funding,
  analysis: r.analysis,
  ratings: { ...r.ratings },
  recommendation: r.recommendation ?? null,
  document_ids: [...r.document_ids],
});

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ whiteSpace: "pre-wrap" }}>
        {children}
      </Text>
    </div>
  );
}

/** The nine minimum items, read from the agreement (not editable in the report). */
function MinimumItems({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const a = report.agreement;
  const lang = i18n.language;
  return (
    <Paper withBorder p="md" data-testid="minimum-items">
      <Title order={3} size="h5" mb="sm">
        {t("monitoring.minimumItems")}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="sm">
        <Item label={t("agreement.title")}>{a.title}</Item>
        <Item label={t("agreement.kind")}>{t(`enums.kind.${a.kind}`, { defaultValue: a.kind })}</Item>
        <Item label={t("agreement.parties")}>
          {a.parties.map((p) => (
            <div key={`${p.role}-${p.partner_id ?? "home"}`}>
              {p.name ?? t("agreement.homeRegion")}
              {p.signatory_name ? ` — ${p.signatory_name}${p.signatory_title ? `, ${p.signatory_title}` : ""}` : ""}
            </div>
          ))}
        </Item>
        <Item label={t("agreement.purpose")}>{a.purpose || t("common.none")}</Item>
        <Item label={t("agreement.object")}>{a.object || t("common.none")}</Item>
        <Item label={t("agreement.scope")}>{a.scope || t("common.none")}</Item>
        <Item label={t("agreement.term")}>
          {formatDate(a.start_date, lang)} – {formatDate(a.end_date, lang)}
        </Item>
        <Item label={t("agreement.leadOpd")}>{a.lead_opd.name}</Item>
        <Item label={t("agreement.category")}>{t(`enums.category.${a.category}`, { defaultValue: a.category })}</Item>
      </SimpleGrid>
    </Paper>
  );
}

function Realisation({ report, canRefresh, onRefresh, refreshing }: { report: Report; canRefresh: boolean; onRefresh: () => void; refreshing: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Paper withBorder p="md" data-testid="realisation">
      <Group justify="space-between" mb="sm">
        <Title order={3} size="h5">
          {t("monitoring.realisation")}
        </Title>
        {canRefresh && (
          <Button size="compact-xs" variant="subtle" leftSection={<IconRefresh size={14} aria-hidden />} onClick={onRefresh} loading={refreshing}>
            {t("monitoring.refreshRealisation")}
          </Button>
        )}
      </Group>
      {report.realisation.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("monitoring.noRealisation")}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("agreement.obligations.description")}</Table.Th>
                <Table.Th>{t("obligations.dueDate")}</Table.Th>
                <Table.Th>{t("obligations.status")}</Table.Th>
                <Table.Th>{t("obligations.valueRealised")}</Table.Th>
                <Table.Th>{t("obligations.note")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.realisation.map((r) => (
                <Table.Tr key={r.occurrence_id}>
                  <Table.Td maw={320}>
                    <Text size="sm">{r.description}</Text>
                    <Text size="xs" c="dimmed">
                      {t(`enums.obligationKind.${r.kind}`, { defaultValue: r.kind })} · {r.partner_name ?? t("agreement.homeRegion")}
                      {r.clause_reference ? ` · ${r.clause_reference}` : ""}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(r.due_date, lang)}</Table.Td>
                  <Table.Td>
                    {t(`enums.occurrenceStatus.${r.status}`, { defaultValue: r.status })}
                    {r.fulfilled_on && (
                      <Text size="xs" c="dimmed">
                        {formatDate(r.fulfilled_on, lang)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {formatDecimal(r.value_realised, lang)}
                    {r.target ? ` / ${formatDecimal(r.target, lang)}` : ""}
                    {r.unit ? ` ${r.unit}` : ""}
                  </Table.Td>
                  <Table.Td>{(r.notes ?? []).join("; ") || t("common.none")}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function RatingInput({ k, value, onChange, disabled, error }: { k: RatingKey; value: number | null | undefined; onChange: (v: number | null) => void; disabled: boolean; error?: string }) {
  const { t } = useTranslation();
  const id = `rating-${k}`;
  return (
    <Group justify="space-between" wrap="wrap" gap="xs" data-testid={id}>
      <Text size="sm" id={id} style={{ flex: "1 1 220px" }}>
        {t(`monitoring.ratingKeys.${k}`)}
      </Text>
      {disabled ? (
        <Text size="sm" fw={700} aria-labelledby={id} data-testid={`${id}-value`}>
          {value ? `${value} / 5` : t("common.none")}
        </Text>
      ) : (
      <SegmentedControl
        aria-labelledby={id}
        size="xs"
        value={value ? String(value) : "0"}
        onChange={(v) => onChange(v === "0" ? null : Number(v))}
        data={[{ value: "0", label: "–" }, ...["1", "2", "3", "4", "5"].map((n) => ({ value: n, label: n }))]}
      />
      )}
      {error && (
        <Text size="xs" c="red.8" w="100%">
          {error}
        </Text>
      )}
    </Group>
  );
}

function ReturnModal({ opened, onClose, onConfirm, busy }: { opened: boolean; onClose: () => void; onConfirm: (reason: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  return (
    <Modal opened={opened} onClose={onClose} title={t("monitoring.returnTitle")} data-testid="return-modal">
      <Stack gap="sm">
        <Textarea label={t("monitoring.returnReason")} value={reason} onChange={(e) => setReason(e.currentTarget.value)} required autosize minRows={3} data-autofocus />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="orange" disabled={reason.trim().length < 3} loading={busy} onClick={() => onConfirm(reason.trim())} data-testid="return-confirm">
            {t("monitoring.actions.return")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The steps that ask first: submitting (the report is locked while checked), the TKKSD's review (with its notes), and the irreversible finalising. */
const CONFIRMED: readonly ReportAction[] = ["submit", "review", "finalise"];

function StepModal({ action, onClose, onConfirm, busy }: { action: ReportAction | null; onClose: () => void; onConfirm: (notes?: string) => void; busy: boolean }) {
  const { t } = useTranslation();
  const [notes, setNotes] = useState("");
  if (!action) return null;
  return (
    <Modal opened onClose={onClose} title={t(`monitoring.confirm.${action}Title`)} data-testid="step-modal">
      <Stack gap="sm">
        <Alert color={action === "finalise" ? "orange" : "blue"} variant="light" icon={action === "finalise" ? <IconLock size={16} aria-hidden /> : undefined}>
          {t(`monitoring.confirm.${action}Body`)}
        </Alert>
        {action === "review" && (
          <Textarea
            label={t("monitoring.confirm.reviewNotes")}
            description={t("agreement.actions.optional")}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
            autosize
            minRows={3}
            maxLength={4000}
            data-autofocus
            data-testid="review-notes"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus={action !== "review" ? true : undefined}>
            {t("common.cancel")}
          </Button>
          <Button
            color={action === "finalise" ? "orange" : undefined}
            loading={busy}
            onClick={() => onConfirm(action === "review" ? notes.trim() || undefined : undefined)}
            data-testid="step-confirm"
          >
            {t(`monitoring.actions.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function ReportEditor({ report, etag, canEdit }: { report: Report; etag: string; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [draft, setDraft] = useState<Draft>(() => draftOf(report));
  const [dirty, setDirty] = useState(false);
  const [returning, setReturning] = useState(false);
  const [confirming, setConfirming] = useState<ReportAction | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const errors = useServerErrors();
  const editable = canEditReport(canEdit, report.status);
  const frozen = report.status === "final";
  // The steps the caller may take now (the API filters by status and by the caller's role).
  const actions = report.allowed_actions;
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setDirty(true);
    setDone(null);
  };
  const badRatings = ratingProblems(draft.ratings);

  const save = useUpdateReport(report, {
    onSuccess: () => {
      setDirty(false);
      setDone(t("monitoring.saved"));
    },
    onError: (e) => {
      setDone(null);
      errors.show(e);
    },
  });
  const refresh = useUpdateReport(report, { onError: errors.show });
  const transition = useReportTransition(report, {
    onDraftSaved: () => setDirty(false),
    onSuccess: (r, vars) => {
      setDraft(draftOf(r.data));
      setReturning(false);
      setConfirming(null);
      setDone(t(`monitoring.done.${vars.action}`));
    },
    onError: (e) => {
      setReturning(false);
      setConfirming(null);
      setDone(null);
      errors.show(e);
    },
  });
  // Unsaved edits go first, so the step judges what is on screen.
  const step = (action: ReportAction, reason?: string) =>
    transition.mutate({ action, reason, etag, draft: dirty && editable ? reportBody(report.foreign, draft) : undefined });

  const required = (k: TextField) => report.required_to_submit.includes(k);
  const text = (k: TextField, label = t(`monitoring.fields.${k}`)) => (
    <Textarea
      label={label}
      value={draft[k]}
      onChange={(e) => set(k, e.currentTarget.value)}
      readOnly={!editable}
      required={required(k)}
      autosize
      minRows={3}
      maxLength={20000}
      error={errors.fields[k]}
      data-testid={`report-${k}`}
    />
  );

  return (
    <Stack gap="md">
      <Card withBorder padding="lg" component="header">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
              <Text size="sm" ff="monospace" c="dimmed">
                <AnchorLink to="/agreements/$id" params={{ id: report.agreement_id }} size="sm" c="dimmed">
                  {report.agreement.number}
                </AnchorLink>
              </Text>
              <Title order={2} size="h3">
                {t("monitoring.reportTitle", { period: formatPeriod(report.period, t) })}
              </Title>
              <Text size="sm">{report.agreement.title}</Text>
            </Stack>
            <Group gap={4}>
              <ReportStatusBadge status={report.status} />
              <DueStateBadge state={report.state} />
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            {t("monitoring.periodRange", { start: formatDate(report.period_start, lang), end: formatDate(report.period_end, lang) })} ·{" "}
            {t("monitoring.dueOn", { date: formatDate(report.due_date, lang) })}
          </Text>
          {frozen && (
            <Alert color="teal" variant="light" icon={<IconLock size={16} aria-hidden />} data-testid="report-frozen">
              {t("monitoring.frozen", { date: formatDateTime(report.finalised_at, lang) })}
            </Alert>
          )}
          {report.status === "returned" && report.return_reason && (
            <Alert color="orange" variant="light" title={t("monitoring.returnedTitle")} data-testid="return-reason">
              {report.return_reason}
            </Alert>
          )}
          <GeneralErrors messages={errors.general} />
          {/* One banner at a time: a final report's lock notice already says it is final. */}
          {done && !frozen && (
            <Alert color="teal" variant="light" role="status" withCloseButton onClose={() => setDone(null)} data-testid="report-done">
              {done}
            </Alert>
          )}
          {(actions.length > 0 || editable) && (
            <Group gap="xs" data-testid="report-actions">
              {editable && (
                <Button variant="default" onClick={() => save.mutate({ body: reportBody(report.foreign, draft), etag })} loading={save.isPending} disabled={!dirty || badRatings.length > 0} data-testid="report-save">
                  {t("monitoring.saveDraft")}
                </Button>
              )}
              {actions
                .filter((a) => a !== "return")
                .map((a) => (
                  <Button
                    key={a}
                    onClick={() => (CONFIRMED.includes(a) ? setConfirming(a) : step(a))}
                    loading={transition.isPending && transition.variables?.action === a}
                    data-testid={`report-action-${a}`}
                  >
                    {t(`monitoring.actions.${a}`)}
                  </Button>
                ))}
              {actions.includes("return") && (
                <Button color="orange" variant="light" onClick={() => setReturning(true)} data-testid="report-action-return">
                  {t("monitoring.actions.return")}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </Card>
      <ReturnModal opened={returning} onClose={() => setReturning(false)} busy={transition.isPending} onConfirm={(reason) => step("return", reason)} />
      <StepModal key={confirming ?? "none"} action={confirming} onClose={() => setConfirming(null)} busy={transition.isPending} onConfirm={(notes) => confirming && step(confirming, notes)} />

      <MinimumItems report={report} />

      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t("monitoring.questionnaire")}
        </Title>
        {report.foreign ? (
          <Stack gap="sm" data-testid="foreign-contents">
            <Text size="sm" c="dimmed">
              {t("monitoring.foreignHint")}
            </Text>
            {text("background")}
            {text("progress_results")}
            {text("beneficiaries")}
            {text("funding")}
            {text("problems", t("monitoring.fields.obstacles"))}
            {text("analysis")}
            {text("follow_up")}
            {text("solutions")}
            {text("other_matters")}
          </Stack>
        ) : (
          <Stack gap="sm">
            {text("problems")}
            {text("solutions")}
            {text("other_matters")}
            {text("follow_up")}
          </Stack>
        )}
      </Paper>

      <Realisation report={report} canRefresh={editable} onRefresh={() => refresh.mutate({ body: { refresh_realisation: true }, etag })} refreshing={refresh.isPending} />

      <Paper withBorder p="md" data-testid="ratings">
        <Title order={3} size="h5" mb={4}>
          {t("monitoring.ratings")}
        </Title>
        <Text size="xs" c="dimmed" mb="sm">
          {t("monitoring.ratingsHint")}
        </Text>
        <Stack gap="xs">
          {RATING_KEYS.map((k) => (
            <RatingInput
              key={k}
              k={k}
              value={draft.ratings[k]}
              disabled={!editable}
              onChange={(v) => set("ratings", { ...draft.ratings, [k]: v })}
              error={errors.fields[`ratings.${k}`] ?? (badRatings.includes(k) ? t("monitoring.ratingRange") : undefined)}
            />
          ))}
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="md">
          <Select
            label={t("monitoring.recommendation")}
            data={RECOMMENDATIONS.map((r) => ({ value: r, label: t(`enums.recommendation.${r}`) }))}
            value={draft.recommendation}
            onChange={(v) => set("recommendation", v as Recommendation | null)}
            readOnly={!editable}
            clearable={editable}
            error={errors.fields.recommendation}
            data-testid="report-recommendation"
          />
          {editable ? (
            <DocumentPicker
              agreementId={report.agreement_id}
              label={t("monitoring.evidence")}
              value={draft.document_ids}
              onChange={(ids) => set("document_ids", ids)}
              error={errors.fields.document_ids}
              testId="report-evidence"
            />
          ) : (
            <DocumentList agreementId={report.agreement_id} ids={draft.document_ids} label={t("monitoring.evidence")} empty={t("monitoring.evidenceNone")} testId="report-evidence" />
          )}
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t("monitoring.history")}
        </Title>
        {report.events.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("monitoring.noEvents")}
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} data-testid="report-events">
            {report.events.map((ev, i) => (
              <Timeline.Item key={`${ev.at}-${i}`} title={t(`monitoring.actions.${ev.action}`, { defaultValue: ev.action })}>
                <Text size="xs" c="dimmed">
                  {formatDateTime(ev.at, lang)} · {ev.actor_username} ({t(`roles.${ev.actor_role}`, { defaultValue: ev.actor_role })}) ·{" "}
                  {t(`enums.reportStatus.${ev.from_status}`, { defaultValue: ev.from_status })} → {t(`enums.reportStatus.${ev.to_status}`, { defaultValue: ev.to_status })}
                </Text>
                {ev.reason && <Text size="sm">{ev.reason}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Paper>
    </Stack>
  );
}

/** `canEdit`: the caller holds `monitoring:edit`; the workflow steps come from the report's `allowed_actions`. */
export function ReportPage({ id, canEdit, notFound }: { id: string; canEdit: boolean; notFound: ReactNode }) {
  const report = useReport(id);
  if (report.isPending) return <LoadingState />;
  if (report.isError) {
    if (report.error instanceof ApiError && report.error.status === 404) return <>{notFound}</>;
    return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;
  }
  return <ReportEditor key={report.data.data.id} report={report.data.data} etag={report.data.etag} canEdit={canEdit} />;
}
