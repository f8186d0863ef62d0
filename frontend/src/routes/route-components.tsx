import { Outlet, useNavigate, useRouter } from "@tanstack/react-router";
import { Suspense, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../api/client";
import { NotFoundPage } from "../components/not-found";
import { LoadingState } from "../components/page-state";
import type { AgreementTabs } from "../features/agreements/agreement-detail-page";
import { defaultPeriod } from "../features/periodic-reports/periods";
import { has } from "../lib/capabilities";
import { todayIso } from "../lib/format";
import { useMe, useSession } from "../lib/session";
import { afterFirstPage, lazyPage, lazyPart, markFirstPageShown, preloadLazy } from "./lazy-page";
import { firstPage, safeRedirect } from "./redirect";
import {
  agreementEditRoute,
  agreementNewRoute,
  agreementRoute,
  agreementsRoute,
  appRoute,
  calendarFeedRoute,
  holidaysRoute,
  dashboardRoute,
  tasksRoute,
  monitoringRoute,
  notificationsRoute,
  obligationsRoute,
  partnerEditRoute,
  partnerNewRoute,
  partnerRoute,
  partnersRoute,
  periodicReportsRoute,
  publicAgreementRoute,
  publicRegisterRoute,
  reminderDeliveriesRoute,
  reminderRulesRoute,
  reportRoute,
  rootRoute,
  signInRoute,
  webhookRoute,
  webhooksRoute,
  serviceAccountsRoute,
  usersRoute,
  opdsRoute,
  importsRoute,
} from "./route-tree";

// Every page is loaded with its route (lazy-page.ts); the sign-in page's first load stays small.
// The frames: the signed-in one (shell and query client) and the public one (layout and query client).
const SignedInFrame = lazyPart(() => import("./signed-in-frame"), "SignedInFrame", ["calendarFeed", "holidays"]);
const PublicFrame = lazyPart(() => import("./public-frame"), "PublicFrame", ["publicRegister"]);
const AgreementDetailPage = lazyPage(() => import("../features/agreements/agreement-detail-page"), "AgreementDetailPage");
const AgreementFormPage = lazyPage(() => import("../features/agreements/agreement-form-page"), "AgreementFormPage");
const AgreementListPage = lazyPage(() => import("../features/agreements/agreement-list-page"), "AgreementListPage");
const SignInPage = lazyPage(() => import("../features/auth/sign-in-page"), "SignInPage", ["publicRegister"]);
const DashboardPage = lazyPage(() => import("../features/dashboard/dashboard-page"), "DashboardPage", ["agreement", "dashboard"]);
const CalendarFeedPage = lazyPage(() => import("../features/calendar-feed/calendar-feed-page"), "CalendarFeedPage");
const HolidaysPage = lazyPage(() => import("../features/holidays/holidays-page"), "HolidaysPage");
const DocumentsPanel = lazyPage(() => import("../features/documents/documents-panel"), "DocumentsPanel");
const MonitoringDuePage = lazyPage(() => import("../features/monitoring/monitoring-due-page"), "MonitoringDuePage");
const MonitoringPanel = lazyPage(() => import("../features/monitoring/monitoring-panel"), "MonitoringPanel");
const ReportPage = lazyPage(() => import("../features/monitoring/report-page"), "ReportPage");
const NotificationBell = lazyPart(() => import("../features/notifications/notification-bell"), "NotificationBell", ["notifications", "reminderKinds"]);
const NotificationsPage = lazyPage(() => import("../features/notifications/notifications-page"), "NotificationsPage");
const ObligationListPage = lazyPage(() => import("../features/obligations/obligation-list-page"), "ObligationListPage");
const ObligationsPanel = lazyPage(() => import("../features/obligations/obligations-panel"), "ObligationsPanel");
const PartnerDetailPage = lazyPage(() => import("../features/partners/partner-pages"), "PartnerDetailPage");
const PartnerFormPage = lazyPage(() => import("../features/partners/partner-pages"), "PartnerFormPage");
const PartnerListPage = lazyPage(() => import("../features/partners/partner-pages"), "PartnerListPage");
const PartnerQuickCreate = lazyPage(() => import("../features/partners/partner-pages"), "PartnerQuickCreate");
const PeriodicReportPage = lazyPage(() => import("../features/periodic-reports/periodic-report-page"), "PeriodicReportPage");
const DeliveryLogPage = lazyPage(() => import("../features/reminders/delivery-log-page"), "DeliveryLogPage");
const ReminderRulesPage = lazyPage(() => import("../features/reminders/reminder-rules-page"), "ReminderRulesPage");
const WebhookDetailPage = lazyPage(() => import("../features/webhooks/webhook-detail-page"), "WebhookDetailPage");
const WebhooksPage = lazyPage(() => import("../features/webhooks/webhooks-page"), "WebhooksPage");
const ImportPage = lazyPage(() => import("../features/imports/import-page"), "ImportPage");
const ServiceAccountsPage = lazyPage(() => import("../features/service-accounts/service-accounts-page"), "ServiceAccountsPage");
const PublicAgreementPage = lazyPage(() => import("../features/public-register/public-agreement-page"), "PublicAgreementPage");
const PublicRegisterPage = lazyPage(() => import("../features/public-register/public-register-page"), "PublicRegisterPage", ["enums", "publicRegister"]);
const TasksPage = lazyPage(() => import("../features/tasks/tasks-page"), "TasksPage", ["enums", "tasks"]);
const UsersPage = lazyPage(() => import("../features/users/users-page"), "UsersPage");
const OpdsPage = lazyPage(() => import("../features/opds/opds-page"), "OpdsPage");

function Root() {
  const { status } = useSession();
  const { t } = useTranslation();
  if (status === "loading") return <LoadingState label={t("auth.checking")} />;
  return (
    <Suspense fallback={<LoadingState />}>
      <Outlet />
    </Suspense>
  );
}

/** True once the first page has painted (lazy-page.ts). */
function useFirstPageShown(): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => afterFirstPage(() => setShown(true)), []);
  return shown;
}

/** Rendered beside the page in its Suspense boundary: its effect runs once the page has committed. */
function PageShown() {
  useEffect(markFirstPageShown, []);
  return null;
}

/** The bell's size (ActionIcon size="lg") until it has loaded. */
function BellPlace() {
  return <span aria-hidden style={{ display: "inline-block", width: "calc(2.125rem * var(--mantine-scale))", height: "calc(2.125rem * var(--mantine-scale))" }} />;
}

/** Screens behind sign-in: anonymous users go to sign-in and come back here afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const bellWanted = useFirstPageShown();
  const router = useRouter();
  const sent = useRef(false);
  useEffect(() => {
    if (status === "authenticated") {
      sent.current = false;
    } else if (!sent.current) {
      sent.current = true;
      const here = router.state.location.href;
      void router.navigate({ to: "/sign-in", search: { redirect: here }, replace: true });
    }
  }, [status, router]);
  if (status !== "authenticated") return null;
  return (
    <Suspense fallback={<LoadingState />}>
      <SignedInFrame
        headerActions={
          // The bell (with floating-ui behind its popover) loads once the page has painted: the
          // first screen does not wait for it. Its place is kept meanwhile, so nothing moves.
          bellWanted ? (
            <Suspense fallback={<BellPlace />}>
              <NotificationBell />
            </Suspense>
          ) : (
            <BellPlace />
          )
        }
      >
        <Suspense fallback={<LoadingState />}>
          <PageShown />
          {children}
        </Suspense>
      </SignedInFrame>
    </Suspense>
  );
}

function AgreementNotFound() {
  const { t } = useTranslation();
  return <NotFoundPage title={t("agreement.notFoundTitle")} body={t("agreement.notFoundBody")} />;
}

function PartnerNotFound() {
  const { t } = useTranslation();
  return <NotFoundPage title={t("partner.notFoundTitle")} />;
}

const renderPartnerCreate = (onCreated: (p: { id: string; name: string }) => void) => (
  <Suspense fallback={<LoadingState />}>
    <PartnerQuickCreate onCreated={onCreated} />
  </Suspense>
);

/** A tab's panel loads with the tab, without blanking the page around it. */
const tab = (panel: ReactNode) => <Suspense fallback={<LoadingState />}>{panel}</Suspense>;

rootRoute.update({
  component: Root,
  notFoundComponent: () => (
    <RequireAuth>
      <NotFoundPage />
    </RequireAuth>
  ),
});

publicRegisterRoute.update({
  component: function PublicRegisterRoute() {
    const search = publicRegisterRoute.useSearch();
    const navigate = useNavigate();
    preloadLazy(PublicRegisterPage);
    return (
      <PublicFrame>
        <PublicRegisterPage search={search} onSearchChange={(next) => void navigate({ to: "/publik", search: next, replace: true })} />
      </PublicFrame>
    );
  },
});

publicAgreementRoute.update({
  component: function PublicAgreementRoute() {
    const { id } = publicAgreementRoute.useParams();
    preloadLazy(PublicAgreementPage);
    return (
      <PublicFrame>
        <PublicAgreementPage id={id} />
      </PublicFrame>
    );
  },
});

signInRoute.update({
  component: function SignInRoute() {
    const { status, me } = useSession();
    const { redirect } = signInRoute.useSearch();
    const router = useRouter();
    const sent = useRef(false);
    useEffect(() => {
      // Signed in (now, or already by the silent refresh): back to where the user was going, or to the
      // first page (Tugas saya for a role with a task queue).
      if (status === "authenticated" && !sent.current) {
        sent.current = true;
        router.history.replace(firstPage(safeRedirect(redirect), has(me, "tasks:queue")));
      }
    }, [status, redirect, router, me]);
    if (status === "authenticated") return null;
    return <SignInPage onSignedIn={() => undefined} />;
  },
});

appRoute.update({
  component: () => (
    <RequireAuth>
      <Outlet />
    </RequireAuth>
  ),
});

dashboardRoute.update({
  component: function Dashboard() {
    const me = useMe();
    return <DashboardPage userName={me.full_name} />;
  },
});

tasksRoute.update({
  component: function Tasks() {
    const me = useMe();
    return <TasksPage userName={me.full_name} />;
  },
});

agreementsRoute.update({
  component: function Agreements() {
    const search = agreementsRoute.useSearch();
    const navigate = useNavigate();
    const me = useMe();
    return (
      <AgreementListPage
        search={search}
        onSearchChange={(next) => void navigate({ to: "/agreements", search: next, replace: true })}
        canCreate={has(me, "agreements:write")}
      />
    );
  },
});

agreementNewRoute.update({
  component: function AgreementNew() {
    const prefill = agreementNewRoute.useSearch();
    const navigate = useNavigate();
    return (
      <AgreementFormPage
        key={JSON.stringify(prefill)}
        prefill={prefill}
        renderPartnerCreate={renderPartnerCreate}
        onSaved={(id) => void navigate({ to: "/agreements/$id", params: { id } })}
        onCancel={() => window.history.back()}
        notFound={<AgreementNotFound />}
      />
    );
  },
});

/** The agreement page's tabs that other features provide. */
function agreementTabs(me: Me): AgreementTabs {
  return {
    documents: (a) => tab(<DocumentsPanel agreementId={a.id} canWrite={has(me, "documents:upload")} />),
    obligations: (a, parties) => tab(<ObligationsPanel agreementId={a.id} parties={parties} canWrite={has(me, "obligations:write")} />),
    monitoring: (a) => tab(<MonitoringPanel agreementId={a.id} canCreate={has(me, "monitoring:edit")} />),
  };
}

agreementRoute.update({
  component: function AgreementDetail() {
    const { id } = agreementRoute.useParams();
    const me = useMe();
    return (
      <AgreementDetailPage
        key={id}
        id={id}
        canEdit={has(me, "agreements:write")}
        canRecordReviews={has(me, "procedure:record_tkksd_review")}
        canRecordDprd={has(me, "procedure:record_dprd_approval")}
        canAskHead={has(me, "tasks:request_submission")}
        notFound={<AgreementNotFound />}
        tabs={agreementTabs(me)}
      />
    );
  },
});

obligationsRoute.update({
  component: function Obligations() {
    const search = obligationsRoute.useSearch();
    const navigate = useNavigate();
    return <ObligationListPage search={search} onSearchChange={(next) => void navigate({ to: "/obligations", search: next, replace: true })} />;
  },
});

monitoringRoute.update({
  component: function Monitoring() {
    const { period } = monitoringRoute.useSearch();
    const navigate = useNavigate();
    return (
      <MonitoringDuePage
        period={period}
        onPeriodChange={(p) => void navigate({ to: "/monitoring", search: p ? { period: p } : {}, replace: true })}
      />
    );
  },
});

function ReportNotFound() {
  const { t } = useTranslation();
  return <NotFoundPage title={t("monitoring.notFoundTitle")} body={t("agreement.notFoundBody")} />;
}

reportRoute.update({
  component: function Report() {
    const { id } = reportRoute.useParams();
    const me = useMe();
    return <ReportPage key={id} id={id} canEdit={has(me, "monitoring:edit")} notFound={<ReportNotFound />} />;
  },
});

agreementEditRoute.update({
  component: function AgreementEdit() {
    const { id } = agreementEditRoute.useParams();
    const navigate = useNavigate();
    return (
      <AgreementFormPage
        key={id}
        id={id}
        renderPartnerCreate={renderPartnerCreate}
        onSaved={(saved) => void navigate({ to: "/agreements/$id", params: { id: saved } })}
        onCancel={() => void navigate({ to: "/agreements/$id", params: { id } })}
        notFound={<AgreementNotFound />}
      />
    );
  },
});

partnersRoute.update({
  component: function Partners() {
    const search = partnersRoute.useSearch();
    const navigate = useNavigate();
    const me = useMe();
    return (
      <PartnerListPage
        search={search}
        onSearchChange={(next) => void navigate({ to: "/partners", search: next, replace: true })}
        canCreate={has(me, "partners:write")}
      />
    );
  },
});

partnerNewRoute.update({
  component: function PartnerNew() {
    const navigate = useNavigate();
    return (
      <PartnerFormPage
        onSaved={(p) => void navigate({ to: "/partners/$id", params: { id: p.id } })}
        onCancel={() => void navigate({ to: "/partners" })}
        notFound={<PartnerNotFound />}
      />
    );
  },
});

partnerRoute.update({
  component: function PartnerDetail() {
    const { id } = partnerRoute.useParams();
    const me = useMe();
    return <PartnerDetailPage key={id} id={id} canEdit={has(me, "partners:write")} notFound={<PartnerNotFound />} />;
  },
});

partnerEditRoute.update({
  component: function PartnerEdit() {
    const { id } = partnerEditRoute.useParams();
    const navigate = useNavigate();
    return (
      <PartnerFormPage
        key={id}
        id={id}
        onSaved={(p) => void navigate({ to: "/partners/$id", params: { id: p.id } })}
        onCancel={() => void navigate({ to: "/partners/$id", params: { id } })}
        notFound={<PartnerNotFound />}
      />
    );
  },
});

notificationsRoute.update({
  component: function Notifications() {
    const search = notificationsRoute.useSearch();
    const navigate = useNavigate();
    return <NotificationsPage search={search} onSearchChange={(next) => void navigate({ to: "/notifications", search: next, replace: true })} />;
  },
});

calendarFeedRoute.update({ component: CalendarFeedPage });

holidaysRoute.update({
  component: function Holidays() {
    const me = useMe();
    return <HolidaysPage canManage={has(me, "holidays:manage")} />;
  },
});

reminderRulesRoute.update({
  component: function ReminderRules() {
    const me = useMe();
    return <ReminderRulesPage canEdit={has(me, "reminders:manage")} />;
  },
});

reminderDeliveriesRoute.update({
  component: function ReminderDeliveries() {
    const search = reminderDeliveriesRoute.useSearch();
    const navigate = useNavigate();
    const me = useMe();
    return (
      <DeliveryLogPage
        search={search}
        onSearchChange={(next) => void navigate({ to: "/reminder-deliveries", search: next, replace: true })}
        canRetry={has(me, "reminders:manage")}
      />
    );
  },
});

periodicReportsRoute.update({
  component: function PeriodicReports() {
    const search = periodicReportsRoute.useSearch();
    const navigate = useNavigate();
    const me = useMe();
    const fallback = defaultPeriod(todayIso());
    return (
      <PeriodicReportPage
        year={search.year ?? fallback.year}
        period={search.period ?? fallback.period}
        onChange={(next) => void navigate({ to: "/periodic-reports", search: next, replace: true })}
        canFinalize={has(me, "reports:finalize")}
      />
    );
  },
});

webhooksRoute.update({ component: WebhooksPage });
serviceAccountsRoute.update({ component: ServiceAccountsPage });
importsRoute.update({ component: ImportPage });
usersRoute.update({ component: UsersPage });
opdsRoute.update({ component: OpdsPage });

webhookRoute.update({
  component: function WebhookDetail() {
    const { id } = webhookRoute.useParams();
    const search = webhookRoute.useSearch();
    const navigate = useNavigate();
    return (
      <WebhookDetailPage
        key={id}
        id={id}
        search={search}
        onSearchChange={(next) => void navigate({ to: "/webhooks/$id", params: { id }, search: next, replace: true })}
        onDeleted={() => void navigate({ to: "/webhooks" })}
        notFound={<NotFoundPage />}
      />
    );
  },
});
