import { Button, Checkbox, Group, Radio, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldError } from "../../api/problem";
import { GeneralErrors } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { useCreateServiceAccount, useUpdateServiceAccount } from "./api";
import {
  SCOPES,
  SERVICE_ROLES,
  createPayload,
  serviceAccountValues,
  updatePayload,
  validateServiceAccount,
  type Scope,
  type ServiceAccount,
  type ServiceAccountFormValues,
  type ServiceAccountWithSecret,
  type ServiceRole,
} from "./service-account-rules";

type Props = { onCancel: () => void } & (
  | { mode: "create"; initial: ServiceAccountFormValues; onCreated: (created: ServiceAccountWithSecret) => void }
  | { mode: "edit"; account: ServiceAccount; onSaved: (saved: ServiceAccount) => void }
);

/** Create a service account, or rename it and change its scopes; names the field the server refused. */
export function ServiceAccountForm(props: Props) {
  const { t } = useTranslation();
  const initial = props.mode === "create" ? props.initial : serviceAccountValues(props.account);
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const server = useServerErrors();

  const local = validateServiceAccount(values);
  const err = (name: string) => (local[name] && (touched[name] || submitted) ? t(local[name]) : fieldError(server.fields, name));
  const set = (change: Partial<ServiceAccountFormValues>) => {
    setValues((v) => ({ ...v, ...change }));
    setTouched((x) => ({ ...x, ...Object.fromEntries(Object.keys(change).map((k) => [k, true])) }));
  };
  const create = useCreateServiceAccount({ onSuccess: (c) => props.mode === "create" && props.onCreated(c), onError: server.show });
  const update = useUpdateServiceAccount({ onSuccess: (s) => props.mode === "edit" && props.onSaved(s), onError: server.show });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    server.clear();
    if (Object.keys(local).length > 0) return;
    if (props.mode === "create") create.mutate(createPayload(values));
    else {
      const body = updatePayload(initial, values);
      if (Object.keys(body).length === 0) props.onCancel();
      else update.mutate({ account: props.account, body });
    }
  };
  const scopesError = err("scopes");

  return (
    <form onSubmit={submit} noValidate data-testid="service-account-form">
      <Stack gap="sm">
        <GeneralErrors messages={server.general} />
        <TextInput
          label={t("serviceAccounts.form.name")}
          description={t("serviceAccounts.form.nameHint")}
          required
          maxLength={200}
          value={values.name}
          onChange={(e) => set({ name: e.currentTarget.value })}
          error={err("name")}
          data-testid="service-account-name"
        />
        <Textarea
          label={t("serviceAccounts.form.description")}
          description={t("serviceAccounts.form.descriptionHint")}
          autosize
          minRows={2}
          maxLength={2000}
          value={values.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
          error={err("description")}
        />
        {props.mode === "create" ? (
          <Radio.Group
            label={t("serviceAccounts.role")}
            description={t("serviceAccounts.form.roleHint")}
            required
            value={values.role}
            onChange={(v) => set({ role: v as ServiceRole })}
            error={err("role")}
          >
            <Stack gap={6} mt={6}>
              {SERVICE_ROLES.map((r) => (
                <Radio key={r} value={r} label={t(`serviceAccounts.roles.${r}`)} description={t(`serviceAccounts.roleHints.${r}`)} data-testid={`service-account-role-${r}`} />
              ))}
            </Stack>
          </Radio.Group>
        ) : (
          <Text size="sm">
            {t("serviceAccounts.role")}: <b>{t(`serviceAccounts.roles.${values.role}`)}</b> — {t("serviceAccounts.form.roleFixed")}
          </Text>
        )}
        <Checkbox.Group
          label={t("serviceAccounts.scopes")}
          required
          value={values.scopes}
          onChange={(v) => set({ scopes: v as Scope[] })}
          error={scopesError}
        >
          <Stack gap={6} mt={6}>
            {SCOPES.map((s) => (
              <Checkbox key={s} value={s} label={t(`serviceAccounts.scopeNames.${s}`)} description={t(`serviceAccounts.scopeHints.${s}`)} data-testid={`service-account-scope-${s}`} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="service-account-submit">
            {props.mode === "create" ? t("serviceAccounts.form.create") : t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
