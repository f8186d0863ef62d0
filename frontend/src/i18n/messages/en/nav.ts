import type { Messages } from "../../id";

const messages: Messages["nav"] = {
  tasks: "My tasks",
  label: "Main navigation",
  dashboard: "Home",
  agreements: "Agreements",
  partners: "Partners",
  signOut: "Sign out",
  language: "Language",
  toggleMenu: "Toggle menu",
  signedInAs: "Signed in as",
  obligations: "Rights & obligations",
  monitoring: "Monitoring & evaluation",
  notifications: "Notifications",
  reminderRules: "Reminder rules",
  reminderDeliveries: "Reminder e-mail log",
  periodicReports: "Periodic report",
  webhooks: "Webhooks",
  serviceAccounts: "Service accounts",
  imports: "Import texts",
  admin: "Administration",
  users: "Users",
  opds: "Regional offices (OPD)",
  holidays: "Holidays & collective leave",
};

export default messages;
