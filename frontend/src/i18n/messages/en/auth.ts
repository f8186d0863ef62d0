import type { Messages } from "../../id";

const messages: Messages["auth"] = {
  title: "Sign in",
  subtitle: "Use your account to open the regional cooperation registry.",
  username: "Username",
  password: "Password",
  togglePassword: "Show or hide the password",
  submit: "Sign in",
  invalid: "Wrong username or password.",
  throttled: "Too many sign-in attempts. Try again in {{seconds}} seconds.",
  throttledShort: "Too many sign-in attempts. Try again shortly.",
  expired: "Your session has ended. Please sign in again.",
  checking: "Checking your session…",
};

export default messages;
