import { Button, Group, Paper, SimpleGrid, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, GeneralErrors, LoadingState } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { formatDate, todayIso } from "../../lib/format";
import { useAddForceMajeure, useForceMajeure } from "./api";
import { DateField } from "../../components/date-field";

/** Recorded force-majeure events: an occurrence can be suspended only against one of these. */
export function ForceMajeurePanel({ agreementId, canWrite }: { agreementId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const events = useForceMajeure(agreementId);
  const [open, setOpen] = useState(false);
  const [description, setDescription] = useState("");
  const [start, setStart] = useState(todayIso());
  const [end, setEnd] = useState("");
  const errors = useServerErrors();
  const add = useAddForceMajeure(agreementId, {
    onSuccess: () => {
      setOpen(false);
      setDescription("");
    },
    onError: errors.show,
  });
  return (
    <Paper withBorder p="md" data-testid="force-majeure">
      <Title order={3} size="h5" mb="xs">
        {t("obligations.forceMajeure")}
      </Title>
      {events.isPending ? (
        <LoadingState />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("obligations.noEvents")}
        </Text>
      ) : (
        <Stack gap={4}>
          {events.data.map((ev) => (
            <Text size="sm" key={ev.id}>
              <Text span fw={600}>
                {formatDate(ev.start_date, lang)} – {ev.end_date ? formatDate(ev.end_date, lang) : t("obligations.ongoing")}
              </Text>
              {" · "}
              {ev.description}
            </Text>
          ))}
        </Stack>
      )}
      {canWrite &&
        (open ? (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              errors.clear();
              add.mutate({ description: description.trim(), start_date: start, end_date: end || null });
            }}
          >
            <Stack gap="xs" mt="sm">
              <GeneralErrors messages={errors.general} />
              <Textarea label={t("obligations.eventDescription")} value={description} onChange={(e) => setDescription(e.currentTarget.value)} required autosize minRows={2} error={errors.fields.description} />
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <DateField label={t("obligations.eventStart")} value={start} onChange={setStart} required error={errors.fields.start_date} />
                <DateField label={t("obligations.eventEnd")} value={end} onChange={setEnd} error={errors.fields.end_date} />
              </SimpleGrid>
              <Group justify="flex-end">
                <Button variant="default" size="xs" onClick={() => setOpen(false)}>
                  {t("common.cancel")}
                </Button>
                <Button type="submit" size="xs" loading={add.isPending} disabled={description.trim().length < 3}>
                  {t("common.save")}
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Button size="xs" variant="subtle" mt="xs" px={0} onClick={() => setOpen(true)} data-testid="force-majeure-add">
            {t("obligations.addEvent")}
          </Button>
        ))}
    </Paper>
  );
}
