import type { Messages } from "../../id";

const messages: Messages["opds"] = {
  title: "Regional offices (OPD)",
  intro: "The OPDs that can lead an agreement and that users work for. A disabled OPD stays on older texts but cannot be chosen for new records.",
  new: "Add OPD",
  search: "Search code or name",
  code: "Code",
  name: "Name",
  abbreviation: "Abbreviation",
  status: "Status",
  active: "Active",
  inactive: "Inactive",
  empty: "No OPD matches.",
  editTitle: "Edit OPD {{name}}",
  createdNotice: "{{name}} added.",
  savedNotice: "Changes to {{name}} saved.",
  form: {
    create: "Add OPD",
    codeHint: "A short unique code, e.g. DINKES; it cannot change later.",
    codeFixed: "The code cannot change.",
    codeRule: "Use letters, digits, dots, underscores or hyphens.",
    nameRule: "At least 3 characters.",
    abbreviationHint: "Shown in lists, e.g. Dinkes.",
    active: "Active",
    activeHint: "An inactive OPD cannot be chosen for new agreements or users.",
  },
};

export default messages;
