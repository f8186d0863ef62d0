import { Alert, Badge, Button, FileInput, Group, Paper, ScrollArea, Stack, Table, Text, Title } from "@mantine/core";
import { IconDownload, IconFileSpreadsheet } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "../../components/page-state";
import { downloadTemplate, useImportAgreements, type ImportReport } from "./api";
import { canCommit } from "./import-rules";

/** Administrator: download the template, upload the filled-in file, read the dry run's report, then import. */
export function ImportPage() {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [templateFailed, setTemplateFailed] = useState(false);
  const upload = useImportAgreements({ onSuccess: (r) => setReport(r) });
  const choose = (f: File | null) => {
    setFile(f);
    setReport(null);
    upload.reset();
  };

  return (
    <Stack gap="md">
      <Title order={2}>{t("imports.title")}</Title>
      <Text size="sm" c="dimmed">
        {t("imports.intro")}
      </Text>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text fw={600}>{t("imports.step1")}</Text>
          <Group>
            <Button
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
              onClick={() => {
                setTemplateFailed(false);
                downloadTemplate().catch(() => setTemplateFailed(true));
              }}
              data-testid="import-template"
            >
              {t("imports.template")}
            </Button>
            {templateFailed && (
              <Text size="sm" c="red.8" role="alert">
                {t("imports.templateFailed")}
              </Text>
            )}
          </Group>
          <Text fw={600}>{t("imports.step2")}</Text>
          <Group align="flex-end">
            <FileInput
              label={t("imports.file")}
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              value={file}
              onChange={choose}
              clearable
              leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
              w={360}
              data-testid="import-file"
            />
            <Button disabled={!file} loading={upload.isPending && upload.variables?.dryRun} onClick={() => file && upload.mutate({ file, dryRun: true })} data-testid="import-check">
              {t("imports.check")}
            </Button>
            <Button
              color="teal"
              disabled={!file || !canCommit(report)}
              loading={upload.isPending && upload.variables?.dryRun === false}
              onClick={() => file && upload.mutate({ file, dryRun: false })}
              data-testid="import-commit"
            >
              {t("imports.commit")}
            </Button>
          </Group>
        </Stack>
      </Paper>
      {upload.isError && (
        <Alert color="red" title={t("imports.refused")} data-testid="import-refused">
          {errorMessage(upload.error, t)}
        </Alert>
      )}
      {report && <ReportView report={report} />}
    </Stack>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="import-report">
      {report.committed ? (
        <Alert color="teal" title={t("imports.done")} data-testid="import-done">
          {t("imports.doneBody", { count: report.rows_valid })}
        </Alert>
      ) : report.rows_invalid > 0 ? (
        <Alert color="red" title={t("imports.invalidTitle")} data-testid="import-invalid">
          {t("imports.invalidBody", { count: report.rows_invalid })}
        </Alert>
      ) : (
        <Alert color="blue" title={t("imports.readyTitle")}>
          {t("imports.readyBody", { count: report.rows_valid })}
        </Alert>
      )}
      <Group gap="xs">
        <Badge variant="light">{t("imports.rowsTotal", { count: report.rows_total })}</Badge>
        <Badge variant="light" color="teal">
          {t("imports.rowsValid", { count: report.rows_valid })}
        </Badge>
        <Badge variant="light" color={report.rows_invalid ? "red" : "gray"}>
          {t("imports.rowsInvalid", { count: report.rows_invalid })}
        </Badge>
        <Badge variant="light" color="grape">
          {t("imports.partnersCreated", { count: report.partners_created })}
        </Badge>
        <Badge variant="light" color="gray">
          {t("imports.partnersMatched", { count: report.partners_matched })}
        </Badge>
      </Group>
      <Paper withBorder>
        <ScrollArea>
          <Table striped verticalSpacing="xs" miw={900}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("imports.row")}</Table.Th>
                <Table.Th>{t("imports.number")}</Table.Th>
                <Table.Th>{t("imports.titleColumn")}</Table.Th>
                <Table.Th>{t("imports.stage")}</Table.Th>
                <Table.Th>{t("imports.partner")}</Table.Th>
                <Table.Th>{t("imports.findingsAndErrors")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.rows.map((r) => (
                <Table.Tr key={r.row} data-testid={`import-row-${r.row}`}>
                  <Table.Td>{r.row}</Table.Td>
                  <Table.Td ff="monospace">{r.number ?? "—"}</Table.Td>
                  <Table.Td>{r.title ?? "—"}</Table.Td>
                  <Table.Td>{r.stage ? t(`enums.stage.${r.stage}`, { defaultValue: r.stage }) : "—"}</Table.Td>
                  <Table.Td>
                    {r.partner ? (
                      <Text size="sm">
                        {r.partner.name}{" "}
                        <Badge size="xs" variant="light" color={r.partner.action === "create" ? "grape" : "gray"}>
                          {t(`imports.partnerAction.${r.partner.action}`)}
                        </Badge>
                      </Text>
                    ) : (
                      "—"
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {r.errors.map((e, i) => (
                        <Text key={`e${i}`} size="sm" c="red.8" data-testid="import-error">
                          {t("imports.errorLine", { column: e.column, header: e.header, rule: e.rule, message: e.message })}
                        </Text>
                      ))}
                      {r.findings.map((f, i) => (
                        <Text key={`f${i}`} size="xs" c={f.severity === "BLOCK" ? "orange.8" : "dimmed"}>
                          {f.rule_id}: {f.message_id}
                        </Text>
                      ))}
                      {r.errors.length === 0 && r.findings.length === 0 && (
                        <Text size="sm" c="dimmed">
                          {t("imports.noFindings")}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
    </Stack>
  );
}
