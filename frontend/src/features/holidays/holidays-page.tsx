import { ActionIcon, Alert, Badge, Button, Card, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconTrash } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorState, GeneralErrors, LoadingState } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { formatDate, formatWeekday, todayIso } from "../../lib/format";
import { useAddHoliday, useDeleteHoliday, useHolidays, type Holiday, type HolidayIn } from "./api";
import { DateField } from "../../components/date-field";

const KIND_COLOR: Record<Holiday["kind"], string> = { national: "red", cuti_bersama: "orange", regional: "grape" };

function AddHolidayForm() {
  const { t } = useTranslation();
  const errors = useServerErrors();
  const [form, setForm] = useState<HolidayIn>({ day: "", name: "", kind: "regional" });
  const [done, setDone] = useState<string | null>(null);
  const add = useAddHoliday({
    onSuccess: (h) => {
      errors.clear();
      setForm({ day: "", name: "", kind: "regional" });
      setDone(t("holidays.added", { name: h.name }));
    },
    onError: (e) => {
      setDone(null);
      errors.show(e);
    },
  });
  return (
    <Paper withBorder p="md" data-testid="holiday-form">
      <Title order={3} size="h5" mb="sm">
        {t("holidays.addTitle")}
      </Title>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(form);
        }}
      >
        <Stack gap="sm">
          <GeneralErrors messages={errors.general} />
          {done && (
            <Alert color="teal" variant="light" role="status">
              {done}
            </Alert>
          )}
          <Group align="flex-start" wrap="wrap">
            <DateField label={t("holidays.day")} value={form.day} onChange={(v) => setForm({ ...form, day: v })} error={errors.fields.day} required />
            <TextInput label={t("holidays.name")} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={errors.fields.name} required style={{ flex: "1 1 240px" }} maxLength={200} />
            <Select
              label={t("holidays.kind")}
              value={form.kind}
              onChange={(v) => setForm({ ...form, kind: (v ?? "regional") as HolidayIn["kind"] })}
              data={(["regional", "cuti_bersama"] as const).map((k) => ({ value: k, label: t(`holidays.kinds.${k}`) }))}
              allowDeselect={false}
              error={errors.fields.kind}
            />
          </Group>
          <Group>
            <Button type="submit" loading={add.isPending} disabled={!form.day || form.name.trim().length < 2}>
              {t("holidays.add")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The non-working days that deadlines in working days skip, with what each day is and where it comes from. */
export function HolidaysPage({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const thisYear = Number(todayIso().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const query = useHolidays(year);
  const errors = useServerErrors();
  const remove = useDeleteHoliday({ onError: errors.show, onSuccess: () => errors.clear() });
  const years = [thisYear - 1, thisYear, thisYear + 1].map(String);

  return (
    <Stack gap="md">
      <Card withBorder padding="lg" component="header">
        <Stack gap="xs">
          <Title order={2}>{t("holidays.title")}</Title>
          <Text size="sm">{t("holidays.intro")}</Text>
        </Stack>
      </Card>
      {canManage && <AddHolidayForm />}
      <Paper withBorder p="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <Title order={3} size="h5">
            {t("holidays.listTitle", { year })}
          </Title>
          <Select label={t("holidays.year")} value={String(year)} onChange={(v) => v && setYear(Number(v))} data={years} allowDeselect={false} w={120} />
        </Group>
        <GeneralErrors messages={errors.general} />
        {query.isPending ? (
          <LoadingState />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table striped data-testid="holiday-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("holidays.day")}</Table.Th>
                  <Table.Th>{t("holidays.name")}</Table.Th>
                  <Table.Th>{t("holidays.kind")}</Table.Th>
                  <Table.Th>{t("holidays.source")}</Table.Th>
                  {canManage && <Table.Th aria-label={t("holidays.actions")} />}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.map((h) => (
                  <Table.Tr key={h.day} data-testid={`holiday-${h.day}`}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {formatDate(h.day, lang)}
                      <Text size="xs" c="dimmed">
                        {formatWeekday(h.day, lang)}
                      </Text>
                    </Table.Td>
                    <Table.Td>{h.name}</Table.Td>
                    <Table.Td>
                      <Badge color={KIND_COLOR[h.kind]} variant="light">
                        {t(`holidays.kinds.${h.kind}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`holidays.sources.${h.source}`)}</Text>
                    </Table.Td>
                    {canManage && (
                      <Table.Td>
                        {h.source === "local" && (
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={t("holidays.remove", { name: h.name })}
                            loading={remove.isPending && remove.variables === h.day}
                            onClick={() => remove.mutate(h.day)}
                          >
                            <IconTrash size={16} aria-hidden />
                          </ActionIcon>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
