import app from "./messages/id/app";
import common from "./messages/id/common";
import dateField from "./messages/id/dateField";
import nav from "./messages/id/nav";
import roles from "./messages/id/roles";
import auth from "./messages/id/auth";
import enums from "./messages/id/enums";
import exports from "./messages/id/exports";
import imports from "./messages/id/imports";
import agreement from "./messages/id/agreement";
import partner from "./messages/id/partner";
import documents from "./messages/id/documents";
import obligations from "./messages/id/obligations";
import monitoring from "./messages/id/monitoring";
import dashboard from "./messages/id/dashboard";
import tasks from "./messages/id/tasks";
import reminderKinds from "./messages/id/reminderKinds";
import reminderKindHints from "./messages/id/reminderKindHints";
import periodicReports from "./messages/id/periodicReports";
import notifications from "./messages/id/notifications";
import holidays from "./messages/id/holidays";
import calendarFeed from "./messages/id/calendarFeed";
import reminders from "./messages/id/reminders";
import webhooks from "./messages/id/webhooks";
import serviceAccounts from "./messages/id/serviceAccounts";
import publicRegister from "./messages/id/publicRegister";
import users from "./messages/id/users";
import opds from "./messages/id/opds";
import serverErrors from "./messages/id/serverErrors";
import errors from "./messages/id/errors";

/**
 * Bahasa Indonesia: the default language. `en.ts` must have exactly these keys (the type checks it).
 * Each top-level group is its own module (messages/id/<group>.ts) so that a page loads only the
 * groups it uses (i18n/index.ts, routes/lazy-page.ts); this file gathers them for the types and
 * the tests. The app itself never imports it.
 */
const id = {
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

export default id;
export type Messages = typeof id;
/** A top-level group of messages: the unit a page loads (messages/<language>/<group>.ts). */
export type MessageGroup = keyof Messages;
