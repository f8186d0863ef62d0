import { Alert, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ApiError } from "../../api/problem";
import { EmptyState, ErrorState, GeneralErrors, LoadingState } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { formatDate, todayIso } from "../../lib/format";
import { useAddTkksdReview, useDecideDprdApproval, useDprdApprovals, useRefreshAgreements, useRequestDprdApproval, useTkksdReviews } from "./api";
import { DateField } from "../../components/date-field";

// Who records TKKSD appraisals and DPRD approvals is the caller's capabilities
// (`procedure:record_tkksd_review`, `procedure:record_dprd_approval`; procedure/policy.py): the
// caller passes `canRecord`, the API enforces.
const OUTCOMES = ["layak", "layak_dengan_perbaikan", "tidak_layak"] as const;
type Outcome = (typeof OUTCOMES)[number];
type Dprd = Schemas["DprdApprovalRead"];

function Section({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Title order={3} size="h5" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** The TKKSD's appraisals; `canRecord`: the caller holds `procedure:record_tkksd_review`. */
export function TkksdReviewsPanel({ id, canRecord }: { id: string; canRecord: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useTkksdReviews(id);
  const [meeting, setMeeting] = useState(todayIso());
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [notes, setNotes] = useState("");
  const [minutes, setMinutes] = useState("");
  const [open, setOpen] = useState(false);
  const errors = useServerErrors();
  const add = useAddTkksdReview(id, {
    onSuccess: () => {
      setOpen(false);
      setOutcome(null);
      setNotes("");
      setMinutes("");
    },
    onError: errors.show,
  });
  const submitReview = () => add.mutate({ meeting_date: meeting, outcome: outcome ?? "layak", notes, minutes_ref: minutes.trim() || null });
  return (
    <Section title={t("agreement.tkksd.title")} testId="tkksd-reviews">
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("agreement.tkksd.empty")}
        </Text>
      ) : (
        <Stack gap="xs">
          {list.data.map((r) => (
            <Paper key={r.id} withBorder p="xs">
              <Group gap="xs">
                <Badge color={r.outcome === "tidak_layak" ? "red" : r.outcome === "layak" ? "teal" : "yellow"} variant="light">
                  {t(`enums.tkksdOutcome.${r.outcome}`)}
                </Badge>
                <Text size="sm">{formatDate(r.meeting_date, i18n.language)}</Text>
                {r.minutes_ref && (
                  <Text size="xs" c="dimmed">
                    {t("agreement.tkksd.minutes")}: {r.minutes_ref}
                  </Text>
                )}
              </Group>
              {r.notes && (
                <Text size="sm" mt={4}>
                  {r.notes}
                </Text>
              )}
            </Paper>
          ))}
        </Stack>
      )}
      {canRecord &&
        (open ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              errors.clear();
              if (outcome) submitReview();
            }}
          >
            <Stack gap="xs" mt="sm">
              <GeneralErrors messages={errors.general} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <DateField
                  label={t("agreement.tkksd.meetingDate")}
                  value={meeting}
                  max={todayIso()}
                  onChange={setMeeting}
                  required
                  error={errors.fields.meeting_date}
                />
                <Select
                  label={t("agreement.tkksd.outcome")}
                  data={OUTCOMES.map((o) => ({ value: o, label: t(`enums.tkksdOutcome.${o}`) }))}
                  value={outcome}
                  onChange={(v) => setOutcome(v as Outcome | null)}
                  required
                  error={errors.fields.outcome}
                  data-testid="tkksd-outcome"
                />
              </SimpleGrid>
              <Textarea label={t("agreement.tkksd.notes")} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} error={errors.fields.notes} />
              <TextInput label={t("agreement.tkksd.minutes")} value={minutes} onChange={(e) => setMinutes(e.currentTarget.value)} error={errors.fields.minutes_ref} />
              <Group justify="flex-end">
                <Button variant="default" size="xs" onClick={() => setOpen(false)}>
                  {t("common.cancel")}
                </Button>
                <Button type="submit" size="xs" loading={add.isPending} disabled={!outcome}>
                  {t("common.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Button size="xs" variant="light" mt="sm" onClick={() => setOpen(true)} data-testid="tkksd-add">
            {t("agreement.tkksd.add")}
          </Button>
        ))}
    </Section>
  );
}

function DprdDecisionForm({ approval, onDone }: { approval: Dprd; onDone: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefreshAgreements();
  const [decision, setDecision] = useState<"approved" | "rejected" | null>(null);
  const [date, setDate] = useState(todayIso());
  const [decree, setDecree] = useState("");
  const [stale, setStale] = useState(false);
  const errors = useServerErrors();
  const save = useDecideDprdApproval({
    onSuccess: () => onDone(),
    onError: (error) => {
      if (error instanceof ApiError && error.status === 412) setStale(true);
      else errors.show(error);
    },
  });
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        errors.clear();
        save.mutate({ approval, body: { decision: decision ?? undefined, decision_date: date, decree_number: decree.trim() || null } });
      }}
    >
      <Stack gap="xs" mt="xs">
        {stale && (
          <Alert color="orange" role="alert" title={t("agreement.form.conflictTitle")}>
            <Group gap="xs">
              <Text size="sm">{t("agreement.actions.stale")}</Text>
              <Button size="xs" variant="light" onClick={() => void refresh().then(onDone)}>
                {t("common.reload")}
              </Button>
            </Group>
          </Alert>
        )}
        <GeneralErrors messages={errors.general} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <Select
            label={t("agreement.dprd.decision")}
            data={(["approved", "rejected"] as const).map((d) => ({ value: d, label: t(`enums.dprdDecision.${d}`) }))}
            value={decision}
            onChange={(v) => setDecision(v as "approved" | "rejected" | null)}
            required
            error={errors.fields.decision}
          />
          <DateField
            label={t("agreement.dprd.decisionDate")}
            value={date}
            onChange={setDate}
            required
            error={errors.fields.decision_date}
          />
          <TextInput label={t("agreement.dprd.decree")} value={decree} onChange={(e) => setDecree(e.currentTarget.value)} error={errors.fields.decree_number} />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" size="xs" onClick={onDone}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" size="xs" loading={save.isPending} disabled={!decision}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** DPRD approval requests and decisions; `canRecord`: the caller holds `procedure:record_dprd_approval`. */
export function DprdApprovalsPanel({ id, canRecord, required }: { id: string; canRecord: boolean; required: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useDprdApprovals(id);
  const [open, setOpen] = useState(false);
  const [deciding, setDeciding] = useState<string | null>(null);
  const [request, setRequest] = useState(todayIso());
  const [received, setReceived] = useState("");
  const errors = useServerErrors();
  const add = useRequestDprdApproval(id, {
    onSuccess: () => setOpen(false),
    onError: errors.show,
  });
  return (
    <Section title={t("agreement.dprd.title")} testId="dprd-approvals">
      <Text size="sm" c="dimmed" mb="xs">
        {required ? t("agreement.dprd.required") : t("agreement.dprd.notRequired")}
      </Text>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.length === 0 ? (
        <EmptyState title={t("agreement.dprd.empty")} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("agreement.dprd.requestDate")}</Table.Th>
                <Table.Th>{t("agreement.dprd.receivedDate")}</Table.Th>
                <Table.Th>{t("agreement.dprd.deadline")}</Table.Th>
                <Table.Th>{t("agreement.dprd.decision")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{formatDate(d.request_date, lang)}</Table.Td>
                  <Table.Td>{formatDate(d.received_date, lang)}</Table.Td>
                  <Table.Td>{formatDate(d.deadline_date, lang)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge variant="light" color={d.decision === "approved" ? "teal" : d.decision === "rejected" ? "red" : "gray"}>
                        {t(`enums.dprdDecision.${d.decision}`)}
                      </Badge>
                      {d.deemed_approved && (
                        <Badge variant="filled" color="teal" autoContrast data-testid="deemed-approved">
                          {t("agreement.dprd.deemed")}
                        </Badge>
                      )}
                    </Group>
                    {(d.decision_date || d.decree_number) && (
                      <Text size="xs" c="dimmed">
                        {[formatDate(d.decision_date, lang), d.decree_number].filter(Boolean).join(" · ")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {canRecord && d.decision === "pending" && deciding !== d.id && (
                      <Button size="compact-xs" variant="light" onClick={() => setDeciding(d.id)}>
                        {t("agreement.dprd.recordDecision")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {deciding && list.data?.find((d) => d.id === deciding) && (
        <DprdDecisionForm approval={list.data.find((d) => d.id === deciding)!} onDone={() => setDeciding(null)} />
      )}
      {canRecord &&
        (open ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              errors.clear();
              add.mutate({ request_date: request, received_date: received || null });
            }}
          >
            <Stack gap="xs" mt="sm">
              <GeneralErrors messages={errors.general} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <DateField label={t("agreement.dprd.requestDate")} value={request} onChange={setRequest} required error={errors.fields.request_date} />
                <DateField label={t("agreement.dprd.receivedDate")} value={received} onChange={setReceived} error={errors.fields.received_date} />
              </SimpleGrid>
              <Group justify="flex-end">
                <Button variant="default" size="xs" onClick={() => setOpen(false)}>
                  {t("common.cancel")}
                </Button>
                <Button type="submit" size="xs" loading={add.isPending}>
                  {t("common.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Button size="xs" variant="light" mt="sm" onClick={() => setOpen(true)} data-testid="dprd-add">
            {t("agreement.dprd.add")}
          </Button>
        ))}
    </Section>
  );
}
