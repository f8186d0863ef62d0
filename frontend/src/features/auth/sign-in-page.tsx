import { Alert, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { LanguageSwitch } from "../../components/language-switch";
import { AnchorLink } from "../../components/links";
import { errorMessage } from "../../components/page-state";
import { useSession } from "../../lib/session";

/** The message for a failed sign-in: wrong credentials, throttling, or anything else. */
export function signInErrorMessage(error: unknown, t: (k: string, o?: Record<string, unknown>) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 401 || error.problem.code === "invalid_credentials") return t("auth.invalid");
    if (error.status === 429 || error.problem.code === "login_throttled") {
      return error.retryAfter ? t("auth.throttled", { seconds: error.retryAfter }) : t("auth.throttledShort");
    }
  }
  return errorMessage(error, t);
}

export function SignInPage({ onSignedIn }: { onSignedIn: () => void }) {
  const { t } = useTranslation();
  const { signIn, expired } = useSession();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  // The failure itself, not its text: the message is rendered in the current language, so it follows
  // a language switch made after the failure.
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!username.trim() || !password) return;
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      onSignedIn();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={420} component="main">
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="md">
            <Group justify="space-between" align="flex-start">
              <div>
                <Text size="xs" c="dimmed" fw={600} tt="uppercase">
                  {t("app.region")}
                </Text>
                <Title order={1} size="h3">
                  {t("app.name")}
                </Title>
              </div>
              <LanguageSwitch />
            </Group>
            <Title order={2} size="h4">
              {t("auth.title")}
            </Title>
            <Text size="sm" c="dimmed">
              {t("auth.subtitle")}
            </Text>
            {expired && error === null && (
              <Alert color="blue" role="status">
                {t("auth.expired")}
              </Alert>
            )}
            {error !== null && (
              <Alert color="red" role="alert" data-testid="sign-in-error">
                {signInErrorMessage(error, t)}
              </Alert>
            )}
            <TextInput
              label={t("auth.username")}
              name="username"
              autoComplete="username"
              required
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={touched && !username.trim() ? t("common.fieldRequired") : undefined}
              data-autofocus
            />
            <PasswordInput
              label={t("auth.password")}
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={touched && !password ? t("common.fieldRequired") : undefined}
              // Mantine keeps the eye button out of the tab order by default; keyboard users need it too.
              visibilityToggleFocusable
              visibilityToggleButtonProps={{ "aria-label": t("auth.togglePassword"), "data-testid": "password-toggle" }}
            />
            <Button type="submit" loading={busy} fullWidth data-testid="sign-in-submit">
              {t("auth.submit")}
            </Button>
            <AnchorLink to="/publik" size="sm" ta="center" data-testid="sign-in-public-link">
              {t("publicRegister.linkFromSignIn")}
            </AnchorLink>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
