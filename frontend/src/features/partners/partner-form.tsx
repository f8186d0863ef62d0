import { AnchorLink } from "../../components/links";
import { Alert, Anchor, Button, Checkbox, Group, List, Paper, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PartnerRead } from "../../api/client";
import { ApiError, fieldError, type DuplicateRef, type FieldErrors } from "../../api/problem";
import { problemErrors } from "../../lib/problem-text";
import { GeneralErrors, errorMessage } from "../../components/page-state";
import { RegionSelect } from "../../components/reference-pickers";
import { useSavePartner } from "./api";
import {
  BUSINESS_FORMS_BY_KIND,
  PARTNER_TYPES,
  THIRD_PARTY_KINDS,
  partnerCreatePayload,
  partnerPayload,
  validatePartner,
  type BusinessForm,
  type ContactValues,
  type PartnerFormValues,
  type PartnerType,
  type ThirdPartyKind,
} from "./partner-rules";

type Props = {
  mode: "create" | "edit";
  initial: PartnerFormValues;
  id?: string;
  etag?: string;
  /** Compact: inside the agreement form's modal (no contacts, "use existing" links pick instead of navigate). */
  compact?: boolean;
  onSaved: (partner: PartnerRead) => void;
  onUseExisting?: (ref: DuplicateRef) => void;
  onCancel: () => void;
};

export function PartnerForm({ mode, initial, id, etag, compact, onSaved, onUseExisting, onCancel }: Props) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ fields: FieldErrors; general: string[] }>({ fields: {}, general: [] });
  const [duplicates, setDuplicates] = useState<DuplicateRef[] | null>(null);
  const [conflict, setConflict] = useState(false);

  const local = validatePartner(values);
  const err = (name: string) => {
    if (local[name] && (touched[name] || submitted)) return t(local[name]);
    return fieldError(server.fields, name);
  };
  /** Change values; only the fields the user edited count as touched (`untouched` are reset as a side effect). */
  const set = (change: Partial<PartnerFormValues>, untouched: readonly string[] = []) => {
    setValues((v) => ({ ...v, ...change }));
    setTouched((x) => ({ ...x, ...Object.fromEntries(Object.keys(change).filter((k) => !untouched.includes(k)).map((k) => [k, true])) }));
  };
  const setContact = (i: number, change: Partial<ContactValues>) =>
    set({ contacts: values.contacts.map((c, j) => (j === i ? { ...c, ...change } : c)) });

  const save = useSavePartner({
    onSuccess: (saved) => onSaved(saved),
    onError: (error) => {
      if (error instanceof ApiError) {
        if (error.status === 412) return setConflict(true);
        if (error.status === 409 && error.problem.code === "partner_duplicate" && error.problem.duplicates?.length) {
          return setDuplicates(error.problem.duplicates);
        }
        setServer(problemErrors(error.problem, t, i18n.language));
      } else {
        setServer({ fields: {}, general: [errorMessage(error, t)] });
      }
    },
  });

  const submit = (e: React.FormEvent, force = false) => {
    e.preventDefault();
    // Inside the agreement form's modal the submit would bubble (through the portal) to the outer form.
    e.stopPropagation();
    setSubmitted(true);
    setServer({ fields: {}, general: [] });
    if (Object.keys(local).length > 0) return;
    setDuplicates(null);
    save.mutate(
      mode === "create"
        ? { mode, body: partnerCreatePayload(values), force }
        : { mode, id: id ?? "", etag: etag ?? "", body: partnerPayload(values) },
    );
  };

  const forms = values.third_party_kind ? BUSINESS_FORMS_BY_KIND[values.third_party_kind] : [];
  const foreign = values.type === "FOREIGN_GOVERNMENT" || values.type === "FOREIGN_INSTITUTION";

  return (
    <form onSubmit={(e) => submit(e)} noValidate data-testid="partner-form">
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" role="alert" title={t("agreement.form.conflictTitle")}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t("agreement.form.conflict")}</Text>
              <Button size="xs" variant="light" onClick={() => window.location.reload()}>
                {t("common.reload")}
              </Button>
            </Stack>
          </Alert>
        )}
        {duplicates && (
          <Alert color="yellow" title={t("partner.duplicateTitle")} role="alert" data-testid="duplicates">
            <Stack gap="xs">
              <Text size="sm">{t("partner.duplicateBody")}</Text>
              <List size="sm">
                {duplicates.map((d) => (
                  <List.Item key={d.id}>
                    {onUseExisting ? (
                      <Anchor component="button" type="button" onClick={() => onUseExisting(d)}>
                        {d.name}
                      </Anchor>
                    ) : (
                      <AnchorLink to="/partners/$id" params={{ id: d.id }}>
                        {d.name}
                      </AnchorLink>
                    )}{" "}
                    <Text span size="xs" c="dimmed">
                      ({t("partner.matchedOn", { field: d.matched_on })})
                    </Text>
                  </List.Item>
                ))}
              </List>
              <Button size="xs" variant="default" w="fit-content" onClick={(e) => submit(e, true)} data-testid="create-anyway">
                {t("partner.createAnyway")}
              </Button>
            </Stack>
          </Alert>
        )}
        <GeneralErrors messages={server.general} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t("partner.type")}
            required
            disabled={mode === "edit"}
            value={values.type}
            allowDeselect={false}
            onChange={(v) => set({ type: (v ?? "REGION") as PartnerType })}
            data={PARTNER_TYPES.map((p) => ({ value: p, label: t(`enums.partnerType.${p}`) }))}
            data-testid="partner-type"
          />
          <TextInput
            label={t("partner.name")}
            required={values.type !== "REGION"}
            description={values.type === "REGION" ? t("partner.nameRegionDefault") : undefined}
            value={values.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={err("name")}
            data-testid="partner-name"
          />
          {values.type === "REGION" && (
            <RegionSelect label={t("partner.region")} required value={values.region_code} onChange={(v) => set({ region_code: v })} error={err("region_code")} />
          )}
          {values.type === "THIRD_PARTY" && (
            <>
              <Select
                label={t("partner.thirdPartyKind")}
                required
                value={values.third_party_kind}
                onChange={(v) => set({ third_party_kind: v as ThirdPartyKind | null, business_form: null }, ["business_form"])}
                data={THIRD_PARTY_KINDS.map((k) => ({ value: k, label: t(`enums.thirdPartyKind.${k}`) }))}
                error={err("third_party_kind")}
              />
              {forms.length > 0 && (
                <Select
                  label={t("partner.businessForm")}
                  required
                  value={values.business_form}
                  onChange={(v) => set({ business_form: v as BusinessForm | null })}
                  data={forms.map((f) => ({ value: f, label: t(`enums.businessForm.${f}`) }))}
                  error={err("business_form")}
                />
              )}
              <TextInput label={t("partner.nib")} description={t("partner.nibHelp")} inputMode="numeric" value={values.nib} onChange={(e) => set({ nib: e.currentTarget.value })} error={err("nib")} />
              <TextInput label={t("partner.npwp")} description={t("partner.npwpHelp")} value={values.npwp} onChange={(e) => set({ npwp: e.currentTarget.value })} error={err("npwp")} />
              <Checkbox mt="lg" label={t("partner.bankrupt")} checked={values.is_bankrupt} onChange={(e) => set({ is_bankrupt: e.currentTarget.checked })} />
            </>
          )}
          {foreign && (
            <TextInput label={t("partner.country")} required maxLength={2} value={values.country_code} onChange={(e) => set({ country_code: e.currentTarget.value.toUpperCase() })} error={err("country_code")} />
          )}
        </SimpleGrid>
        <Textarea label={t("partner.address")} autosize minRows={2} value={values.address} onChange={(e) => set({ address: e.currentTarget.value })} error={err("address")} />
        {!compact && (
          <>
            <Textarea label={t("partner.notes")} autosize minRows={2} value={values.notes} onChange={(e) => set({ notes: e.currentTarget.value })} />
            <Text fw={600} size="sm">
              {t("partner.contacts")}
            </Text>
            {values.contacts.map((c, i) => (
              <Paper withBorder p="sm" key={i}>
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <TextInput label={t("partner.contactName")} required value={c.name} onChange={(e) => setContact(i, { name: e.currentTarget.value })} error={err(`contacts.${i}.name`)} />
                  <TextInput label={t("partner.contactTitle")} value={c.title} onChange={(e) => setContact(i, { title: e.currentTarget.value })} error={err(`contacts.${i}.title`)} />
                  <TextInput label={t("partner.contactEmail")} type="email" value={c.email} onChange={(e) => setContact(i, { email: e.currentTarget.value })} error={err(`contacts.${i}.email`)} />
                  <TextInput label={t("partner.contactPhone")} type="tel" value={c.phone} onChange={(e) => setContact(i, { phone: e.currentTarget.value })} error={err(`contacts.${i}.phone`)} />
                </SimpleGrid>
                <Button mt="xs" size="xs" variant="subtle" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={() => set({ contacts: values.contacts.filter((_, j) => j !== i) })}>
                  {t("partner.removeContact")}
                </Button>
              </Paper>
            ))}
            <Button variant="default" w="fit-content" leftSection={<IconPlus size={14} aria-hidden />} onClick={() => set({ contacts: [...values.contacts, { name: "", title: "", email: "", phone: "" }] })}>
              {t("partner.addContact")}
            </Button>
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="partner-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
