import { Anchor, Box, Container, Group, Stack, Text } from "@mantine/core";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/language-switch";
import { AnchorLink, ButtonLink } from "../../components/links";
import { pageTitle } from "./public-search";

/** Sets the page's <title> (one per page, in the reader's language) while the page is shown. */
export function useDocumentTitle(parts: (string | undefined | null)[]) {
  const { t } = useTranslation();
  const title = pageTitle(parts, t("publicRegister.siteTitle"));
  useEffect(() => {
    const before = document.title;
    document.title = title;
    return () => {
      document.title = before;
    };
  }, [title]);
}

/** The frame of the public pages: no sign-in, a language switch and a way to the staff sign-in. */
export function PublicLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Box bg="gray.0" mih="100vh">
      <Box component="header" bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size="lg" py="sm">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <AnchorLink to="/publik" underline="never" c="inherit" style={{ minWidth: 0 }}>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                {t("app.region")}
              </Text>
              <Text fw={700} size="lg" lh={1.2}>
                {t("publicRegister.siteTitle")}
              </Text>
            </AnchorLink>
            <Group gap="xs" wrap="nowrap">
              <LanguageSwitch />
              <ButtonLink to="/sign-in" variant="default" size="xs" data-testid="public-sign-in">
                {t("publicRegister.staffSignIn")}
              </ButtonLink>
            </Group>
          </Group>
        </Container>
      </Box>
      <Container size="lg" py="md" component="main" id="main">
        {children}
      </Container>
      <Container size="lg" pb="lg" component="footer">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t("publicRegister.footer")}
          </Text>
          <Text size="xs" c="dimmed">
            {t("publicRegister.openData")}{" "}
            <Anchor href="/api/v1/public/agreements" size="xs" underline="always">
              JSON
            </Anchor>
            {" · "}
            <Anchor href="/api/v1/ocds/releases" size="xs" underline="always">
              OCDS
            </Anchor>
          </Text>
        </Stack>
      </Container>
    </Box>
  );
}
