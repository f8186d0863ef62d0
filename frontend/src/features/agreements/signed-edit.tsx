import { Alert, Button, Checkbox, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { IconFilePlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgreementRead } from "../../api/client";
import { ApiError, fieldError, type FieldErrors } from "../../api/problem";
import { ButtonLink } from "../../components/links";
import { GeneralErrors, errorMessage } from "../../components/page-state";
import { has } from "../../lib/capabilities";
import { problemErrors } from "../../lib/problem-text";
import { useSession } from "../../lib/session";
import { useSaveAgreement } from "./api";
import { PARENT_KINDS } from "./form-rules";

/**
 * The stages in which the text is signed (rules/catalogue.py SIGNED_STAGES): R31 refuses any change
 * but EDITABLE_AFTER_SIGNING there ("public", "planning_reference"); the rest changes through an adendum
 * (Permendagri 22/2020 Pasal 15, 37).
 */
export const SIGNED_STAGES: readonly string[] = ["signed", "dprd_approval", "in_force", "dispute", "ended"];
export const EDITABLE_AFTER_SIGNING = ["public", "planning_reference"] as const;

export function isSigned(a: Pick<AgreementRead, "stage">): boolean {
  return SIGNED_STAGES.includes(a.stage);
}

/** Whether an adendum may be made to this kind of text (an adendum changes a KB, PKS, NK, RK or foreign text). */
export function takesAdendum(a: Pick<AgreementRead, "kind">): boolean {
  return PARENT_KINDS.ADENDUM?.includes(a.kind) ?? false;
}

/** "Ubah" on a signed text: the way to an adendum, and the fields that can still change. */
export function SignedTextEdit({ agreement, etag, onSaved, onCancel }: { agreement: AgreementRead; etag: string; onSaved: (id: string) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const canPublish = has(useSession().me, "agreements:publish");
  const [planning, setPlanning] = useState(agreement.planning_reference ?? "");
  const [pub, setPub] = useState(agreement.public);
  const [server, setServer] = useState<{ fields: FieldErrors; general: string[] }>({ fields: {}, general: [] });
  const save = useSaveAgreement({
    onSuccess: (saved) => onSaved(saved.id),
    onError: (error) =>
      setServer(
        error instanceof ApiError && error.status !== 403 ? problemErrors(error.problem, t, i18n.language) : { fields: {}, general: [errorMessage(error, t)] },
      ),
  });
  const body: { planning_reference?: string | null; public?: boolean } = {};
  if (planning.trim() !== (agreement.planning_reference ?? "")) body.planning_reference = planning.trim() || null;
  if (canPublish && pub !== agreement.public) body.public = pub;
  const changed = Object.keys(body).length > 0;
  const placed = new Set<string>(EDITABLE_AFTER_SIGNING);
  const orphan = Object.entries(server.fields)
    .filter(([k]) => !placed.has(k.split(".")[0]))
    .map(([, m]) => m);

  return (
    <Stack gap="md" data-testid="signed-edit">
      <Alert color="blue" variant="light" title={t("agreement.signedEdit.title")}>
        <Stack gap="xs" align="flex-start">
          <Text size="sm">{t("agreement.signedEdit.intro")}</Text>
          {takesAdendum(agreement) ? (
            <ButtonLink
              to="/agreements/new"
              search={{ parent_id: agreement.id, kind: "ADENDUM", category: agreement.category }}
              leftSection={<IconFilePlus size={16} aria-hidden />}
              data-testid="make-adendum"
            >
              {t("agreement.signedEdit.makeAdendum")}
            </ButtonLink>
          ) : (
            <Text size="sm" c="dimmed" data-testid="no-adendum">
              {t("agreement.signedEdit.viaParent")}
            </Text>
          )}
        </Stack>
      </Alert>
      <form
        noValidate
        data-testid="signed-edit-form"
        onSubmit={(e) => {
          e.preventDefault();
          setServer({ fields: {}, general: [] });
          if (changed) save.mutate({ mode: "edit", id: agreement.id, etag, body });
        }}
      >
        <Paper withBorder p="md">
          <Stack gap="sm">
            <Text fw={600} size="sm">
              {t("agreement.signedEdit.stillEditable")}
            </Text>
            <GeneralErrors messages={[...server.general, ...orphan]} />
            <TextInput
              label={t("agreement.planningReference")}
              value={planning}
              onChange={(e) => setPlanning(e.currentTarget.value)}
              maxLength={2000}
              error={fieldError(server.fields, "planning_reference")}
              data-testid="field-planning-reference"
            />
            {canPublish ? (
              <Checkbox
                label={t("agreement.public")}
                checked={pub}
                onChange={(e) => setPub(e.currentTarget.checked)}
                error={fieldError(server.fields, "public")}
                data-testid="field-public"
              />
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={onCancel}>
                {t("common.cancel")}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!changed} data-testid="save">
                {t("common.save")}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </form>
    </Stack>
  );
}
