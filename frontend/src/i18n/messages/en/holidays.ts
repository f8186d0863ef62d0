import type { Messages } from "../../id";

const messages: Messages["holidays"] = {
  nav: "Holidays & cuti bersama",
  title: "Holidays and cuti bersama",
  intro:
    "Deadlines in working days (e.g. the DPRD's 45 working days, the 30 days to answer an offer) skip Saturdays, Sundays, national holidays, the cuti bersama set by the joint decree of three ministers (SKB 3 Menteri) and the regional holidays the administrator adds (UU 23/2014 Pasal 1 angka 50).",
  listTitle: "Non-working days in {{year}}",
  year: "Year",
  day: "Date",
  name: "Name",
  kind: "Kind",
  source: "Source",
  actions: "Actions",
  kinds: { national: "National holiday", cuti_bersama: "Cuti bersama", regional: "Regional holiday" },
  sources: {
    national_calendar: "National calendar (national holidays and the SKB 3 Menteri on cuti bersama)",
    local: "Added by the administrator",
  },
  addTitle: "Add a regional holiday or cuti bersama",
  add: "Add",
  added: "{{name}} added.",
  remove: "Remove {{name}}",
};

export default messages;
