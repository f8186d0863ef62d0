import { Badge, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { IconChevronDown, IconChevronRight } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { EmptyState, ErrorState, LoadingState, errorMessage } from "../../components/page-state";
import { formatDate, formatDecimal } from "../../lib/format";
import { ForceMajeurePanel } from "./force-majeure";
import { ObligationForm, type Party } from "./obligation-form";
import { OccurrenceList } from "./occurrences";
import { useAgreementObligations, useDeleteObligation, useObligation } from "./api";

type Summary = Schemas["ObligationSummary"];

/** "Every 3 months from 31 March 2026", "Once, due 15 July 2026", "Continuous". */
export function ScheduleText({ o }: { o: Pick<Summary, "schedule_type" | "due_date" | "frequency" | "anchor_date"> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (o.schedule_type === "one_off") return <>{t("obligations.scheduleOneOff", { date: formatDate(o.due_date, lang) })}</>;
  if (o.schedule_type === "recurring")
    return <>{t("obligations.scheduleRecurring", { frequency: t(`enums.frequency.${o.frequency ?? "monthly"}`), date: formatDate(o.anchor_date, lang) })}</>;
  return <>{t("enums.scheduleType.continuous")}</>;
}

function Occurrences({ id, agreementId, canWrite }: { id: string; agreementId: string; canWrite: boolean }) {
  const detail = useObligation(id);
  if (detail.isPending) return <LoadingState />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  return <OccurrenceList occurrences={detail.data.data.occurrences} agreementId={agreementId} canWrite={canWrite} />;
}

function ObligationCard({ o, agreementId, parties, canWrite }: { o: Summary; agreementId: string; parties: Party[]; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = useDeleteObligation(agreementId, o, {
    onError: (e) => {
      setConfirm(false);
      setError(errorMessage(e, t));
    },
  });
  const c = o.occurrence_counts;
  if (editing) return <ObligationForm agreementId={agreementId} parties={parties} existing={o} onDone={() => setEditing(false)} />;
  return (
    <Paper withBorder p="sm" data-testid="obligation">
      <Stack gap={4}>
        <Group gap={4} wrap="wrap">
          <Badge variant="light" color={o.kind === "HAK" ? "teal" : "blue"}>
            {t(`enums.obligationKind.${o.kind}`)}
          </Badge>
          {o.late_count > 0 && (
            <Badge color="red" variant="filled" data-testid="late-badge">
              {t("obligations.lateCount", { count: o.late_count })}
            </Badge>
          )}
          {c.total > 0 && (
            <Badge color="gray" variant="outline">
              {t("obligations.fulfilledOf", { done: c.fulfilled, total: c.total })}
            </Badge>
          )}
        </Group>
        <Text size="sm">{o.description}</Text>
        <Text size="xs" c="dimmed">
          {o.party_name}
          {o.clause_reference ? ` · ${o.clause_reference}` : ""}
          {o.responsible_opd ? ` · ${o.responsible_opd.abbreviation}` : ""}
        </Text>
        <Text size="xs">
          <ScheduleText o={o} />
          {o.next_due_date && ` · ${t("obligations.nextDue", { date: formatDate(o.next_due_date, i18n.language) })}`}
          {o.indicator && ` · ${o.indicator}${o.target ? `: ${formatDecimal(o.target, i18n.language)}${o.unit ? ` ${o.unit}` : ""}` : ""}`}
        </Text>
        {error && (
          <Text size="xs" c="red.8" role="alert">
            {error}
          </Text>
        )}
        <Group gap={4} wrap="wrap">
          <Button
            size="compact-xs"
            variant="light"
            leftSection={open ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
            onClick={() => setOpen((x) => !x)}
            aria-expanded={open}
            data-testid="obligation-toggle"
          >
            {t("obligations.occurrences")}
          </Button>
          {canWrite && !confirm && (
            <>
              <Button size="compact-xs" variant="subtle" onClick={() => setEditing(true)}>
                {t("common.edit")}
              </Button>
              <Button size="compact-xs" variant="subtle" color="red" onClick={() => setConfirm(true)}>
                {t("common.delete")}
              </Button>
            </>
          )}
          {confirm && (
            <>
              <Button size="compact-xs" variant="default" onClick={() => setConfirm(false)}>
                {t("common.cancel")}
              </Button>
              <Button size="compact-xs" color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
                {t("common.confirmDelete")}
              </Button>
            </>
          )}
        </Group>
      </Stack>
      {open && (
        <div style={{ marginTop: 8 }}>
          <Occurrences id={o.id} agreementId={agreementId} canWrite={canWrite} />
        </div>
      )}
    </Paper>
  );
}

/** Rights and obligations of an agreement: schedule, occurrences, fulfilment and force majeure. */
export function ObligationsPanel({ agreementId, parties, canWrite }: { agreementId: string; parties: Party[]; canWrite: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const list = useAgreementObligations(agreementId);
  const form = canWrite ? (
    open ? (
      <ObligationForm agreementId={agreementId} parties={parties} onDone={() => setOpen(false)} />
    ) : (
      <Group>
        <Button size="xs" variant="light" onClick={() => setOpen(true)} data-testid="obligation-add">
          {t("agreement.obligations.add")}
        </Button>
      </Group>
    )
  ) : null;
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  return (
    <Stack gap="sm">
      {list.data.length === 0 ? (
        <EmptyState title={t("agreement.obligations.empty")} />
      ) : (
        <Stack gap="xs" data-testid="obligations">
          {list.data.map((o) => (
            <ObligationCard key={o.id} o={o} agreementId={agreementId} parties={parties} canWrite={canWrite} />
          ))}
        </Stack>
      )}
      {form}
      <ForceMajeurePanel agreementId={agreementId} canWrite={canWrite} />
    </Stack>
  );
}
