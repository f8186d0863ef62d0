import { DateField } from "./date-field";
import { Alert, Collapse, FileInput, Paper, Select, SimpleGrid, Stack, Text, TextInput, UnstyledButton } from "@mantine/core";
import { IconChevronDown, IconChevronRight, IconUpload } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, type FieldErrors } from "../api/problem";
import { todayIso } from "../lib/format";
import { problemErrors } from "../lib/problem-text";
import { useOptionalMe } from "../lib/session";
import { DocumentPicker } from "./document-picker";
import { useUploadDocument } from "./document-queries";
import { ACCEPT, DOC_TYPES, formatSize, titleFromFile, uploadProblems, type DocType } from "./document-rules";
import { errorMessage } from "./page-state";

export type PendingUpload = { file: File | null; doc_type: DocType | null; title: string; doc_date: string };

const DEFAULT_MAX_MB = 20;

/**
 * Evidence for a form: documents picked among the agreement's uploads, plus at most one new file
 * chosen in the same form. `resolve()` uploads that file (the documents API, its rules) and answers
 * the ids to send, or null when the upload failed; its errors are shown on the upload's fields. The
 * uploaded document joins the picked ones, so a retry after a refused save does not upload it twice.
 */
export function useDocumentAttach(agreementId: string, defaultType: DocType, initial: string[] = []) {
  const { t, i18n } = useTranslation();
  const maxMb = useOptionalMe()?.max_upload_mb ?? DEFAULT_MAX_MB;
  const fresh = (): PendingUpload => ({ file: null, doc_type: defaultType, title: "", doc_date: todayIso() });
  const [ids, setIds] = useState<string[]>(initial);
  const [upload, setUpload] = useState<PendingUpload>(fresh);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const mutation = useUploadDocument(agreementId);

  const local = (problems: string[]): FieldErrors => {
    const out: FieldErrors = {};
    for (const p of problems) {
      if (p === "file_empty") out.file = t("documents.emptyFile");
      else if (p === "file_too_large") out.file = t("documents.tooLarge", { mb: maxMb });
      else out[p] = t("common.fieldRequired");
    }
    return out;
  };

  const resolve = async (): Promise<string[] | null> => {
    setErrors({});
    setGeneral([]);
    const { file, doc_type, title, doc_date } = upload;
    if (!file) return ids;
    const problems = uploadProblems({ file, title, date: doc_date, type: doc_type, maxBytes: maxMb * 1024 * 1024 });
    if (problems.length) {
      setErrors(local(problems));
      return null;
    }
    try {
      const doc = await mutation.mutateAsync({ file, doc_type: doc_type as DocType, title: title.trim(), doc_date });
      const next = [...ids, doc.id];
      setIds(next);
      setUpload(fresh());
      return next;
    } catch (error) {
      if (error instanceof ApiError && error.status !== 403) {
        const m = problemErrors(error.problem, t, i18n.language);
        setErrors(m.fields);
        setGeneral(m.general);
      } else {
        setGeneral([errorMessage(error, t)]);
      }
      return null;
    }
  };

  return { agreementId, ids, setIds, upload, setUpload, errors, general, resolve, busy: mutation.isPending, maxMb };
}

export type DocumentAttach = ReturnType<typeof useDocumentAttach>;

/** The picker of uploaded documents and, folded below it, the fields of one new upload. */
export function DocumentAttachFields({
  attach,
  label,
  description,
  pickerError,
  testId,
  startOpen = false,
}: {
  attach: DocumentAttach;
  label: string;
  description?: string;
  pickerError?: string;
  testId: string;
  startOpen?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { upload, setUpload, errors } = attach;
  const [open, setOpen] = useState(startOpen);
  const shown = open || !!upload.file;
  const set = (change: Partial<PendingUpload>) => setUpload((u) => ({ ...u, ...change }));
  return (
    <Stack gap={6}>
      <DocumentPicker
        agreementId={attach.agreementId}
        value={attach.ids}
        onChange={attach.setIds}
        label={label}
        description={description}
        emptyHint={t("documents.noneToPickHere")}
        error={pickerError}
        testId={`${testId}-pick`}
      />
      <UnstyledButton
        onClick={() => setOpen((o) => !o)}
        aria-expanded={shown}
        aria-controls={`${testId}-upload`}
        data-testid={`${testId}-upload-toggle`}
        style={{ alignSelf: "flex-start" }}
      >
        <Text size="sm" c="blue.8" span style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
          {shown ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
          {t("documents.uploadHere")}
        </Text>
      </UnstyledButton>
      <Collapse expanded={shown} id={`${testId}-upload`}>
        <Paper withBorder p="xs">
          <Stack gap="xs">
            {attach.general.length > 0 && (
              <Alert color="red" role="alert" p="xs" data-testid={`${testId}-upload-error`}>
                {attach.general.join(" ")}
              </Alert>
            )}
            <FileInput
              label={t("documents.file")}
              description={t("documents.fileHintMax", { mb: attach.maxMb })}
              placeholder={t("documents.choose")}
              accept={ACCEPT}
              value={upload.file}
              onChange={(file) => {
                // The title follows the file until the user writes one of their own.
                const suggested = !upload.title || (upload.file && upload.title === titleFromFile(upload.file.name));
                set({ file, title: suggested ? (file ? titleFromFile(file.name) : "") : upload.title });
              }}
              clearable
              leftSection={<IconUpload size={16} aria-hidden />}
              error={errors.file}
              data-testid={`${testId}-file`}
            />
            {upload.file && (
              <Text size="xs" c="dimmed" data-testid={`${testId}-file-size`}>
                {upload.file.name} · {formatSize(upload.file.size, i18n.language)}
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
              <Select
                label={t("documents.type")}
                data={DOC_TYPES.map((d) => ({ value: d, label: t(`enums.docType.${d}`) }))}
                value={upload.doc_type}
                onChange={(v) => set({ doc_type: v as DocType | null })}
                required={!!upload.file}
                error={errors.doc_type}
                data-testid={`${testId}-type`}
              />
              <TextInput
                label={t("documents.title")}
                value={upload.title}
                onChange={(e) => set({ title: e.currentTarget.value })}
                maxLength={300}
                required={!!upload.file}
                error={errors.title}
                data-testid={`${testId}-title`}
              />
              <DateField
                label={t("documents.date")}
                value={upload.doc_date}
                onChange={(v) => set({ doc_date: v })}
                required={!!upload.file}
                error={errors.doc_date}
                data-testid={`${testId}-date`}
              />
            </SimpleGrid>
            <Text size="xs" c="dimmed">
              {t("documents.uploadOnSave")}
            </Text>
          </Stack>
        </Paper>
      </Collapse>
    </Stack>
  );
}
