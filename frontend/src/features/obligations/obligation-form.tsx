import { Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { GeneralErrors } from "../../components/page-state";
import { OpdSelect } from "../../components/reference-pickers";
import { useServerErrors } from "../../components/server-errors";
import { useSaveObligation } from "./api";
import {
  EMPTY_OBLIGATION,
  FREQUENCIES,
  HOME_PARTY,
  SCHEDULE_TYPES,
  formFromObligation,
  obligationBody,
  obligationProblems,
  type Frequency,
  type ObligationFormValues,
  type ScheduleType,
} from "./schedule";
import { DateField } from "../../components/date-field";

export type Party = { id: string | null; name: string };

/** Create an obligation, or edit one (PATCH with If-Match), with its schedule and indicator. */
export function ObligationForm({
  agreementId,
  parties,
  existing,
  onDone,
}: {
  agreementId: string;
  parties: Party[];
  existing?: Schemas["ObligationSummary"];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [v, setV] = useState<ObligationFormValues>(existing ? formFromObligation(existing) : EMPTY_OBLIGATION);
  const [touched, setTouched] = useState(false);
  const errors = useServerErrors();
  const set = <K extends keyof ObligationFormValues>(k: K, value: ObligationFormValues[K]) => setV((cur) => ({ ...cur, [k]: value }));
  const problems = obligationProblems(v);
  const save = useSaveObligation(agreementId, existing, {
    onSuccess: () => onDone(),
    onError: errors.show,
  });
  // Server errors are keyed by the API's field names; local ones by the same names.
  const err = (apiField: string) =>
    errors.fields[apiField] ?? (touched && problems.includes(apiField) ? t("common.fieldRequired") : undefined);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        errors.clear();
        if (problems.length === 0) save.mutate(obligationBody(v));
      }}
      data-testid="obligation-form"
    >
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <GeneralErrors messages={errors.general} />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Select
              label={t("agreement.obligations.party")}
              data={parties.map((p) => ({ value: p.id ?? HOME_PARTY, label: p.name }))}
              value={v.party}
              onChange={(x) => set("party", x)}
              required
              error={err("partner_id")}
            />
            <Select
              label={t("agreement.obligations.kind")}
              data={(["HAK", "KEWAJIBAN"] as const).map((k) => ({ value: k, label: t(`enums.obligationKind.${k}`) }))}
              value={v.kind}
              onChange={(x) => set("kind", x as "HAK" | "KEWAJIBAN" | null)}
              required
              error={err("kind")}
            />
          </SimpleGrid>
          <Textarea
            label={t("agreement.obligations.description")}
            value={v.description}
            onChange={(e) => set("description", e.currentTarget.value)}
            required
            autosize
            minRows={2}
            maxLength={4000}
            error={err("description")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <TextInput
              label={t("agreement.obligations.clause")}
              placeholder="Pasal 5 ayat (1)"
              value={v.clause}
              onChange={(e) => set("clause", e.currentTarget.value)}
              maxLength={120}
              error={err("clause_reference")}
            />
            <OpdSelect
              label={t("obligations.responsibleOpd")}
              value={v.responsibleOpdId}
              onChange={(x) => set("responsibleOpdId", x)}
              error={err("responsible_opd_id")}
            />
          </SimpleGrid>
          <div>
            <Text size="sm" fw={700} mb={4} id="schedule-type-label">
              {t("obligations.schedule")}
            </Text>
            <SegmentedControl
              aria-labelledby="schedule-type-label"
              value={v.scheduleType}
              onChange={(x) => set("scheduleType", x as ScheduleType)}
              data={SCHEDULE_TYPES.map((s) => ({ value: s, label: t(`enums.scheduleType.${s}`) }))}
              data-testid="schedule-type"
              fullWidth
            />
            {errors.fields.schedule_type && (
              <Text size="xs" c="red.8" mt={4}>
                {errors.fields.schedule_type}
              </Text>
            )}
          </div>
          {v.scheduleType === "one_off" && (
            <DateField
              label={t("obligations.dueDate")}
              value={v.dueDate}
              onChange={(v) => set("dueDate", v)}
              required
              error={err("due_date")}
              data-testid="field-due-date"
            />
          )}
          {v.scheduleType === "recurring" && (
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <Select
                label={t("obligations.frequency")}
                data={FREQUENCIES.map((f) => ({ value: f, label: t(`enums.frequency.${f}`) }))}
                value={v.frequency}
                onChange={(x) => set("frequency", x as Frequency | null)}
                required
                error={err("frequency")}
              />
              <DateField
                label={t("obligations.anchorDate")}
                description={t("obligations.anchorHint")}
                value={v.anchorDate}
                onChange={(v) => set("anchorDate", v)}
                required
                error={err("anchor_date")}
                data-testid="field-anchor-date"
              />
            </SimpleGrid>
          )}
          {v.scheduleType === "continuous" && (
            <Text size="xs" c="dimmed">
              {t("obligations.continuousHint")}
            </Text>
          )}
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs">
            <TextInput label={t("obligations.indicator")} value={v.indicator} onChange={(e) => set("indicator", e.currentTarget.value)} maxLength={300} error={err("indicator")} />
            <TextInput label={t("obligations.target")} inputMode="decimal" value={v.target} onChange={(e) => set("target", e.currentTarget.value)} error={err("target")} />
            <TextInput label={t("obligations.unit")} value={v.unit} onChange={(e) => set("unit", e.currentTarget.value)} maxLength={60} error={err("unit")} />
            <TextInput label={t("obligations.value")} description={t("obligations.valueHint")} inputMode="decimal" value={v.value} onChange={(e) => set("value", e.currentTarget.value)} error={err("value")} />
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onDone}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" size="xs" loading={save.isPending}>
              {t("common.save")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
