import { useMediaQuery } from "@mantine/hooks";
import { Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { DocumentAttachFields, useDocumentAttach } from "../../components/document-attach";
import { useAgreementDocuments } from "../../components/document-queries";
import { GeneralErrors } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { formatDate, formatDateTime, formatDecimal, todayIso } from "../../lib/format";
import { useAddFulfilment, useForceMajeure, useUpdateOccurrence } from "./api";
import { normaliseNumber } from "./schedule";
import { SETTABLE_STATUSES, isOpen, statusChangeProblems, statusColor, type EffectiveStatus, type StoredStatus } from "./status";
import { DateField } from "../../components/date-field";

type Occurrence = Schemas["OccurrenceRead"];

export function OccurrenceBadge({ status }: { status: EffectiveStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={statusColor(status)} variant={status === "late" ? "filled" : "light"} data-testid={`occurrence-status-${status}`}>
      {t(`enums.occurrenceStatus.${status}`)}
    </Badge>
  );
}

function FulfilmentForm({ occurrence, agreementId, onDone }: { occurrence: Occurrence; agreementId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const [date, setDate] = useState(todayIso());
  const [value, setValue] = useState("");
  const [note, setNote] = useState("");
  // Evidence: picked among the uploads, or a file chosen here and uploaded when the form is saved.
  const attach = useDocumentAttach(agreementId, "BUKTI_PEMENUHAN");
  const [complete, setComplete] = useState(true);
  const errors = useServerErrors();
  const save = useAddFulfilment(agreementId, occurrence, {
    onSuccess: () => onDone(),
    onError: errors.show,
  });
  return (
    <form
      noValidate
      data-testid="fulfilment-form"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        void attach.resolve().then((ids) => {
          if (ids !== null) save.mutate({ realised_on: date, value_realised: normaliseNumber(value), note: note.trim(), document_ids: ids, complete });
        });
      }}
    >
      <Paper withBorder p="sm" bg="gray.0">
        <Stack gap="xs">
          <Text size="sm" fw={600}>
            {t("obligations.recordFulfilmentFor", { date: formatDate(occurrence.due_date, i18n.language) })}
          </Text>
          <GeneralErrors messages={errors.general} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <DateField
              label={t("obligations.realisedOn")}
              value={date}
              onChange={setDate}
              required
              error={errors.fields.realised_on}
            />
            <TextInput
              label={t("obligations.valueRealised")}
              inputMode="decimal"
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={errors.fields.value_realised}
            />
          </SimpleGrid>
          <Textarea label={t("obligations.note")} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} maxLength={4000} error={errors.fields.note} />
          <DocumentAttachFields
            attach={attach}
            label={t("obligations.evidence")}
            pickerError={errors.fields.document_ids ?? Object.entries(errors.fields).find(([k]) => k.startsWith("document_ids."))?.[1]}
            testId="fulfilment-documents"
            startOpen
          />
          <Select
            label={t("obligations.completes")}
            data={[
              { value: "yes", label: t("obligations.completesYes") },
              { value: "no", label: t("obligations.completesNo") },
            ]}
            value={complete ? "yes" : "no"}
            onChange={(x) => setComplete(x !== "no")}
            allowDeselect={false}
          />
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onDone}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" size="xs" loading={save.isPending || attach.busy} data-testid="fulfilment-save">
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

function StatusForm({ occurrence, agreementId, onDone }: { occurrence: Occurrence; agreementId: string; onDone: () => void }) {
  const { t, i18n } = useTranslation();
  const events = useForceMajeure(agreementId);
  const [status, setStatus] = useState<StoredStatus | null>(occurrence.status);
  const [fulfilledOn, setFulfilledOn] = useState(occurrence.fulfilled_on ?? todayIso());
  const [eventId, setEventId] = useState<string | null>(occurrence.force_majeure_event_id ?? null);
  const errors = useServerErrors();
  const problems = statusChangeProblems(status, fulfilledOn, eventId);
  const save = useUpdateOccurrence(agreementId, occurrence, {
    onSuccess: () => onDone(),
    onError: errors.show,
  });
  return (
    <form
      noValidate
      data-testid="status-form"
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        if (problems.length === 0)
          save.mutate({
            status: status ?? "pending",
            fulfilled_on: status === "fulfilled" ? fulfilledOn : null,
            force_majeure_event_id: status === "suspended_force_majeure" ? eventId : null,
          });
      }}
    >
      <Paper withBorder p="sm" bg="gray.0">
        <Stack gap="xs">
          <GeneralErrors messages={errors.general} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Select
              label={t("obligations.status")}
              description={t("obligations.lateDerived")}
              data={SETTABLE_STATUSES.map((s) => ({ value: s, label: t(`enums.occurrenceStatus.${s}`) }))}
              value={status}
              onChange={(x) => setStatus(x as StoredStatus | null)}
              allowDeselect={false}
              error={errors.fields.status}
            />
            {status === "fulfilled" && (
              <DateField label={t("obligations.fulfilledOn")} value={fulfilledOn} onChange={setFulfilledOn} required error={errors.fields.fulfilled_on} />
            )}
            {status === "suspended_force_majeure" && (
              <Select
                label={t("obligations.forceMajeureEvent")}
                data={(events.data ?? []).map((ev) => ({ value: ev.id, label: `${formatDate(ev.start_date, i18n.language)} — ${ev.description}` }))}
                value={eventId}
                onChange={setEventId}
                required
                nothingFoundMessage={t("obligations.noEvents")}
                description={(events.data ?? []).length === 0 ? t("obligations.noEvents") : undefined}
                error={errors.fields.force_majeure_event_id ?? (problems.includes("force_majeure_event_id") ? t("common.fieldRequired") : undefined)}
              />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onDone}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" size="xs" loading={save.isPending} disabled={problems.length > 0} data-testid="status-save">
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

/** Long schedules: every open occurrence and the last few closed ones (in date order). */
export function recentAndOpen<T extends { effective_status: EffectiveStatus }>(all: T[], closedToShow = 3): T[] {
  const closed = all.map((o, i) => ({ o, i })).filter(({ o }) => !isOpen(o.effective_status));
  const keepClosed = new Set(closed.slice(-closedToShow).map(({ i }) => i));
  return all.filter((o, i) => isOpen(o.effective_status) || keepClosed.has(i));
}

/** The occurrences of one obligation: due date, derived status, fulfilment records and actions. */
export function OccurrenceList({ occurrences, agreementId, canWrite }: { occurrences: Occurrence[]; agreementId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [editing, setEditing] = useState<{ id: string; mode: "fulfil" | "status" } | null>(null);
  const [showAll, setShowAll] = useState(false);
  const phone = useMediaQuery("(max-width: 47.99em)", false, { getInitialValueInEffect: false });
  const docs = useAgreementDocuments(agreementId);
  const docTitle = (id: string) => docs.data?.find((d) => d.id === id)?.title ?? id.slice(0, 8);
  if (occurrences.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t("obligations.noOccurrences")}
      </Text>
    );
  }
  const current = editing ? occurrences.find((o) => o.id === editing.id) : undefined;
  const shown = showAll ? occurrences : recentAndOpen(occurrences);
  const status = (o: Occurrence) => (
    <>
      <OccurrenceBadge status={o.effective_status} />
      {o.fulfilled_on && (
        <Text size="xs" c="dimmed">
          {t("obligations.fulfilledOnShort", { date: formatDate(o.fulfilled_on, lang) })}
        </Text>
      )}
    </>
  );
  const fulfilments = (o: Occurrence) =>
    o.fulfilments.length === 0 ? (
      <Text size="xs" c="dimmed">
        {t("common.none")}
      </Text>
    ) : (
      <Stack gap={2}>
        {o.fulfilments.map((f) => (
          <Text size="xs" key={f.id} title={t("obligations.recordedAt", { at: formatDateTime(f.recorded_at, lang) })}>
            {formatDate(f.realised_on, lang)}
            {f.value_realised ? ` · ${formatDecimal(f.value_realised, lang)}` : ""}
            {f.note ? ` · ${f.note}` : ""}
            {f.document_ids.length > 0 && (
              <Text span size="xs" c="dimmed">
                {" "}
                · {t("obligations.evidenceCount", { count: f.document_ids.length })}: {f.document_ids.map(docTitle).join(", ")}
              </Text>
            )}
          </Text>
        ))}
      </Stack>
    );
  const actions = (o: Occurrence) => (
    <Group gap={4} wrap={phone ? "wrap" : "nowrap"} justify={phone ? "flex-start" : "flex-end"}>
      {isOpen(o.effective_status) && (
        <Button size={phone ? "xs" : "compact-xs"} variant="light" onClick={() => setEditing({ id: o.id, mode: "fulfil" })} data-testid="occurrence-fulfil">
          {t("obligations.recordFulfilment")}
        </Button>
      )}
      <Button size={phone ? "xs" : "compact-xs"} variant="default" onClick={() => setEditing({ id: o.id, mode: "status" })} data-testid="occurrence-status">
        {t("obligations.changeStatus")}
      </Button>
    </Group>
  );
  return (
    <Stack gap="xs">
      {phone ? (
        // At phone width each occurrence is a card: its status and action stay on screen.
        <Stack gap="xs" data-testid="occurrences">
          {shown.map((o) => (
            <Paper key={o.id} withBorder p="xs" data-testid="occurrence-row">
              <Text size="sm" fw={600}>
                {t("obligations.dueDate")}: {formatDate(o.due_date, lang)}
              </Text>
              <Text size="xs" c="dimmed" mb={4}>
                {t("obligations.period")} #{o.seq} · {formatDate(o.period_start, lang)}
              </Text>
              <Stack gap={2} align="flex-start">
                {status(o)}
              </Stack>
              <Text size="xs" fw={600} mt={6}>
                {t("obligations.fulfilments")}
              </Text>
              {fulfilments(o)}
              {canWrite && <div style={{ marginTop: 8 }}>{actions(o)}</div>}
            </Paper>
          ))}
        </Stack>
      ) : (
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing={4} fz="sm" data-testid="occurrences">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("obligations.period")}</Table.Th>
              <Table.Th>{t("obligations.dueDate")}</Table.Th>
              <Table.Th miw={170}>{t("obligations.status")}</Table.Th>
              <Table.Th>{t("obligations.fulfilments")}</Table.Th>
              {canWrite && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((o) => (
              <Table.Tr key={o.id} data-testid="occurrence-row">
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  #{o.seq} · {formatDate(o.period_start, lang)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(o.due_date, lang)}</Table.Td>
                <Table.Td>{status(o)}</Table.Td>
                <Table.Td>{fulfilments(o)}</Table.Td>
                {canWrite && <Table.Td>{actions(o)}</Table.Td>}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      )}
      {shown.length < occurrences.length && (
        <Anchor component="button" type="button" size="xs" fw={600} ta="left" onClick={() => setShowAll(true)} style={{ alignSelf: "flex-start" }} data-testid="occurrences-all">
          {t("obligations.showAll", { count: occurrences.length, hidden: occurrences.length - shown.length })}
        </Anchor>
      )}
      {current && editing?.mode === "fulfil" && (
        <FulfilmentForm key={current.id} occurrence={current} agreementId={agreementId} onDone={() => setEditing(null)} />
      )}
      {current && editing?.mode === "status" && (
        <StatusForm key={current.id} occurrence={current} agreementId={agreementId} onDone={() => setEditing(null)} />
      )}
    </Stack>
  );
}
