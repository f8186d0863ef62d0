import type { Messages } from "../../id";

const messages: Messages["roles"] = {
  admin: "Administrator",
  secretariat: "TKKSD secretariat",
  tkksd: "TKKSD member",
  opd_head: "Head of OPD",
  opd_operator: "OPD operator",
  viewer: "Leadership",
  province: "Province",
};

export default messages;
