import type { Messages } from "../../id";

const messages: Messages["errors"] = {
  notFoundTitle: "Page not found",
  notFoundBody: "This address does not exist or is outside your access.",
  goHome: "Go to home",
  forbidden: "You are not allowed to do this.",
  generic: "The request could not be processed.",
  stale: "Someone else changed this record. Reload, then repeat your change.",
  tooLarge: "The file is too large.",
};

export default messages;
