import type { Messages } from "./id";
import app from "./messages/en/app";
import common from "./messages/en/common";
import dateField from "./messages/en/dateField";
import nav from "./messages/en/nav";
import roles from "./messages/en/roles";
import auth from "./messages/en/auth";
import enums from "./messages/en/enums";
import exports from "./messages/en/exports";
import imports from "./messages/en/imports";
import agreement from "./messages/en/agreement";
import partner from "./messages/en/partner";
import documents from "./messages/en/documents";
import obligations from "./messages/en/obligations";
import monitoring from "./messages/en/monitoring";
import dashboard from "./messages/en/dashboard";
import tasks from "./messages/en/tasks";
import reminderKinds from "./messages/en/reminderKinds";
import reminderKindHints from "./messages/en/reminderKindHints";
import periodicReports from "./messages/en/periodicReports";
import notifications from "./messages/en/notifications";
import holidays from "./messages/en/holidays";
import calendarFeed from "./messages/en/calendarFeed";
import reminders from "./messages/en/reminders";
import webhooks from "./messages/en/webhooks";
import serviceAccounts from "./messages/en/serviceAccounts";
import publicRegister from "./messages/en/publicRegister";
import users from "./messages/en/users";
import opds from "./messages/en/opds";
import serverErrors from "./messages/en/serverErrors";
import errors from "./messages/en/errors";

/**
 * English: complete; the Messages type makes a missing key a type error. Each group is its own
 * module (messages/en/<group>.ts), as in id.ts; the app itself never imports this file.
 */
const en: Messages = {
  app,
  common,
  dateField,
  nav,
  roles,
  auth,
  enums,
  exports,
  imports,
  agreement,
  partner,
  documents,
  obligations,
  monitoring,
  dashboard,
  tasks,
  reminderKinds,
  reminderKindHints,
  periodicReports,
  notifications,
  holidays,
  calendarFeed,
  reminders,
  webhooks,
  serviceAccounts,
  publicRegister,
  users,
  opds,
  serverErrors,
  errors,
};

export default en;
