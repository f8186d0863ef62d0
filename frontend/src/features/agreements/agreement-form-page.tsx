import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  Modal,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Stepper,
  Text,
  TextInput,
  Textarea,
  Title,
} from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useDebouncedValue } from "@mantine/hooks";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, fieldError, type FieldErrors } from "../../api/problem";
import { problemErrors } from "../../lib/problem-text";
import { ErrorState, GeneralErrors, LoadingState, errorMessage } from "../../components/page-state";
import { has } from "../../lib/capabilities";
import { useSession } from "../../lib/session";
import { AffairMultiSelect, OpdMultiSelect, OpdSelect } from "../../components/reference-pickers";
import { CATEGORIES, NATURES, type Category, type Kind, type Nature } from "./filters";
import {
  CLAUSES,
  CLAUSE_KINDS,
  FUNDING_SOURCES,
  OFFER_KINDS,
  declarationsFor,
  KAK_HEADINGS,
  stepOfField,
  type Clause,
  KINDS_BY_CATEGORY,
  OUT_OF_PLAN_REASONS,
  PARENT_KINDS,
  PARENT_REQUIRED,
  applyChange,
  emptyAgreementValues,
  emptyParty,
  toCreatePayload,
  toUpdatePayload,
  validateAgreement,
  valuesFromAgreement,
  type AgreementFormValues,
  type FundingSource,
  type OutOfPlanReason,
  type PartyValues,
} from "./form-rules";
import { ParentPicker, PartnerPicker } from "./pickers";
import { FindingList } from "./procedure";
import { useAgreement, useChecks, useDraftChecks, useSaveAgreement } from "./api";
import { DateField } from "../../components/date-field";
import { SignedTextEdit, isSigned } from "./signed-edit";

const STEP_LABELS = [
  "agreement.form.stepBasics",
  "agreement.form.stepParties",
  "agreement.form.stepContent",
  "agreement.form.stepTerm",
] as const;

const STEP_SHORT = [
  "agreement.form.stepShort.basics",
  "agreement.form.stepShort.parties",
  "agreement.form.stepShort.content",
  "agreement.form.stepShort.term",
] as const;

/** One step of the form; the others stay mounted (hidden) so their values and errors survive. */
function StepPanel({ active, index, legend, children }: { active: number; index: number; legend: string; children: ReactNode }) {
  return (
    <Fieldset legend={legend} hidden={active !== index} data-testid={`step-panel-${index}`}>
      {children}
    </Fieldset>
  );
}

/** After the server rejects a save, move keyboard focus to the first field it named. */
function focusFirstError(): void {
  window.setTimeout(() => {
    const el = [...document.querySelectorAll<HTMLElement>('form [aria-invalid="true"]')].find((x) => x.offsetParent !== null);
    if (el) {
      el.focus();
      el.scrollIntoView({ block: "center" });
    } else {
      document.querySelector<HTMLElement>('form [role="alert"]')?.scrollIntoView({ block: "start" });
    }
  }, 50);
}

/** Problems without a field (conflict, rule messages) are shown at the top of the form. */
function scrollToTop(): void {
  window.setTimeout(() => {
    const el = document.querySelector<HTMLElement>('form [role="alert"]');
    el?.scrollIntoView({ block: "start" });
  }, 50);
}

/** Inline partner creation is supplied by the route (features never import each other). */
export type RenderPartnerCreate = (onCreated: (partner: { id: string; name: string }) => void) => ReactNode;

type Prefill = { parent_id?: string; kind?: Kind; category?: Category };

type FormProps = {
  mode: "create" | "edit";
  initial: AgreementFormValues;
  etag?: string;
  id?: string;
  renderPartnerCreate?: RenderPartnerCreate;
  onSaved: (id: string) => void;
  onCancel: () => void;
};

function AgreementForm({ mode, initial, etag, id, renderPartnerCreate, onSaved, onCancel }: FormProps) {
  const { t, i18n } = useTranslation();
  // The public register is the secretariat's decision (agreements:publish); others do not see the box.
  const canPublish = has(useSession().me, "agreements:publish");
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ fields: FieldErrors; general: string[] }>({ fields: {}, general: [] });
  const [conflict, setConflict] = useState(false);
  const [creatingFor, setCreatingFor] = useState<number | null>(null);
  const [active, setActive] = useState(0);

  const clientErrors = validateAgreement(values, mode);
  const err = (name: string): string | undefined => {
    const local = clientErrors[name];
    if (local && (touched[name] || submitted)) return t(local);
    return fieldError(server.fields, name);
  };
  const set = (change: Partial<AgreementFormValues>) => {
    setValues((v) => applyChange(v, change));
    const keys = Object.keys(change);
    setTouched((tch) => ({ ...tch, ...Object.fromEntries(keys.map((k) => [k, true])) }));
    // A field the user edits no longer shows the server's old complaint.
    setServer((s) => ({ ...s, fields: Object.fromEntries(Object.entries(s.fields).filter(([k]) => !keys.some((c) => k === c || k.startsWith(`${c}.`)))) }));
  };
  const allErrors = (): string[] => [
    ...Object.keys(clientErrors).filter((k) => touched[k] || submitted),
    ...Object.keys(server.fields),
  ];
  const stepHasError = (i: number) => allErrors().some((k) => stepOfField(k) === i);
  const goTo = (i: number) => setActive(Math.max(0, Math.min(STEP_LABELS.length - 1, i)));
  const next = () => {
    // Validate the fields of this step before moving on.
    const here = Object.keys(clientErrors).filter((k) => stepOfField(k) === active);
    if (here.length) {
      setTouched((tch) => ({ ...tch, ...Object.fromEntries(here.map((k) => [k, true])) }));
      focusFirstError();
      return;
    }
    goTo(active + 1);
  };
  const setParty = (i: number, change: Partial<PartyValues>) =>
    set({ partners: values.partners.map((p, j) => (j === i ? { ...p, ...change } : p)) });

  const save = useSaveAgreement({
    onSuccess: (saved) => onSaved(saved.id),
    onError: (error) => {
      if (error instanceof ApiError) {
        if (error.status === 412) {
          setConflict(true);
          scrollToTop();
          return;
        }
        const mapped = problemErrors(error.problem, t, i18n.language);
        setServer(mapped);
        // Jump to the step holding the first field the server named.
        const steps = Object.keys(mapped.fields).map(stepOfField).filter((i) => i >= 0);
        if (steps.length) setActive(Math.min(...steps));
        focusFirstError();
      } else {
        setServer({ fields: {}, general: [errorMessage(error, t)] });
      }
    },
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setServer({ fields: {}, general: [] });
    const failing = Object.keys(clientErrors).map(stepOfField).filter((i) => i >= 0);
    if (failing.length > 0) {
      setActive(Math.min(...failing));
      focusFirstError();
      return;
    }
    save.mutate(
      mode === "create"
        ? { mode, body: toCreatePayload(values) }
        : { mode, id: id ?? "", etag: etag ?? "", body: toUpdatePayload(values, initial) },
    );
  };

  const kinds = values.category ? KINDS_BY_CATEGORY[values.category] : [];
  const parentKinds = values.kind ? PARENT_KINDS[values.kind] : null;
  // Field errors the form has no place for are shown at the top.
  const shownFields = new Set([
    "kind", "category", "nature", "parent_id", "number", "title", "object", "scope", "purpose", "lead_opd_id",
    "related_opd_ids", "affair_codes", "parties", "planning_reference", "out_of_plan_reason", "funding_sources",
    "apbd_value", "signed_date", "start_date", "end_date", "kak", "feasibility_study_ref", "clauses", "amendment",
  ]);
  const orphan = Object.entries(server.fields)
    .filter(([k]) => !shownFields.has(k.split(".")[0]))
    .map(([k, m]) => `${k}: ${m}`);

  return (
    <form onSubmit={submit} noValidate data-testid="agreement-form">
      <Stack gap="md">
        {conflict && (
          <Alert color="orange" title={t("agreement.form.conflictTitle")} role="alert" data-testid="conflict">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t("agreement.form.conflict")}</Text>
              <Button size="xs" variant="light" onClick={() => window.location.reload()}>
                {t("common.reload")}
              </Button>
            </Stack>
          </Alert>
        )}
        <GeneralErrors messages={[...server.general, ...orphan]} />

        <Stepper active={active} onStepClick={goTo} size="sm" allowNextStepsSelect data-testid="form-stepper">
          {STEP_LABELS.map((label, i) => (
            <Stepper.Step
              key={label}
              label={t(STEP_SHORT[i])}
              aria-label={t(label)}
              color={stepHasError(i) ? "red" : undefined}
              data-testid={`form-step-${i}`}
            />
          ))}
        </Stepper>
        <StepPanel active={active} index={0} legend={t("agreement.form.stepBasics")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t("agreement.category")}
              required
              disabled={mode === "edit"}
              value={values.category}
              onChange={(v) => set({ category: v as Category | null })}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`enums.category.${c}`) }))}
              error={err("category")}
              data-testid="field-category"
            />
            <Select
              label={t("agreement.kind")}
              required
              disabled={mode === "edit" || !values.category}
              value={values.kind}
              onChange={(v) => set({ kind: v as Kind | null })}
              data={kinds.map((k) => ({ value: k, label: t(`enums.kind.${k}`) }))}
              error={err("kind")}
              data-testid="field-kind"
            />
            {values.category === "KSDD" && (
              <Select
                label={t("agreement.nature")}
                description={t("agreement.form.natureHelp")}
                required
                value={values.nature}
                onChange={(v) => set({ nature: v as Nature | null })}
                data={NATURES.map((n) => ({ value: n, label: t(`enums.nature.${n}`) }))}
                error={err("nature")}
                data-testid="field-nature"
              />
            )}
            {parentKinds && (
              <ParentPicker
                label={t("agreement.parent")}
                description={t("agreement.form.parentHelp")}
                kinds={parentKinds}
                category={values.category}
                required={!!values.kind && PARENT_REQUIRED.includes(values.kind)}
                disabled={mode === "edit"}
                value={values.parent_id}
                onChange={(v) => set({ parent_id: v })}
                error={err("parent_id")}
              />
            )}
            {mode === "create" && (
              <TextInput
                label={t("agreement.number")}
                description={t("agreement.form.numberHelp")}
                value={values.number}
                onChange={(e) => set({ number: e.currentTarget.value })}
                error={err("number")}
                data-testid="field-number"
              />
            )}
          </SimpleGrid>
        </StepPanel>


        <StepPanel active={active} index={1} legend={t("agreement.form.stepParties")}>
          <Stack gap="md">
            <Paper withBorder p="sm">
              <Text fw={600} size="sm" mb="xs">
                {t("agreement.homeRegion")}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
                <TextInput label={t("agreement.signatoryName")} value={values.home.signatory_name} onChange={(e) => set({ home: { ...values.home, signatory_name: e.currentTarget.value } })} />
                <TextInput label={t("agreement.signatoryTitle")} value={values.home.signatory_title} onChange={(e) => set({ home: { ...values.home, signatory_title: e.currentTarget.value } })} />
                <TextInput label={t("agreement.powerOfAttorney")} value={values.home.power_of_attorney_ref} onChange={(e) => set({ home: { ...values.home, power_of_attorney_ref: e.currentTarget.value } })} />
              </SimpleGrid>
            </Paper>
            {values.partners.map((p, i) => (
              <Paper withBorder p="sm" key={i} data-testid={`party-${i}`}>
                <Group justify="space-between" mb="xs">
                  <Text fw={600} size="sm">
                    {t("agreement.form.partyN", { n: i + 2 })}
                  </Text>
                  {values.partners.length > 1 && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      onClick={() => set({ partners: values.partners.filter((_, j) => j !== i) })}
                    >
                      {t("agreement.form.removeParty")}
                    </Button>
                  )}
                </Group>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <Group align="flex-end" gap="xs" wrap="nowrap">
                    <div style={{ flex: 1 }}>
                      <PartnerPicker
                        label={t("agreement.partner")}
                        required
                        value={p.partner_id}
                        valueLabel={p.partner_name}
                        onChange={(partner_id, partner_name) => setParty(i, { partner_id, partner_name })}
                        error={fieldError(server.fields, `parties.${i + 1}`)}
                      />
                    </div>
                    {renderPartnerCreate && (
                      <Button variant="default" onClick={() => setCreatingFor(i)} leftSection={<IconPlus size={14} aria-hidden />}>
                        {t("agreement.form.newPartner")}
                      </Button>
                    )}
                  </Group>
                  <TextInput label={t("agreement.documentNumber")} value={p.document_number} onChange={(e) => setParty(i, { document_number: e.currentTarget.value })} />
                  <TextInput label={t("agreement.signatoryName")} value={p.signatory_name} onChange={(e) => setParty(i, { signatory_name: e.currentTarget.value })} />
                  <TextInput label={t("agreement.signatoryTitle")} value={p.signatory_title} onChange={(e) => setParty(i, { signatory_title: e.currentTarget.value })} />
                </SimpleGrid>
              </Paper>
            ))}
            {err("parties") && (
              <Text c="red.8" size="sm" role="alert">
                {err("parties")}
              </Text>
            )}
            <Button variant="default" onClick={() => set({ partners: [...values.partners, emptyParty()] })} leftSection={<IconPlus size={14} aria-hidden />} w="fit-content">
              {t("agreement.form.addPartner")}
            </Button>
          </Stack>
        </StepPanel>


        <StepPanel active={active} index={2} legend={t("agreement.form.stepContent")}>
          <Stack gap="sm">
            <TextInput
              label={t("agreement.title")}
              required
              value={values.title}
              onChange={(e) => set({ title: e.currentTarget.value })}
              error={err("title")}
              data-testid="field-title"
            />
            <Textarea label={t("agreement.purpose")} autosize minRows={2} value={values.purpose} onChange={(e) => set({ purpose: e.currentTarget.value })} error={err("purpose")} />
            <Textarea label={t("agreement.object")} autosize minRows={2} value={values.object} onChange={(e) => set({ object: e.currentTarget.value })} error={err("object")} />
            <Textarea label={t("agreement.scope")} autosize minRows={2} value={values.scope} onChange={(e) => set({ scope: e.currentTarget.value })} error={err("scope")} />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
              <AffairMultiSelect
                label={t("agreement.affairs")}
                required
                value={values.affair_codes}
                onChange={(v) => set({ affair_codes: v })}
                error={err("affair_codes")}
              />
              <OpdSelect
                label={t("agreement.leadOpd")}
                required
                value={values.lead_opd_id}
                onChange={(v) => set({ lead_opd_id: v })}
                error={err("lead_opd_id")}
              />
              <OpdMultiSelect
                label={t("agreement.relatedOpds")}
                value={values.related_opd_ids}
                onChange={(v) => set({ related_opd_ids: v })}
                error={err("related_opd_ids")}
              />
              <TextInput
                label={t("agreement.planningReference")}
                value={values.planning_reference}
                onChange={(e) => set({ planning_reference: e.currentTarget.value })}
                error={err("planning_reference")}
              />
              <Select
                label={t("agreement.outOfPlanReason")}
                clearable
                value={values.out_of_plan_reason}
                onChange={(v) => set({ out_of_plan_reason: v as OutOfPlanReason | null })}
                data={OUT_OF_PLAN_REASONS.map((r) => ({ value: r, label: t(`enums.outOfPlanReason.${r}`) }))}
                error={err("out_of_plan_reason")}
              />
            </SimpleGrid>
          </Stack>
        </StepPanel>


        <StepPanel active={active} index={3} legend={t("agreement.form.stepTerm")}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <DateField label={t("agreement.signedDate")} value={values.signed_date} onChange={(v) => set({ signed_date: v })} error={err("signed_date")} />
            <DateField label={t("agreement.startDate")} value={values.start_date} onChange={(v) => set({ start_date: v })} error={err("start_date")} data-testid="field-start" />
            <DateField label={t("agreement.endDate")} value={values.end_date} onChange={(v) => set({ end_date: v })} error={err("end_date")} data-testid="field-end" />
            <MultiSelect
              label={t("agreement.fundingSources")}
              value={values.funding_sources}
              onChange={(v) => set({ funding_sources: v as FundingSource[] })}
              data={FUNDING_SOURCES.map((f) => ({ value: f, label: t(`enums.fundingSource.${f}`) }))}
              error={err("funding_sources")}
            />
            <TextInput
              label={t("agreement.apbdValue")}
              inputMode="decimal"
              value={values.apbd_value}
              onChange={(e) => set({ apbd_value: e.currentTarget.value.replace(/[^\d.]/g, "") })}
              error={err("apbd_value")}
            />
          </SimpleGrid>
          <Stack gap="xs" mt="sm">
            <Checkbox label={t("agreement.burdens")} checked={values.burdens_community_and_region} onChange={(e) => set({ burdens_community_and_region: e.currentTarget.checked })} />
            <Checkbox label={t("agreement.budgeted")} checked={values.budgeted_in_current_apbd} onChange={(e) => set({ budgeted_in_current_apbd: e.currentTarget.checked })} />
            {canPublish && (
              <Checkbox label={t("agreement.public")} checked={values.public} onChange={(e) => set({ public: e.currentTarget.checked })} />
            )}
          </Stack>
        </StepPanel>

        <StepPanel active={active} index={3} legend={t("agreement.form.stepProcedure")}>
          <Stack gap="sm">
            {values.kind && OFFER_KINDS.includes(values.kind) && (
              <Checkbox
                label={t("agreement.initiatedByPartner")}
                description={t("agreement.form.initiatedByPartnerHelp")}
                checked={values.initiated_by_partner}
                onChange={(e) => set({ initiated_by_partner: e.currentTarget.checked })}
                error={err("initiated_by_partner")}
                data-testid="field-initiated-by-partner"
              />
            )}
            {declarationsFor(values.category, values.kind, values.initiated_by_partner).length > 0 && (
              <Checkbox.Group
                label={t("agreement.declarations.title")}
                description={t("agreement.declarations.help")}
                value={Object.keys(values.declarations).filter((k) => values.declarations[k])}
                onChange={(checked) => {
                  // Only the boxes shown change; an unticked declaration is removed, not sent as false.
                  const next = { ...values.declarations };
                  for (const k of declarationsFor(values.category, values.kind, values.initiated_by_partner)) {
                    if (checked.includes(k)) next[k] = true;
                    else delete next[k];
                  }
                  set({ declarations: next });
                }}
                error={err("declarations")}
                data-testid="field-declarations"
              >
                <Stack gap={6} mt="xs">
                  {declarationsFor(values.category, values.kind, values.initiated_by_partner).map((d) => (
                    <Checkbox key={d} value={d} label={t(`agreement.declarations.${d}`)} />
                  ))}
                </Stack>
              </Checkbox.Group>
            )}
            {values.category === "KSDPK" && (
              <TextInput
                label={t("agreement.feasibilityStudy")}
                description={t("agreement.form.feasibilityNote")}
                value={values.feasibility_study_ref}
                onChange={(e) => set({ feasibility_study_ref: e.currentTarget.value })}
                error={err("feasibility_study_ref")}
                data-testid="field-feasibility"
              />
            )}
            {values.kind && CLAUSE_KINDS.includes(values.kind) && (
              <Checkbox.Group
                label={t("agreement.clauses")}
                description={t("agreement.form.clausesHelp")}
                value={values.clauses}
                onChange={(v) => set({ clauses: v as Clause[] })}
                error={err("clauses")}
                data-testid="field-clauses"
              >
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing={6} mt="xs">
                  {CLAUSES.map((c) => (
                    <Checkbox key={c} value={c} label={t(`enums.clause.${c}`)} />
                  ))}
                </SimpleGrid>
              </Checkbox.Group>
            )}
            {values.kind === "ADENDUM" && (
              <Paper withBorder p="sm" data-testid="field-amendment">
                <Text fw={600} size="sm">
                  {t("agreement.amendment.title")}
                </Text>
                <Text size="xs" c="dimmed" mb="xs">
                  {t("agreement.amendment.help")}
                </Text>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                  <TextInput label={t("agreement.amendment.newTitle")} value={values.amendment.title} onChange={(e) => set({ amendment: { ...values.amendment, title: e.currentTarget.value } })} error={err("amendment.title")} />
                  <DateField label={t("agreement.amendment.newEndDate")} value={values.amendment.end_date} onChange={(v) => set({ amendment: { ...values.amendment, end_date: v } })} error={err("amendment.end_date")} />
                  <Textarea label={t("agreement.amendment.newObject")} autosize minRows={2} value={values.amendment.object} onChange={(e) => set({ amendment: { ...values.amendment, object: e.currentTarget.value } })} error={err("amendment.object")} />
                  <Textarea label={t("agreement.amendment.newScope")} autosize minRows={2} value={values.amendment.scope} onChange={(e) => set({ amendment: { ...values.amendment, scope: e.currentTarget.value } })} error={err("amendment.scope")} />
                </SimpleGrid>
              </Paper>
            )}
            <Fieldset legend={t("agreement.kak.title")} data-testid="field-kak">
              <Text size="xs" c="dimmed" mb="xs">
                {t("agreement.kak.help")}
              </Text>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {KAK_HEADINGS.map((k) => (
                  <Textarea
                    key={k}
                    label={t(`agreement.kak.${k}`)}
                    autosize
                    minRows={2}
                    value={values.kak[k]}
                    onChange={(e) => set({ kak: { ...values.kak, [k]: e.currentTarget.value } })}
                    error={err(`kak.${k}`)}
                  />
                ))}
              </SimpleGrid>
            </Fieldset>
          </Stack>
        </StepPanel>

        {mode === "create" && <DraftChecks values={values} ready={Object.keys(clientErrors).length === 0} />}

        <Group justify="space-between">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Group gap="xs">
            {active > 0 && (
              <Button variant="default" onClick={() => goTo(active - 1)} data-testid="step-back">
                {t("common.previous")}
              </Button>
            )}
            {active < STEP_LABELS.length - 1 && (
              <Button variant="light" onClick={next} data-testid="step-next">
                {t("common.next")}
              </Button>
            )}
            {(mode === "edit" || submitted || active === STEP_LABELS.length - 1) && (
              <Button type="submit" loading={save.isPending} data-testid="save">
                {t("common.save")}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>

      <Modal opened={creatingFor !== null} onClose={() => setCreatingFor(null)} title={t("partner.newTitle")} size="lg">
        {creatingFor !== null &&
          renderPartnerCreate?.((partner) => {
            if (partner.id) setParty(creatingFor, { partner_id: partner.id, partner_name: partner.name });
            setCreatingFor(null);
          })}
      </Modal>
    </form>
  );
}

/** The server's rule findings for the text as typed (dry run: nothing is saved), debounced. */
function DraftChecks({ values, ready }: { values: AgreementFormValues; ready: boolean }) {
  const { t } = useTranslation();
  const payload = toCreatePayload(values);
  const [debounced] = useDebouncedValue(JSON.stringify(payload), 700);
  const checks = useDraftChecks(debounced, ready);
  if (!ready || !checks.data) return null;
  return (
    <Paper withBorder p="md" data-testid="draft-findings" aria-live="polite">
      <Group gap="xs" mb="xs">
        <Text fw={600} size="sm">
          {t("agreement.checks.draftTitle")}
        </Text>
        {checks.isFetching && <Loader size="xs" aria-label={t("common.loading")} />}
      </Group>
      {checks.data.findings.length === 0 ? (
        <Text size="sm" c="teal.8">
          {t("agreement.checks.draftNone")}
        </Text>
      ) : (
        <FindingList findings={checks.data.findings} />
      )}
    </Paper>
  );
}

/** The rule findings of the saved version, shown while editing so they can be fixed before saving. */
function FormChecks({ id }: { id: string }) {
  const { t } = useTranslation();
  const checks = useChecks(id);
  if (!checks.data?.findings.length) return null;
  return (
    <Paper withBorder p="md" data-testid="form-findings">
      <Text fw={600} size="sm" mb="xs">
        {t("agreement.checks.formTitle")}
      </Text>
      <FindingList findings={checks.data.findings} />
    </Paper>
  );
}

type PageProps = {
  id?: string;
  prefill?: Prefill;
  renderPartnerCreate?: RenderPartnerCreate;
  onSaved: (id: string) => void;
  onCancel: () => void;
  notFound: ReactNode;
};

/** New text (optionally under a parent, pre-filled from it) or an edit of an existing one. */
export function AgreementFormPage({ id, prefill, renderPartnerCreate, onSaved, onCancel, notFound }: PageProps) {
  const { t } = useTranslation();
  const sourceId = id ?? prefill?.parent_id;
  const source = useAgreement(sourceId ?? "", { enabled: !!sourceId, fresh: true });

  const title = <Title order={2}>{id ? t("agreement.editTitle") : t("agreement.newTitle")}</Title>;
  if (sourceId && source.isPending) return <LoadingState />;
  if (sourceId && source.isError) {
    if (source.error instanceof ApiError && source.error.status === 404) return <>{notFound}</>;
    return <ErrorState error={source.error} onRetry={() => void source.refetch()} />;
  }

  let initial: AgreementFormValues;
  if (id && source.data) {
    initial = valuesFromAgreement(source.data.data);
  } else if (source.data) {
    // Under a parent: same category, lead OPD, affairs and partners as the parent.
    const parent = valuesFromAgreement(source.data.data);
    initial = applyChange(emptyAgreementValues(), {
      category: parent.category,
      nature: parent.nature,
      kind: prefill?.kind ?? null,
      parent_id: source.data.data.id,
      lead_opd_id: parent.lead_opd_id,
      related_opd_ids: parent.related_opd_ids,
      affair_codes: parent.affair_codes,
      partners: parent.partners.map((p) => ({ ...p, signatory_name: "", signatory_title: "", document_number: "", power_of_attorney_ref: "" })),
    });
  } else {
    initial = applyChange(emptyAgreementValues(), { category: prefill?.category ?? null, kind: prefill?.kind ?? null });
  }

  if (id && source.data && isSigned(source.data.data)) {
    // R31: a signed text is not edited; offer the adendum, and the few fields that still change.
    return (
      <Stack gap="md">
        {title}
        <SignedTextEdit key={source.data.etag} agreement={source.data.data} etag={source.data.etag} onSaved={onSaved} onCancel={onCancel} />
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      {title}
      {id && <FormChecks id={id} />}
      <AgreementForm
        key={source.data?.etag ?? "new"}
        mode={id ? "edit" : "create"}
        initial={initial}
        etag={source.data?.etag}
        id={id}
        renderPartnerCreate={renderPartnerCreate}
        onSaved={onSaved}
        onCancel={onCancel}
      />
    </Stack>
  );
}
