import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconArrowLeft, IconDownload } from "@tabler/icons-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { AnchorLink } from "../../components/links";
import { NotFoundPage } from "../../components/not-found";
import { ErrorState, LoadingState } from "../../components/page-state";
import { formatDate, formatMoney, formatNumber } from "../../lib/format";
import { usePublicAgreement } from "./api";
import { PublicStatusBadge } from "./public-badges";
import { useDocumentTitle } from "./public-layout";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}

export function PublicAgreementPage({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const query = usePublicAgreement(id);
  const a = query.data;
  const notFound = query.error instanceof ApiError && query.error.status === 404;
  useDocumentTitle([notFound ? t("publicRegister.notFoundTitle") : a?.title]);

  const back = (
    <AnchorLink to="/publik" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} aria-hidden />
        {t("publicRegister.backToList")}
      </Group>
    </AnchorLink>
  );
  if (notFound) {
    return (
      <Stack>
        {back}
        <NotFoundPage title={t("publicRegister.notFoundTitle")} body={t("publicRegister.notFoundBody")} />
      </Stack>
    );
  }
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (!a) return <LoadingState />;

  return (
    <Stack gap="md">
      {back}
      <Paper withBorder p="md">
        <Stack gap="xs">
          <Group gap="xs">
            <PublicStatusBadge status={a.status} />
            <Badge variant="outline" color="gray">
              {t(`enums.kind.${a.kind}`)}
            </Badge>
            <Badge variant="outline" color="gray">
              {a.category}
            </Badge>
          </Group>
          <Title order={1} size="h3" data-testid="public-detail-title">
            {a.title}
          </Title>
          <Text size="sm" ff="monospace" c="dimmed" style={{ overflowWrap: "anywhere" }}>
            {a.number}
          </Text>
        </Stack>
      </Paper>

      <Paper withBorder p="md">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
          <Fact label={t("publicRegister.categoryLabel")}>{t(`enums.category.${a.category}`)}</Fact>
          {a.nature && <Fact label={t("publicRegister.nature")}>{t(`enums.nature.${a.nature}`)}</Fact>}
          <Fact label={t("publicRegister.leadOpd")}>{a.lead_opd.name}</Fact>
          <Fact label={t("publicRegister.signedDate")}>{formatDate(a.signed_date, lang)}</Fact>
          <Fact label={t("publicRegister.term")}>
            {formatDate(a.start_date, lang)} – {formatDate(a.end_date, lang)}
          </Fact>
          {a.ended_date && <Fact label={t("publicRegister.endedDate")}>{formatDate(a.ended_date, lang)}</Fact>}
          <Fact label={t("publicRegister.affair")}>{a.affairs.map((x) => `${x.code} ${x.name}`).join("; ") || "—"}</Fact>
          {a.related_opds.length > 0 && (
            <Fact label={t("publicRegister.relatedOpds")}>{a.related_opds.map((o) => o.name).join("; ")}</Fact>
          )}
          {a.funding_sources.length > 0 && (
            <Fact label={t("publicRegister.funding")}>
              {a.funding_sources.map((f) => t(`enums.fundingSource.${f}`, { defaultValue: f })).join(", ")}
            </Fact>
          )}
          {a.apbd_value && <Fact label={t("publicRegister.apbdValue")}>{formatMoney(a.apbd_value, lang)}</Fact>}
          {a.ocid && <Fact label="OCID">{a.ocid}</Fact>}
        </SimpleGrid>
      </Paper>

      {(a.object || a.scope || a.purpose) && (
        <Paper withBorder p="md">
          <Stack gap="sm">
            {a.object && <Fact label={t("publicRegister.object")}>{a.object}</Fact>}
            {a.scope && <Fact label={t("publicRegister.scope")}>{a.scope}</Fact>}
            {a.purpose && <Fact label={t("publicRegister.purpose")}>{a.purpose}</Fact>}
          </Stack>
        </Paper>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="public-parties">
        <Title order={2} size="h5" id="public-parties" mb="xs">
          {t("publicRegister.parties")}
        </Title>
        <Stack gap="xs" data-testid="public-parties">
          {a.parties.map((p, i) => (
            <div key={i}>
              <Text size="sm" fw={600}>
                {p.role === "HOME" ? t("app.region") : (p.partner?.name ?? t("publicRegister.individual"))}
              </Text>
              <Text size="xs" c="dimmed">
                {[p.signatory_title, p.document_number].filter(Boolean).join(" · ") || "—"}
              </Text>
            </div>
          ))}
        </Stack>
      </Paper>

      {(a.parent || a.children.length > 0) && (
        <Paper withBorder p="md" component="section" aria-labelledby="public-related">
          <Title order={2} size="h5" id="public-related" mb="xs">
            {t("publicRegister.related")}
          </Title>
          <Stack gap={4}>
            {a.parent && (
              <Text size="sm">
                {t("publicRegister.parent")}:{" "}
                <AnchorLink to="/publik/$id" params={{ id: a.parent.id }}>
                  {a.parent.title}
                </AnchorLink>
              </Text>
            )}
            {a.children.map((c) => (
              <Text size="sm" key={c.id}>
                {t(`enums.kind.${c.kind}`)}:{" "}
                <AnchorLink to="/publik/$id" params={{ id: c.id }}>
                  {c.title}
                </AnchorLink>
              </Text>
            ))}
          </Stack>
        </Paper>
      )}

      <Paper withBorder p="md" component="section" aria-labelledby="public-documents">
        <Title order={2} size="h5" id="public-documents" mb="xs">
          {t("publicRegister.documents")}
        </Title>
        {a.documents.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t("publicRegister.noDocuments")}
          </Text>
        ) : (
          <Table verticalSpacing="xs">
            <Table.Tbody>
              {a.documents.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor href={d.file_url} size="sm">
                      <Group gap={4} component="span" wrap="nowrap">
                        <IconDownload size={14} aria-hidden />
                        {d.title}
                      </Group>
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      {formatDate(d.doc_date, lang)} · {formatNumber(Math.ceil(d.size_bytes / 1024), lang)} KB
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </Stack>
  );
}
