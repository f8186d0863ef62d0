import { Alert, Button, Checkbox, Group, Modal, Paper, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Tooltip } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AgreementRead, Schemas } from "../../api/client";
import { ApiError, fieldError } from "../../api/problem";
import { DocumentAttachFields, useDocumentAttach } from "../../components/document-attach";
import { ErrorState, GeneralErrors, LoadingState, errorMessage } from "../../components/page-state";
import { problemTranslator } from "../../lib/problem-text";
import { formatDate, todayIso } from "../../lib/format";
import { FindingList } from "./procedure";
import { AskHeadButton } from "./ask-head";
import { rolesText } from "./role-list";
import { useActions, useRefreshAgreements, useTkksdReviews, useTransition } from "./api";
import { blockingFindings, endReasonsFor, transitionErrorView, type TransitionErrorView } from "./transition-errors";
import { DateField } from "../../components/date-field";

type Action = Schemas["ActionRead"];
type Review = Schemas["TkksdReviewRead"];

/** The outcomes `approve` may record: a telaahan that finds the proposal feasible. */
const FEASIBLE = ["layak", "layak_dengan_perbaikan"] as const;
type Feasible = (typeof FEASIBLE)[number];
const REVIEW_FIELDS = ["review", "review.meeting_date", "review.outcome", "review.notes", "review.minutes_ref", "review.no_conflict"];

/** The latest recorded telaahan that found the proposal feasible (what R19 accepts), if any. */
export function latestFeasibleReview(reviews: readonly Review[] | undefined): Review | null {
  const ok = (reviews ?? []).filter((r) => r.outcome !== "tidak_layak");
  return ok.reduce<Review | null>((best, r) => (!best || r.meeting_date >= best.meeting_date ? r : best), null);
}

function useLabel() {
  const { i18n } = useTranslation();
  const en = i18n.language.startsWith("en");
  return (a: Action) => (en ? a.label_en : a.label_id);
}

/**
 * The procedure actions possible from the current stage, with what blocks them. A disabled action names
 * the roles that can take it (`taken_by`). `canAskHead` (capability tasks:request_submission) offers an
 * operator who can move a draft no further the request to the OPD head.
 */
export function ActionsArea({ agreement, etag, canAskHead = false }: { agreement: AgreementRead; etag: string; canAskHead?: boolean }) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const actions = useActions(agreement.id);
  const [open, setOpen] = useState<Action | null>(null);
  const [done, setDone] = useState<string | null>(null);

  if (actions.isPending) return <LoadingState />;
  if (actions.isError) return <ErrorState error={actions.error} onRetry={() => void actions.refetch()} />;
  const list = actions.data.actions;
  if (!actions.data.machine || list.length === 0) return null;
  const blocked = list.filter((a) => a.allowed_for_role && blockingFindings(a).length > 0);
  // The operator moves a draft no further (cancelling aside): the OPD head submits it.
  const askHead = canAskHead && agreement.stage === "draft" && !list.some((a) => a.allowed_for_role && a.action !== "cancel");

  return (
    <Stack gap="xs" data-testid="actions">
      <Group gap="xs" wrap="wrap">
        <Text size="xs" c="dimmed" fw={600} tt="uppercase">
          {t("agreement.actions.title")}
        </Text>
        {list.map((a) => {
          const why = !a.allowed_for_role
            ? a.taken_by.length > 0
              ? t("agreement.actions.notForRoleNamed", { roles: rolesText(a.taken_by, t, i18n.language) })
              : t("agreement.actions.notForRole")
            : blockingFindings(a).length > 0
              ? t("agreement.actions.blocked")
              : null;
          const button = (
            <Button
              size="xs"
              variant={a.action === "cancel" || a.action === "reject" ? "default" : "light"}
              disabled={!!why}
              onClick={() => {
                setDone(null);
                setOpen(a);
              }}
              data-testid={`action-${a.action}`}
              aria-describedby={why ? `why-${a.action}` : undefined}
            >
              {label(a)}
            </Button>
          );
          return why ? (
            <Tooltip key={a.action} label={why} withArrow>
              <span>
                {button}
                <span id={`why-${a.action}`} hidden>
                  {why}
                </span>
              </span>
            </Tooltip>
          ) : (
            <span key={a.action}>{button}</span>
          );
        })}
        {askHead && <AskHeadButton agreementId={agreement.id} />}
      </Group>
      {blocked.map((a) => (
        <Paper key={a.action} withBorder p="xs" data-testid={`blocked-${a.action}`}>
          <Text size="sm" fw={600} mb={4}>
            {t("agreement.actions.blockedBy", { action: label(a) })}
          </Text>
          <FindingList findings={blockingFindings(a)} />
        </Paper>
      ))}
      {done && (
        <Alert color="teal" variant="light" withCloseButton onClose={() => setDone(null)} data-testid="action-done">
          {done}
        </Alert>
      )}
      {open && (
        <TransitionModal
          key={open.action}
          agreement={agreement}
          etag={etag}
          action={open}
          onClose={() => setOpen(null)}
          onDone={() => {
            setDone(t("agreement.actions.done", { action: label(open) }));
            setOpen(null);
          }}
        />
      )}
    </Stack>
  );
}

type ModalProps = {
  agreement: AgreementRead;
  etag: string;
  action: Action;
  onClose: () => void;
  onDone: () => void;
};

function TransitionModal({ agreement, etag, action, onClose, onDone }: ModalProps) {
  const { t, i18n } = useTranslation();
  const label = useLabel();
  const refresh = useRefreshAgreements();
  const isEnd = action.action === "end";
  const [reason, setReason] = useState("");
  const [date, setDate] = useState(todayIso());
  const [justification, setJustification] = useState("");
  // Supporting documents: picked among the agreement's uploads, or one uploaded here (on submit).
  const attach = useDocumentAttach(agreement.id, "LAINNYA");
  const [local, setLocal] = useState<Record<string, string>>({});
  const [view, setView] = useState<TransitionErrorView | null>(null);
  // `approve` records the TKKSD's telaahan in the same request (`review`; R19, R9).
  const isApprove = action.action === "approve";
  const reviews = useTkksdReviews(agreement.id, isApprove);
  const recorded = latestFeasibleReview(reviews.data);
  const needsDeclaration = isApprove && action.findings.some((f) => f.fields.includes("declarations.no_conflict"));
  const declared = agreement.declarations?.no_conflict === true;
  const reviewRequired = isApprove && (!recorded || needsDeclaration);
  const [meeting, setMeeting] = useState(todayIso());
  const [outcome, setOutcome] = useState<Feasible | null>(null);
  const [notes, setNotes] = useState("");
  const [minutes, setMinutes] = useState("");
  const [noConflict, setNoConflict] = useState(false);
  const reviewTouched = outcome !== null || notes.trim() !== "" || minutes.trim() !== "" || noConflict;
  const sendReview = isApprove && (reviewRequired || reviewTouched);
  const justificationRef = useRef<HTMLTextAreaElement>(null);
  const initialWarns = action.findings.filter((f) => f.severity === "WARN");
  const warns = view?.kind === "justification" && view.findings.length ? view.findings : initialWarns;
  const showJustification = warns.length > 0 || view?.kind === "justification";

  useEffect(() => {
    if (view?.kind === "justification") justificationRef.current?.focus();
  }, [view]);

  const mutation = useTransition(agreement.id, {
    onSuccess: () => onDone(),
    onError: (error) => {
      setView(transitionErrorView(error, error instanceof ApiError ? problemTranslator(t, i18n.language, error.problem) : undefined));
    },
  });

  const submit = async () => {
    const errs: Record<string, string> = {};
    if (action.needs_reason && !reason.trim()) errs.reason = t("common.fieldRequired");
    if (action.needs_date && !date) errs.effective_date = t("common.fieldRequired");
    if (action.needs_date && date > todayIso()) errs.effective_date = t("agreement.actions.dateInFuture");
    if (showJustification && !justification.trim()) errs.justification = t("agreement.actions.justificationRequired");
    if (sendReview) {
      if (!meeting) errs["review.meeting_date"] = t("common.fieldRequired");
      else if (meeting > todayIso()) errs["review.meeting_date"] = t("agreement.actions.dateInFuture");
      if (!outcome) errs["review.outcome"] = t("common.fieldRequired");
      if (needsDeclaration && !noConflict) errs["review.no_conflict"] = t("agreement.actions.noConflictRequired");
    }
    setLocal(errs);
    if (Object.keys(errs).length) return;
    setView(null);
    const documentIds = await attach.resolve();
    if (documentIds === null) return;
    mutation.mutate({
      etag,
      body: {
        action: action.action,
        reason: reason.trim() || null,
        justification: justification.trim() || null,
        effective_date: action.needs_date ? date : null,
        document_ids: documentIds,
        ...(sendReview && outcome
          ? {
              review: {
                meeting_date: meeting,
                outcome,
                notes: notes.trim(),
                minutes_ref: minutes.trim() || null,
                no_conflict: noConflict,
              },
            }
          : {}),
      },
    });
  };

  const fields = view?.kind === "fields" ? view.fields : {};
  const err = (name: string) => local[name] ?? fields[name] ?? fieldError(fields, name);
  // Every server error is shown: those no input of this dialog names go with the general ones.
  const shown = ["reason", "effective_date", "justification", "document_ids", ...(isApprove ? REVIEW_FIELDS.slice(1) : [])];
  const unplaced = Object.entries(fields)
    .filter(([k]) => !shown.some((n) => k === n || k.startsWith(`${n}.`)))
    .map(([k, msg]) => `${k}: ${msg}`);

  return (
    <Modal opened onClose={onClose} title={label(action)} size="lg" data-testid="transition-modal">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t("agreement.actions.leadsTo", { stage: t(`enums.stage.${action.to_stage}`, { defaultValue: action.to_stage }) })}
          </Text>
          {view?.kind === "blocked" && (
            <Alert color="red" title={t("agreement.actions.blockedTitle")} role="alert" data-testid="transition-blocked">
              <FindingList findings={view.findings.filter((f) => f.severity === "BLOCK")} />
            </Alert>
          )}
          {view?.kind === "not_allowed" && (
            <Alert color="orange" title={t("agreement.actions.notAllowedTitle")} role="alert">
              {t("agreement.actions.notAllowed")}
            </Alert>
          )}
          {view?.kind === "stale" && (
            <Alert color="orange" title={t("agreement.form.conflictTitle")} role="alert" data-testid="transition-stale">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">{t("agreement.actions.stale")}</Text>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    void refresh();
                    onClose();
                  }}
                >
                  {t("common.reload")}
                </Button>
              </Stack>
            </Alert>
          )}
          {view?.kind === "fields" && <GeneralErrors messages={[...view.general, ...unplaced]} />}
          {view?.kind === "other" && (
            <Alert color="red" role="alert">
              {errorMessage(view.error, t)}
            </Alert>
          )}
          {isEnd ? (
            <Select
              label={t("agreement.endReason")}
              data={endReasonsFor(agreement.category).map((r) => ({ value: r, label: t(`enums.endReason.${r}`) }))}
              value={reason || null}
              onChange={(v) => setReason(v ?? "")}
              required
              error={err("reason")}
              data-testid="transition-reason"
            />
          ) : (
            <Textarea
              label={t("agreement.actions.reason")}
              description={action.needs_reason ? undefined : t("agreement.actions.optional")}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              required={action.needs_reason}
              error={err("reason")}
              autosize
              minRows={2}
              maxLength={4000}
              data-testid="transition-reason"
            />
          )}
          {action.needs_date && (
            <DateField
              label={t("agreement.actions.effectiveDate")}
              value={date}
              max={todayIso()}
              onChange={setDate}
              required
              error={err("effective_date")}
              data-testid="transition-date"
            />
          )}
          {isApprove && (
            <Paper withBorder p="sm" data-testid="transition-review">
              <Stack gap="xs">
                <Text size="sm" fw={600}>
                  {t("agreement.actions.reviewTitle")}
                </Text>
                {reviews.isPending ? (
                  <LoadingState />
                ) : reviews.isError ? (
                  <ErrorState error={reviews.error} onRetry={() => void reviews.refetch()} />
                ) : recorded ? (
                  <Alert color="teal" variant="light" data-testid="review-recorded">
                    {t("agreement.actions.reviewRecorded", {
                      outcome: t(`enums.tkksdOutcome.${recorded.outcome}`),
                      date: formatDate(recorded.meeting_date, i18n.language),
                    })}
                    {needsDeclaration && (
                      <Text size="sm" mt={4}>
                        {t("agreement.actions.reviewForDeclaration")}
                      </Text>
                    )}
                  </Alert>
                ) : (
                  <Text size="xs" c="dimmed">
                    {t("agreement.actions.reviewIntro")}
                  </Text>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  <DateField
                    label={t("agreement.tkksd.meetingDate")}
                    value={meeting}
                    max={todayIso()}
                    onChange={setMeeting}
                    required={reviewRequired}
                    error={err("review.meeting_date")}
                    data-testid="review-meeting-date"
                  />
                  <TextInput
                    label={t("agreement.tkksd.minutes")}
                    value={minutes}
                    onChange={(e) => setMinutes(e.currentTarget.value)}
                    maxLength={200}
                    error={err("review.minutes_ref")}
                    data-testid="review-minutes"
                  />
                </SimpleGrid>
                <Radio.Group
                  label={t("agreement.tkksd.outcome")}
                  value={outcome ?? ""}
                  onChange={(v) => setOutcome(v as Feasible)}
                  required={reviewRequired}
                  error={err("review.outcome")}
                  data-testid="review-outcome"
                >
                  <Group gap="md" mt={4}>
                    {FEASIBLE.map((o) => (
                      <Radio key={o} value={o} label={t(`enums.tkksdOutcome.${o}`)} />
                    ))}
                  </Group>
                </Radio.Group>
                <Textarea
                  label={t("agreement.tkksd.notes")}
                  value={notes}
                  onChange={(e) => setNotes(e.currentTarget.value)}
                  autosize
                  minRows={2}
                  maxLength={10000}
                  error={err("review.notes")}
                  data-testid="review-notes"
                />
                {!needsDeclaration && !["KB", "NK", "LOI"].includes(agreement.kind) ? null : declared && !noConflict ? (
                  <Text size="xs" c="dimmed" data-testid="no-conflict-declared">
                    {t("agreement.actions.noConflictDeclared")}
                  </Text>
                ) : (
                  <Checkbox
                    label={t("agreement.actions.noConflict")}
                    description={t("agreement.actions.noConflictBasis")}
                    checked={noConflict}
                    onChange={(e) => setNoConflict(e.currentTarget.checked)}
                    required={needsDeclaration}
                    error={err("review.no_conflict")}
                    data-testid="review-no-conflict"
                  />
                )}
              </Stack>
            </Paper>
          )}
          {showJustification && (
            <Stack gap={4}>
              {warns.length > 0 && (
                <Alert color="yellow" variant="light" title={t("agreement.actions.warnTitle")} data-testid="transition-warns">
                  <FindingList findings={warns} />
                </Alert>
              )}
              <Textarea
                ref={justificationRef}
                label={t("agreement.actions.justification")}
                value={justification}
                onChange={(e) => setJustification(e.currentTarget.value)}
                required
                error={err("justification")}
                autosize
                minRows={2}
                maxLength={4000}
                data-testid="transition-justification"
              />
            </Stack>
          )}
          <DocumentAttachFields
            attach={attach}
            label={t("agreement.actions.documents")}
            description={t("agreement.actions.documentsHelp")}
            pickerError={err("document_ids")}
            testId="transition-documents"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" loading={mutation.isPending || attach.busy} disabled={isApprove && reviews.isPending} data-testid="transition-submit">
              {label(action)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
