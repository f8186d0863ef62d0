import {
  Alert,
  Badge,
  Group,
  Paper,
  Progress,
  ScrollArea,
  Stack,
  Stepper,
  Text,
} from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useEffect, useMemo, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ErrorState, LoadingState } from "../../components/page-state";
import { useActions, useChecks, useProcedures } from "./api";

type Finding = Schemas["FindingRead"];

/** The main path, without an optional stage (DPRD approval) the text does not need and is not in. */
export function visibleStages(
  machine: { stages: string[]; optional_stages: string[] },
  stage: string,
  dprdRequired: boolean,
): string[] {
  return machine.stages.filter((s) => !machine.optional_stages.includes(s) || dprdRequired || s === stage);
}

/** The procedure stages of this kind of text, with the current one marked (data from the API's machines). */
export function StageStepper({ id, stage, dprdRequired }: { id: string; stage: string; dprdRequired: boolean }) {
  const { t, i18n } = useTranslation();
  const actions = useActions(id);
  const procedures = useProcedures();
  const compact = useMediaQuery("(max-width: 48em)") ?? false;
  const viewport = useRef<HTMLDivElement>(null);
  const machineId = actions.data?.machine;
  const found = procedures.data?.machines.find((m) => m.id === machineId);
  const stages = useMemo(() => (found ? visibleStages(found, stage, dprdRequired) : undefined), [found, stage, dprdRequired]);
  useEffect(() => {
    // Long procedures scroll sideways: bring the current stage into view.
    const el = viewport.current;
    if (!el || !stages) return;
    const i = Math.max(stages.indexOf(stage), 0);
    el.scrollLeft = (el.scrollWidth * i) / stages.length - el.clientWidth / 3;
  }, [stages, stage]);
  if (actions.isPending || procedures.isPending) return <LoadingState />;
  if (actions.isError) return <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />;
  if (procedures.isError) return <ErrorState error={procedures.error} onRetry={() => void procedures.refetch()} />;
  const machine = procedures.data.machines.find((m) => m.id === actions.data.machine);
  if (!machine || !stages) return null;
  const index = stages.indexOf(stage);
  const ended = index === stages.length - 1;
  const en = i18n.language.startsWith("en");
  return (
    <Stack gap={4} data-testid="stage-stepper">
      <Group gap="xs">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t("agreement.procedure")}
        </Text>
        <Text size="xs" c="dimmed">
          {en ? machine.title_en : machine.title_id}
        </Text>
        {index < 0 && (
          <Badge color="orange" variant="light">
            {t(`enums.stage.${stage}`, { defaultValue: stage })}
          </Badge>
        )}
      </Group>
      {compact ? (
        <Stack gap={4}>
          <Text size="sm">
            {t("agreement.stepOf", { n: Math.max(index, 0) + 1, total: stages.length })}: {t(`enums.stage.${stage}`, { defaultValue: stage })}
          </Text>
          <Progress value={((Math.max(index, 0) + 1) / stages.length) * 100} aria-hidden />
        </Stack>
      ) : (
      <ScrollArea type="auto" offsetScrollbars viewportRef={viewport}>
        <Stepper active={ended ? stages.length : Math.max(index, 0)} size="xs" miw={stages.length * 120} allowNextStepsSelect={false} styles={{ steps: { flexWrap: "nowrap" } }}>
          {stages.map((s) => (
            <Stepper.Step key={s} label={t(`enums.stage.${s}`, { defaultValue: s })} aria-current={s === stage ? "step" : undefined} />
          ))}
        </Stepper>
      </ScrollArea>
      )}
    </Stack>
  );
}

export function FindingList({ findings }: { findings: Finding[] }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith("en");
  return (
    <Stack gap="xs" data-testid="findings">
      {findings.map((f) => (
        <Paper key={`${f.rule_id}-${f.fields.join(",")}`} withBorder p="sm">
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Badge
              color={f.severity === "BLOCK" ? "red" : "yellow"}
              variant={f.severity === "BLOCK" ? "light" : "filled"}
              autoContrast
              miw={70}
              style={{ flexShrink: 0 }}
            >
              {t(`agreement.checks.${f.severity}`)}
            </Badge>
            <Stack gap={2}>
              <Text size="sm">{en ? f.message_en : f.message_id}</Text>
              <Text size="xs" c="dimmed">
                {f.rule_id} · {f.basis}
              </Text>
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** The regulation checks of the saved record: findings with their legal basis. */
export function ChecksPanel({ id }: { id: string }) {
  const { t } = useTranslation();
  const checks = useChecks(id);
  if (checks.isPending) return <LoadingState />;
  if (checks.isError) return <ErrorState error={checks.error} onRetry={() => void checks.refetch()} />;
  if (checks.data.findings.length === 0) {
    return (
      <Alert color="teal" variant="light" data-testid="no-findings">
        {t("agreement.checks.none")}
      </Alert>
    );
  }
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("agreement.checks.intro")}
      </Text>
      <FindingList findings={checks.data.findings} />
    </Stack>
  );
}
