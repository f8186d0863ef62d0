import { Button, Group, PasswordInput, Select, Stack, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldError } from "../../api/problem";
import { GeneralErrors } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { useAllOpds, useCreateUser, useUpdateUser } from "./api";
import {
  userRoles,
  createPayload,
  emptyUserValues,
  updatePayload,
  userValues,
  validateUser,
  type Role,
  type User,
  type UserFormValues,
} from "./user-rules";

type Props = { onCancel: () => void } & (
  | { mode: "create"; onCreated: (created: User) => void }
  | { mode: "edit"; user: User; onSaved: (saved: User) => void }
);

/** Create an account, or change its name, e-mail, role and OPD; names the field the server refused. */
export function UserForm(props: Props) {
  const { t } = useTranslation();
  const initial = props.mode === "create" ? emptyUserValues() : userValues(props.user);
  const [values, setValues] = useState<UserFormValues>(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const server = useServerErrors();
  const opds = useAllOpds();

  const local = validateUser(values, props.mode);
  const err = (name: string) => (local[name] && (touched[name] || submitted) ? t(local[name]) : fieldError(server.fields, name));
  const set = (change: Partial<UserFormValues>) => {
    setValues((v) => ({ ...v, ...change }));
    setTouched((x) => ({ ...x, ...Object.fromEntries(Object.keys(change).map((k) => [k, true])) }));
  };
  const create = useCreateUser({ onSuccess: (u) => props.mode === "create" && props.onCreated(u), onError: server.show });
  const update = useUpdateUser({ onSuccess: (u) => props.mode === "edit" && props.onSaved(u), onError: server.show });

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    server.clear();
    if (Object.keys(local).length > 0) return;
    if (props.mode === "create") create.mutate(createPayload(values));
    else {
      const body = updatePayload(initial, values);
      if (Object.keys(body).length === 0) props.onCancel();
      else update.mutate({ user: props.user, body });
    }
  };
  const opdOptions = (opds.data ?? []).map((o) => ({
    value: o.id,
    label: o.is_active ? `${o.abbreviation} — ${o.name}` : `${o.abbreviation} — ${o.name} (${t("opds.inactive")})`,
  }));

  return (
    <form onSubmit={submit} noValidate data-testid="user-form">
      <Stack gap="sm">
        <GeneralErrors messages={server.general} />
        {props.mode === "create" && (
          <>
            <TextInput
              label={t("users.username")}
              description={t("users.form.usernameHint")}
              required
              maxLength={80}
              autoComplete="off"
              value={values.username}
              onChange={(e) => set({ username: e.currentTarget.value.toLowerCase() })}
              error={err("username")}
              data-testid="user-username"
            />
            <PasswordInput
              label={t("users.form.password")}
              description={t("users.form.passwordHint")}
              required
              maxLength={200}
              autoComplete="new-password"
              value={values.password}
              onChange={(e) => set({ password: e.currentTarget.value })}
              error={err("password")}
              data-testid="user-password"
            />
          </>
        )}
        <TextInput
          label={t("users.fullName")}
          maxLength={200}
          value={values.full_name}
          onChange={(e) => set({ full_name: e.currentTarget.value })}
          error={err("full_name")}
          data-testid="user-full-name"
        />
        <TextInput
          label={t("users.email")}
          type="email"
          maxLength={200}
          value={values.email}
          onChange={(e) => set({ email: e.currentTarget.value })}
          error={err("email")}
          data-testid="user-email"
        />
        <Select
          label={t("users.role")}
          required
          allowDeselect={false}
          value={values.role}
          onChange={(v) => set({ role: v as Role | null })}
          data={userRoles().map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          error={err("role")}
          comboboxProps={{ withinPortal: true }}
          data-testid="user-role"
        />
        <Select
          label={t("users.opd")}
          description={t("users.form.opdHint")}
          clearable
          searchable
          value={values.opd_id}
          onChange={(v) => set({ opd_id: v })}
          data={opdOptions}
          error={err("opd_id")}
          comboboxProps={{ withinPortal: true }}
          data-testid="user-opd"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="user-submit">
            {props.mode === "create" ? t("users.form.create") : t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Set a new password for an account (its sessions end: the server revokes its refresh tokens). */
export function PasswordResetForm({ user, onDone, onCancel }: { user: User; onDone: (u: User) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [password, setPassword] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const server = useServerErrors();
  const update = useUpdateUser({ onSuccess: onDone, onError: server.show });
  const local = validateUser({ ...emptyUserValues(), username: user.username, password, role: user.role }, "create").password;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    server.clear();
    if (!local) update.mutate({ user, body: { password } });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="user-password-form">
      <Stack gap="sm">
        <GeneralErrors messages={server.general} />
        <PasswordInput
          label={t("users.form.newPassword")}
          description={t("users.form.resetHint")}
          required
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={(submitted && local ? t(local) : undefined) ?? fieldError(server.fields, "password")}
          data-testid="user-new-password"
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" color="orange" loading={update.isPending} data-testid="user-password-submit">
            {t("users.resetConfirm")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
