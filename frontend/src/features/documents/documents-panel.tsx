import { ActionIcon, Badge, Button, Checkbox, FileInput, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { IconDownload, IconLock, IconShare, IconTrash, IconUpload, IconWorld } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useAgreementDocuments, type DocumentRead } from "../../components/document-queries";
import { EmptyState, ErrorState, GeneralErrors, LoadingState, errorMessage } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import { formatDate, formatDateTime, todayIso } from "../../lib/format";
import { has } from "../../lib/capabilities";
import { useSession } from "../../lib/session";
import { useDeleteDocument, useDownloadDocument, usePublishDocument, useShareDocument, useUploadDocument } from "./api";
import { ACCEPT, DOC_TYPES, formatSize, shortSha, uploadProblems, type DocType } from "./document-rules";
import { DateField } from "../../components/date-field";

function UploadForm({ agreementId, onDone }: { agreementId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [type, setType] = useState<DocType | null>(null);
  const [title, setTitle] = useState("");
  const [date, setDate] = useState(todayIso());
  const [file, setFile] = useState<File | null>(null);
  const [shared, setShared] = useState(false);
  const [touched, setTouched] = useState(false);
  const errors = useServerErrors();
  const problems = uploadProblems({ file, title, date, type });
  const upload = useUploadDocument(agreementId, {
    onSuccess: () => onDone(),
    onError: errors.show,
  });
  const local = (name: string) => (touched && problems.includes(name) ? t("common.fieldRequired") : undefined);
  return (
    <form
      noValidate
      data-testid="document-form"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        errors.clear();
        if (problems.length === 0) upload.mutate({ doc_type: type as DocType, title: title.trim(), doc_date: date, file: file as File, shared });
      }}
    >
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <GeneralErrors messages={errors.general} />
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
            <Select
              label={t("documents.type")}
              data={DOC_TYPES.map((d) => ({ value: d, label: t(`enums.docType.${d}`) }))}
              value={type}
              onChange={(v) => setType(v as DocType | null)}
              required
              error={errors.fields.doc_type ?? local("doc_type")}
            />
            <TextInput
              label={t("documents.title")}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              maxLength={300}
              required
              error={errors.fields.title ?? local("title")}
            />
            <DateField
              label={t("documents.date")}
              value={date}
              onChange={setDate}
              required
              error={errors.fields.doc_date ?? local("doc_date")}
            />
          </SimpleGrid>
          <FileInput
            label={t("documents.file")}
            description={t("documents.fileHint")}
            placeholder={t("documents.choose")}
            accept={ACCEPT}
            value={file}
            onChange={setFile}
            clearable
            required
            leftSection={<IconUpload size={16} aria-hidden />}
            error={errors.fields.file ?? (touched && problems.includes("file_empty") ? t("documents.emptyFile") : local("file"))}
            data-testid="document-file"
          />
          <Checkbox
            label={t("documents.shareWithProvince")}
            description={t("documents.shareHint")}
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
            data-testid="document-shared"
          />
          <Group justify="flex-end">
            <Button variant="default" size="xs" onClick={onDone}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" size="xs" loading={upload.isPending} data-testid="document-upload">
              {t("documents.upload")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

function DocumentActions({ doc, agreementId, canWrite }: { doc: DocumentRead; agreementId: string; canWrite: boolean }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = useDownloadDocument(doc, { onError: (e) => setError(errorMessage(e, t)) });
  const share = useShareDocument(agreementId, doc, { onError: (e) => setError(errorMessage(e, t)) });
  const publish = usePublishDocument(agreementId, doc, { onError: (e) => setError(errorMessage(e, t)) });
  const canPublish = has(useSession().me, "documents:publish");
  const remove = useDeleteDocument(agreementId, doc, {
    onError: (e) => {
      setConfirming(false);
      setError(errorMessage(e, t));
    },
  });
  return (
    <Stack gap={4} align="flex-end">
      <Group gap={4} wrap="nowrap">
        <Tooltip label={t("documents.download")}>
          <ActionIcon
            variant="light"
            aria-label={t("documents.downloadNamed", { title: doc.title })}
            loading={download.isPending}
            onClick={() => {
              setError(null);
              download.mutate();
            }}
            data-testid="document-download"
          >
            <IconDownload size={16} aria-hidden />
          </ActionIcon>
        </Tooltip>
        {canWrite && (
          <Tooltip label={doc.shared ? t("documents.unshare") : t("documents.share")}>
            <ActionIcon
              variant={doc.shared ? "filled" : "light"}
              color="teal"
              aria-pressed={doc.shared}
              aria-label={t(doc.shared ? "documents.unshareNamed" : "documents.shareNamed", { title: doc.title })}
              loading={share.isPending}
              onClick={() => {
                setError(null);
                share.mutate(!doc.shared);
              }}
              data-testid="document-share"
            >
              <IconShare size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
        {canPublish && (
          <Tooltip label={doc.public ? t("documents.unpublish") : t("documents.publish")}>
            <ActionIcon
              variant={doc.public ? "filled" : "light"}
              color="blue"
              aria-pressed={doc.public}
              aria-label={t(doc.public ? "documents.unpublishNamed" : "documents.publishNamed", { title: doc.title })}
              loading={publish.isPending}
              onClick={() => {
                setError(null);
                publish.mutate(!doc.public);
              }}
              data-testid="document-publish"
            >
              <IconWorld size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
        {canWrite && !doc.locked && !confirming && (
          <Tooltip label={t("documents.delete")}>
            <ActionIcon
              variant="light"
              color="red"
              aria-label={t("documents.deleteNamed", { title: doc.title })}
              onClick={() => setConfirming(true)}
              data-testid="document-delete"
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        )}
        {confirming && (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-xs" variant="default" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
            <Button size="compact-xs" color="red" loading={remove.isPending} onClick={() => remove.mutate()} data-testid="document-delete-confirm">
              {t("documents.confirmDelete")}
            </Button>
          </Group>
        )}
      </Group>
      {error && (
        <Text size="xs" c="red.8" role="alert" maw={220} ta="right">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** The agreement's files: list, upload, download (with the bearer), delete when not locked. */
export function DocumentsPanel({ agreementId, canWrite }: { agreementId: string; canWrite: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const docs = useAgreementDocuments(agreementId);
  const [open, setOpen] = useState(false);
  const form = canWrite ? (
    open ? (
      <UploadForm agreementId={agreementId} onDone={() => setOpen(false)} />
    ) : (
      <Group>
        <Button size="xs" variant="light" leftSection={<IconUpload size={14} aria-hidden />} onClick={() => setOpen(true)} data-testid="document-add">
          {t("documents.add")}
        </Button>
      </Group>
    )
  ) : null;
  if (docs.isPending) return <LoadingState />;
  if (docs.isError) return <ErrorState error={docs.error} onRetry={() => void docs.refetch()} />;
  return (
    <Stack gap="sm">
      {form}
      {docs.data.length === 0 ? (
        <EmptyState title={t("documents.empty")} hint={canWrite ? t("documents.emptyHint") : undefined} />
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="xs" fz="sm" data-testid="documents">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("documents.title")}</Table.Th>
                  <Table.Th>{t("documents.type")}</Table.Th>
                  <Table.Th>{t("documents.date")}</Table.Th>
                  <Table.Th>{t("documents.size")}</Table.Th>
                  <Table.Th>{t("documents.uploader")}</Table.Th>
                  <Table.Th>SHA-256</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {docs.data.map((d) => (
                  <Table.Tr key={d.id} data-testid="document-row">
                    <Table.Td maw={280}>
                      <Text size="sm" fw={500}>
                        {d.title}
                      </Text>
                      <Text size="xs" c="dimmed" truncate title={d.original_filename}>
                        {d.original_filename}
                      </Text>
                      {d.shared && (
                        <Badge size="xs" color="teal" variant="light" mt={2} mr={4} data-testid="document-shared-badge">
                          {t("documents.sharedBadge")}
                        </Badge>
                      )}
                      {d.public && (
                        <Badge size="xs" color="blue" variant="light" mt={2} mr={4} data-testid="document-public-badge">
                          {t("documents.publicBadge")}
                        </Badge>
                      )}
                      {d.locked && (
                        <Tooltip label={t(`documents.lockedReason.${d.locked_reason ?? "signed_text"}`)}>
                          <Badge size="xs" color="orange" variant="light" leftSection={<IconLock size={10} aria-hidden />} mt={2} data-testid="document-locked">
                            {t("documents.locked")}
                          </Badge>
                        </Tooltip>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`enums.docType.${d.doc_type}`)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatDate(d.doc_date, lang)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{formatSize(d.size_bytes, lang)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.uploaded_by_username ?? t("common.none")}</Text>
                      <Text size="xs" c="dimmed">
                        {formatDateTime(d.uploaded_at, lang)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" title={d.sha256}>
                        {shortSha(d.sha256)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <DocumentActions doc={d} agreementId={agreementId} canWrite={canWrite} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </Stack>
  );
}
