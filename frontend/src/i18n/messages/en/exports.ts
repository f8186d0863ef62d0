import type { Messages } from "../../id";

const messages: Messages["exports"] = {
  label: "Download the filtered list:",
  failed: "The download failed; try again.",
};

export default messages;
