import { Alert, Button, Checkbox, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, fieldError, type FieldErrors } from "../../api/problem";
import { problemErrors } from "../../lib/problem-text";
import { GeneralErrors, errorMessage } from "../../components/page-state";
import { useCreateWebhook, useUpdateWebhook } from "./api";
import {
  ENTITIES,
  createPayload,
  updatePayload,
  validateWebhook,
  type EventType,
  type Webhook,
  type WebhookCreated,
  type WebhookFormValues,
} from "./webhook-rules";

type Props = {
  initial: WebhookFormValues;
  onCancel: () => void;
} & (
  | { mode: "create"; onCreated: (created: WebhookCreated) => void }
  | { mode: "edit"; id: string; etag: string; onSaved: (saved: Webhook) => void }
);

/** The event types as checkboxes: "*" (everything), then per entity "all", "upsert", "delete". */
function EventTypes({ value, onChange, error }: { value: EventType[]; onChange: (v: EventType[]) => void; error?: string }) {
  const { t } = useTranslation();
  const toggle = (type: EventType, on: boolean) => onChange(on ? [...value, type] : value.filter((v) => v !== type));
  return (
    <Stack gap={6} role="group" aria-labelledby="webhook-event-types-label" data-testid="webhook-event-types">
      <Text size="sm" fw={500} id="webhook-event-types-label">
        {t("webhooks.form.eventTypes")}
      </Text>
      <Text size="xs" c="dimmed">
        {t("webhooks.form.eventTypesHint")}
      </Text>
      <Checkbox label={t("webhooks.events.all")} checked={value.includes("*")} onChange={(e) => toggle("*", e.currentTarget.checked)} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
        {ENTITIES.map((entity) => (
          <Stack key={entity} gap={4}>
            <Text size="sm">{t(`webhooks.entities.${entity}`)}</Text>
            <Group gap="sm">
              {(["*", "upsert", "delete"] as const).map((op) => {
                const type = `${entity}.${op}` as EventType;
                return (
                  <Checkbox
                    key={type}
                    size="xs"
                    label={t(`webhooks.events.${op === "*" ? "any" : op}`)}
                    aria-label={`${t(`webhooks.entities.${entity}`)}: ${t(`webhooks.events.${op === "*" ? "any" : op}`)}`}
                    checked={value.includes(type)}
                    onChange={(e) => toggle(type, e.currentTarget.checked)}
                  />
                );
              })}
            </Group>
          </Stack>
        ))}
      </SimpleGrid>
      {error && (
        <Text size="xs" c="red.8" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** Create or edit a webhook subscription; names the field the server refused (e.g. a private URL). */
export function WebhookForm(props: Props) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState(props.initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const [server, setServer] = useState<{ fields: FieldErrors; general: string[] }>({ fields: {}, general: [] });
  const [conflict, setConflict] = useState(false);

  const local = validateWebhook(values);
  const err = (name: string) => (local[name] && (touched[name] || submitted) ? t(local[name]) : fieldError(server.fields, name));
  const set = (change: Partial<WebhookFormValues>) => {
    setValues((v) => ({ ...v, ...change }));
    setTouched((x) => ({ ...x, ...Object.fromEntries(Object.keys(change).map((k) => [k, true])) }));
  };
  const onError = (error: Error) => {
    if (error instanceof ApiError && error.status === 412) return setConflict(true);
    if (error instanceof ApiError) setServer(problemErrors(error.problem, t, i18n.language));
    else setServer({ fields: {}, general: [errorMessage(error, t)] });
  };
  const create = useCreateWebhook({ onSuccess: (created) => props.mode === "create" && props.onCreated(created), onError });
  const update = useUpdateWebhook(props.mode === "edit" ? props.id : "", props.mode === "edit" ? props.etag : "", {
    onSuccess: (saved) => props.mode === "edit" && props.onSaved(saved),
    onError,
  });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    setServer({ fields: {}, general: [] });
    if (Object.keys(local).length > 0) return;
    if (props.mode === "create") create.mutate(createPayload(values));
    else update.mutate(updatePayload(props.initial, values));
  };

  return (
    <form onSubmit={submit} noValidate data-testid="webhook-form">
      <Stack gap="sm">
        {conflict && (
          <Alert color="orange" role="alert" title={t("agreement.form.conflictTitle")}>
            <Text size="sm">{t("webhooks.form.conflict")}</Text>
          </Alert>
        )}
        <GeneralErrors messages={server.general} />
        <TextInput
          label={t("webhooks.form.url")}
          description={t("webhooks.form.urlHint")}
          placeholder="https://sikd.jabarprov.go.id/hooks/kerjasama"
          required
          value={values.url}
          onChange={(e) => set({ url: e.currentTarget.value })}
          error={err("url")}
          styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
          data-testid="webhook-url"
        />
        <EventTypes value={values.event_types} onChange={(event_types) => set({ event_types })} error={err("event_types")} />
        <Textarea
          label={t("webhooks.form.description")}
          autosize
          minRows={2}
          maxLength={2000}
          value={values.description}
          onChange={(e) => set({ description: e.currentTarget.value })}
          error={err("description")}
        />
        <Checkbox
          label={t("webhooks.form.active")}
          checked={values.is_active}
          onChange={(e) => set({ is_active: e.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="webhook-submit">
            {props.mode === "create" ? t("webhooks.form.create") : t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
