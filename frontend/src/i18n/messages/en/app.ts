import type { Messages } from "../../id";

const messages: Messages["app"] = {
  name: "Regional Cooperation Registry",
  short: "Kerja Sama Daerah",
  region: "City Government of Cimahi",
  skipToContent: "Skip to content",
};

export default messages;
