import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { errorMessage } from "../../components/page-state";
import { useRequestSubmission } from "../../components/task-queries";

/**
 * "Minta Kepala OPD mengajukan": an OPD operator, who cannot submit a draft, asks the lead OPD's head
 * to (POST …/submission-requests). The server notifies the head(s) and names the rule when it refuses.
 */
export function AskHeadButton({ agreementId }: { agreementId: string }) {
  const { t } = useTranslation();
  const request = useRequestSubmission(agreementId);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState("");
  const [sent, setSent] = useState<string | null>(null);

  const failure = request.error
    ? request.error instanceof ApiError && request.error.problem.code
      ? t(`serverErrors.${request.error.problem.code}`, { defaultValue: errorMessage(request.error, t) })
      : errorMessage(request.error, t)
    : null;

  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="violet"
        onClick={() => {
          request.reset();
          setSent(null);
          setOpen(true);
        }}
        data-testid="ask-head"
      >
        {t("tasks.askHead.button")}
      </Button>
      {sent && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setSent(null)} data-testid="ask-head-sent">
          {sent}
        </Alert>
      )}
      <Modal opened={open} onClose={() => setOpen(false)} title={t("tasks.askHead.title")} size="lg">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate(message, {
              onSuccess: (data) => {
                setSent(t("tasks.askHead.sent", { names: data.recipients.map((r) => r.full_name).join(", ") }));
                setMessage("");
                setOpen(false);
              },
            });
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{t("tasks.askHead.body")}</Text>
            <Textarea
              label={t("tasks.askHead.message")}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              maxLength={1000}
              autosize
              minRows={2}
              data-testid="ask-head-message"
            />
            {failure && (
              <Alert color="red" role="alert" data-testid="ask-head-error">
                {failure}
              </Alert>
            )}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t("tasks.askHead.cancel")}
              </Button>
              <Button type="submit" loading={request.isPending} data-testid="ask-head-send">
                {t("tasks.askHead.send")}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
