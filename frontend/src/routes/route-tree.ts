import { createRootRoute, createRoute, createRouter } from "@tanstack/react-router";
import { CATEGORIES, KINDS, parseAgreementSearch, type Category, type Kind } from "../features/agreements/filters";
import { parsePartnerSearch } from "../features/partners/partner-search";
import { parseObligationSearch } from "../features/obligations/filters";
import { parseNotificationSearch } from "../features/notifications/notification-search";
import { parseDeliverySearch } from "../features/reminders/delivery-search";
import { parsePeriodicReportSearch } from "../features/periodic-reports/periods";
import { parseWebhookSearch } from "../features/webhooks/webhook-search";
import { parsePublicSearch } from "../features/public-register/public-search";

/*
 * The route tree holds paths and search validation only; the components are attached in
 * route-components.tsx. Keeping them apart avoids a type cycle (features use the typed Link,
 * whose types come from this tree).
 */
export const rootRoute = createRootRoute();

export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/sign-in",
  validateSearch: (raw: Record<string, unknown>): { redirect?: string } =>
    typeof raw.redirect === "string" ? { redirect: raw.redirect } : {},
});

export const appRoute = createRoute({ getParentRoute: () => rootRoute, id: "app" });

// The public register: no sign-in (outside appRoute and its RequireAuth).
export const publicRegisterRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: "/publik",
  validateSearch: parsePublicSearch,
});
export const publicAgreementRoute = createRoute({ getParentRoute: () => rootRoute, path: "/publik/$id" });

export const dashboardRoute = createRoute({ getParentRoute: () => appRoute, path: "/" });
export const tasksRoute = createRoute({ getParentRoute: () => appRoute, path: "/tasks" });

export const agreementsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/agreements",
  validateSearch: parseAgreementSearch,
});

export type NewAgreementSearch = { parent_id?: string; kind?: Kind; category?: Category };

export const agreementNewRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/agreements/new",
  validateSearch: (raw: Record<string, unknown>): NewAgreementSearch => ({
    ...(typeof raw.parent_id === "string" && /^[0-9a-f-]{36}$/i.test(raw.parent_id) ? { parent_id: raw.parent_id } : {}),
    ...(typeof raw.kind === "string" && (KINDS as readonly string[]).includes(raw.kind) ? { kind: raw.kind as Kind } : {}),
    ...(typeof raw.category === "string" && (CATEGORIES as readonly string[]).includes(raw.category)
      ? { category: raw.category as Category }
      : {}),
  }),
});

export const agreementRoute = createRoute({ getParentRoute: () => appRoute, path: "/agreements/$id" });
export const agreementEditRoute = createRoute({ getParentRoute: () => appRoute, path: "/agreements/$id/edit" });

export const partnersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/partners",
  validateSearch: parsePartnerSearch,
});
export const partnerNewRoute = createRoute({ getParentRoute: () => appRoute, path: "/partners/new" });
export const partnerRoute = createRoute({ getParentRoute: () => appRoute, path: "/partners/$id" });
export const partnerEditRoute = createRoute({ getParentRoute: () => appRoute, path: "/partners/$id/edit" });

export const obligationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/obligations",
  validateSearch: parseObligationSearch,
});

export const monitoringRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/monitoring",
  validateSearch: (raw: Record<string, unknown>): { period?: string } =>
    typeof raw.period === "string" && /^\d{4}(-S[12])?$/.test(raw.period) ? { period: raw.period } : {},
});
export const reportRoute = createRoute({ getParentRoute: () => appRoute, path: "/monitoring-reports/$id" });

export const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/notifications",
  validateSearch: parseNotificationSearch,
});
export const calendarFeedRoute = createRoute({ getParentRoute: () => appRoute, path: "/settings/calendar" });
export const holidaysRoute = createRoute({ getParentRoute: () => appRoute, path: "/holidays" });
export const reminderRulesRoute = createRoute({ getParentRoute: () => appRoute, path: "/reminder-rules" });
export const reminderDeliveriesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/reminder-deliveries",
  validateSearch: parseDeliverySearch,
});
export const periodicReportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/periodic-reports",
  validateSearch: parsePeriodicReportSearch,
});

export const webhooksRoute = createRoute({ getParentRoute: () => appRoute, path: "/webhooks" });
export const serviceAccountsRoute = createRoute({ getParentRoute: () => appRoute, path: "/service-accounts" });
export const importsRoute = createRoute({ getParentRoute: () => appRoute, path: "/imports" });
export const usersRoute = createRoute({ getParentRoute: () => appRoute, path: "/users" });
export const opdsRoute = createRoute({ getParentRoute: () => appRoute, path: "/opds" });
export const webhookRoute = createRoute({
  getParentRoute: () => appRoute,
  path: "/webhooks/$id",
  validateSearch: parseWebhookSearch,
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  publicRegisterRoute,
  publicAgreementRoute,
  appRoute.addChildren([
    dashboardRoute,
    tasksRoute,
    agreementsRoute,
    agreementNewRoute,
    agreementRoute,
    agreementEditRoute,
    partnersRoute,
    partnerNewRoute,
    partnerRoute,
    partnerEditRoute,
    obligationsRoute,
    monitoringRoute,
    reportRoute,
    notificationsRoute,
    calendarFeedRoute,
    holidaysRoute,
    reminderRulesRoute,
    reminderDeliveriesRoute,
    periodicReportsRoute,
    webhooksRoute,
    webhookRoute,
    serviceAccountsRoute,
    importsRoute,
    usersRoute,
    opdsRoute,
  ]),
]);

export const router = createRouter({ routeTree, scrollRestoration: true });

declare module "@tanstack/react-router" {
  interface Register {
    router: typeof router;
  }
}
