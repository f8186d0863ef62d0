import { AnchorLink, ButtonLink } from "../../components/links";
import { Alert, Badge, Card, Group, List, Paper, SimpleGrid, Stack, Tabs, Text, Title } from "@mantine/core";
import { IconEdit, IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { AgreementRead } from "../../api/client";
import { ApiError } from "../../api/problem";
import { AgreementBadges, StatusBadge } from "../../components/agreement-badges";
import { ErrorState, LoadingState } from "../../components/page-state";
import { formatDate, formatMoney } from "../../lib/format";
import { CHILD_KIND } from "./form-rules";
import { ActionsArea } from "./actions";
import { DossierButtons } from "./dossier-buttons";
import { DprdApprovalsPanel, TkksdReviewsPanel } from "./approvals";
import { OfferClock } from "./offer-clock";
import { ChecksPanel, StageStepper } from "./procedure";
import { useAgreement, useChecks, useChildren } from "./api";
import { History } from "./history";

function ChecksCount({ id }: { id: string }) {
  const checks = useChecks(id);
  const n = checks.data?.findings.length ?? 0;
  if (!n) return null;
  const blocking = checks.data?.findings.some((f) => f.severity === "BLOCK");
  return (
    <Badge size="xs" circle color={blocking ? "red" : "yellow"} variant="filled" autoContrast>
      {n}
    </Badge>
  );
}

export type AgreementParty = { id: string | null; name: string };

/** Tabs that other features provide (features never import each other; routes/ composes them). */
export type AgreementTabs = {
  documents: (agreement: AgreementRead) => ReactNode;
  obligations: (agreement: AgreementRead, parties: AgreementParty[]) => ReactNode;
  monitoring: (agreement: AgreementRead) => ReactNode;
};

/** `canRecordReviews` / `canRecordDprd`: the caller holds `procedure:record_tkksd_review` / `procedure:record_dprd_approval`. */
type Props = {
  id: string;
  canEdit: boolean;
  canRecordReviews: boolean;
  canRecordDprd: boolean;
  /** An OPD operator may ask the OPD head to submit a draft (capability tasks:request_submission). */
  canAskHead?: boolean;
  notFound: ReactNode;
  tabs: AgreementTabs;
};

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function Family({ agreement }: { agreement: AgreementRead }) {
  const { t, i18n } = useTranslation();
  const children = useChildren(agreement.id);
  const parent = useAgreement(agreement.parent_id ?? "", { enabled: !!agreement.parent_id });
  const parentData = parent.data?.data;
  return (
    <Stack gap="xs" data-testid="family">
      <Field label={t("agreement.parent")}>
        {agreement.parent_id && parent.isError && parent.error instanceof ApiError && parent.error.status === 404 ? (
          t("agreement.parentOutOfScope")
        ) : agreement.parent_id ? (
          <Group gap="xs" wrap="wrap">
            {parentData && (
              <Badge variant="outline" size="sm">
                {parentData.kind}
              </Badge>
            )}
            <AnchorLink to="/agreements/$id" params={{ id: agreement.parent_id }} data-testid="parent-link">
              {parentData ? parentData.title : t("common.open")}
            </AnchorLink>
            {parentData && (
              <Text size="xs" c="dimmed">
                {parentData.number}
              </Text>
            )}
          </Group>
        ) : (
          t("agreement.noParent")
        )}
      </Field>
      <Field label={t("agreement.children")}>
        {children.isPending ? (
          <LoadingState />
        ) : children.isError ? (
          <ErrorState error={children.error} onRetry={() => void children.refetch()} />
        ) : children.data.length === 0 ? (
          t("agreement.noChildren")
        ) : (
          <List spacing={4} size="sm" data-testid="children">
            {children.data.map((c) => (
              <List.Item key={c.id}>
                <Group gap="xs" wrap="wrap">
                  <Badge variant="outline" size="sm">
                    {c.kind}
                  </Badge>
                  <AnchorLink to="/agreements/$id" params={{ id: c.id }}>
                    {c.title}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {c.number} · {formatDate(c.signed_date, i18n.language)}
                  </Text>
                  <StatusBadge status={c.status} notYetInForce={c.not_yet_in_force} startDate={c.start_date} />
                </Group>
              </List.Item>
            ))}
          </List>
        )}
      </Field>
    </Stack>
  );
}

export function AgreementDetailPage({ id, canEdit, canRecordReviews, canRecordDprd, canAskHead = false, notFound, tabs }: Props) {
  const { t, i18n } = useTranslation();
  const query = useAgreement(id);
  const lang = i18n.language;

  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) return <>{notFound}</>;
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  const a = query.data.data;
  const dprdNeeded = a.dprd_required;
  const en = lang.startsWith("en");

  return (
    <Stack gap="md">
      <Card withBorder padding="lg" component="header" data-testid="agreement-header">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={2} style={{ flex: 1, minWidth: 240 }}>
              <Text size="sm" ff="monospace" c="dimmed" data-testid="agreement-number">
                {a.number}
              </Text>
              <Title order={2} size="h3">
                {a.title}
              </Title>
            </Stack>
            {canEdit && (
              <Group gap="xs">
                {CHILD_KIND[a.kind] && (
                  <ButtonLink
                    to="/agreements/new"
                    search={{ parent_id: a.id, kind: CHILD_KIND[a.kind], category: a.category }}
                    variant="default"
                    leftSection={<IconPlus size={16} aria-hidden />}
                    data-testid="add-child"
                  >
                    {t("agreement.addChild", { kind: CHILD_KIND[a.kind] })}
                  </ButtonLink>
                )}
                <ButtonLink
                  to="/agreements/$id/edit"
                  params={{ id: a.id }}
                  variant="light"
                  leftSection={<IconEdit size={16} aria-hidden />}
                  data-testid="edit"
                >
                  {t("common.edit")}
                </ButtonLink>
              </Group>
            )}
          </Group>
          <AgreementBadges agreement={a} />
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" mt="xs">
            <Field label={t("agreement.kind")}>{t(`enums.kind.${a.kind}`)}</Field>
            <Field label={t("agreement.category")}>{t(`enums.category.${a.category}`)}</Field>
            <Field label={t("agreement.nature")}>{a.nature ? t(`enums.nature.${a.nature}`) : t("common.none")}</Field>
            <Field label={t("agreement.stage")}>{t(`enums.stage.${a.stage}`, { defaultValue: a.stage })}</Field>
          </SimpleGrid>
          <StageStepper id={a.id} stage={a.stage} dprdRequired={a.dprd_required} />
          <OfferClock agreement={a} />
          {a.stage === "dispute" && a.dispute_path && (
            <Alert color="orange" variant="light" title={t("agreement.disputePath")} data-testid="dispute-path">
              <Text size="sm">{en ? a.dispute_path.path_en : a.dispute_path.path_id}</Text>
              <Text size="xs" c="dimmed">
                {a.dispute_path.basis}
              </Text>
            </Alert>
          )}
          <ActionsArea agreement={a} etag={query.data.etag} canAskHead={canAskHead} />
          <DossierButtons id={a.id} />
        </Stack>
      </Card>

      <Tabs defaultValue="overview" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="overview">{t("agreement.tabs.overview")}</Tabs.Tab>
          <Tabs.Tab value="checks" rightSection={<ChecksCount id={a.id} />} data-testid="tab-checks">
            {t("agreement.tabs.checks")}
          </Tabs.Tab>
          <Tabs.Tab value="approvals" data-testid="tab-approvals">
            {t("agreement.tabs.approvals")}
          </Tabs.Tab>
          <Tabs.Tab value="documents" data-testid="tab-documents">
            {t("agreement.tabs.documents")}
          </Tabs.Tab>
          <Tabs.Tab value="obligations" data-testid="tab-obligations">
            {t("agreement.tabs.obligations")}
          </Tabs.Tab>
          <Tabs.Tab value="monitoring" data-testid="tab-monitoring">
            {t("agreement.tabs.monitoring")}
          </Tabs.Tab>
          <Tabs.Tab value="history" data-testid="tab-history">
            {t("agreement.tabs.history")}
          </Tabs.Tab>
        </Tabs.List>

        <Tabs.Panel value="overview" pt="md">
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Paper withBorder p="md">
              <Title order={3} size="h5" mb="sm">
                {t("agreement.parties")}
              </Title>
              <Stack gap="sm" data-testid="parties">
                {a.parties.map((p, i) => (
                  <div key={p.partner?.id ?? `home-${i}`}>
                    <Text fw={600} size="sm">
                      {p.partner ? p.partner.name : t("agreement.homeRegion")}
                    </Text>
                    <Text size="sm">
                      {[p.signatory_name, p.signatory_title].filter(Boolean).join(", ") || t("common.none")}
                    </Text>
                    {p.document_number && (
                      <Text size="xs" c="dimmed">
                        {t("agreement.documentNumber")}: {p.document_number}
                      </Text>
                    )}
                    {p.power_of_attorney_ref && (
                      <Text size="xs" c="dimmed">
                        {t("agreement.powerOfAttorney")}: {p.power_of_attorney_ref}
                      </Text>
                    )}
                  </div>
                ))}
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} size="h5" mb="sm">
                {t("agreement.sections.family")}
              </Title>
              <Family agreement={a} />
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} size="h5" mb="sm">
                {t("agreement.sections.affairsOpds")}
              </Title>
              <Stack gap="xs">
                <Field label={t("agreement.affairs")}>
                  {a.affairs.map((af) => `${af.code} ${af.name}`).join("; ") || t("common.none")}
                </Field>
                <Field label={t("agreement.leadOpd")}>{a.lead_opd.name}</Field>
                <Field label={t("agreement.relatedOpds")}>
                  {a.related_opds.map((o) => o.name).join("; ") || t("common.none")}
                </Field>
              </Stack>
            </Paper>
            <Paper withBorder p="md">
              <Title order={3} size="h5" mb="sm">
                {t("agreement.sections.termFunding")}
              </Title>
              <SimpleGrid cols={2} spacing="xs">
                <Field label={t("agreement.signedDate")}>{formatDate(a.signed_date, lang)}</Field>
                <Field label={t("agreement.startDate")}>{formatDate(a.start_date, lang)}</Field>
                <Field label={t("agreement.endDate")}>{formatDate(a.end_date, lang)}</Field>
                <Field label={t("agreement.daysToEnd")}>
                  {a.days_to_end === null
                    ? t("common.none")
                    : a.days_to_end >= 0
                      ? t("agreement.daysLeft", { count: a.days_to_end })
                      : t("agreement.daysAgo", { count: -a.days_to_end })}
                </Field>
                <Field label={t("agreement.fundingSources")}>
                  {a.funding_sources.map((f) => t(`enums.fundingSource.${f}`)).join(", ") || t("common.none")}
                </Field>
                <Field label={t("agreement.apbdValue")}>{formatMoney(a.apbd_value, lang)}</Field>
                <Field label={t("agreement.dprdNeeded")}>{dprdNeeded ? t("common.yes") : t("common.no")}</Field>
                <Field label={t("agreement.endReason")}>
                  {a.end_reason ? t(`enums.endReason.${a.end_reason}`) : t("common.none")}
                </Field>
                {a.minister_reported_date && (
                  <Field label={t("agreement.ministerReported")}>
                    <span data-testid="minister-reported-date">{formatDate(a.minister_reported_date, lang)}</span>
                  </Field>
                )}
              </SimpleGrid>
            </Paper>
            <Paper withBorder p="md" style={{ gridColumn: "1 / -1" }}>
              <Title order={3} size="h5" mb="sm">
                {t("agreement.sections.summary")}
              </Title>
              <Stack gap="xs">
                <Field label={t("agreement.purpose")}>{a.purpose || t("common.none")}</Field>
                <Field label={t("agreement.object")}>{a.object || t("common.none")}</Field>
                <Field label={t("agreement.scope")}>{a.scope || t("common.none")}</Field>
                {a.initiated_by_partner && <Field label={t("agreement.initiatedByPartner")}>{t("common.yes")}</Field>}
                {Object.values(a.declarations).some(Boolean) && (
                  <Field label={t("agreement.declarationsMade")}>
                    <List size="sm" spacing={2} data-testid="declarations">
                      {Object.entries(a.declarations)
                        .filter(([, v]) => v)
                        .map(([k]) => (
                          <List.Item key={k}>{t(`agreement.declarations.${k}`, { defaultValue: k })}</List.Item>
                        ))}
                    </List>
                  </Field>
                )}
                <Field label={t("agreement.planningReference")}>
                  {a.planning_reference ||
                    (a.out_of_plan_reason ? t(`enums.outOfPlanReason.${a.out_of_plan_reason}`) : t("common.none"))}
                </Field>
              </Stack>
            </Paper>
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="checks" pt="md">
          <ChecksPanel id={a.id} />
        </Tabs.Panel>
        <Tabs.Panel value="approvals" pt="md">
          <Stack gap="md">
            <TkksdReviewsPanel id={a.id} canRecord={canRecordReviews} />
            <DprdApprovalsPanel id={a.id} canRecord={canRecordDprd} required={a.dprd_required} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="documents" pt="md">
          {tabs.documents(a)}
        </Tabs.Panel>
        <Tabs.Panel value="obligations" pt="md">
          {tabs.obligations(
            a,
            a.parties.map((p) => ({ id: p.partner?.id ?? null, name: p.partner?.name ?? t("agreement.homeRegion") })),
          )}
        </Tabs.Panel>
        <Tabs.Panel value="monitoring" pt="md">
          {tabs.monitoring(a)}
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <History id={a.id} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
