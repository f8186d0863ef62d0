import { Outlet, useNavigate, useRouter } from "@tanstack/react-router";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Me } from "../api/client";
import { Shell } from "../components/app-shell";
import { NotFoundPage } from "../components/not-found";
import { LoadingState } from "../components/page-state";
import { AgreementDetailPage, type AgreementTabs } from "../features/agreements/agreement-detail-page";
import { AgreementFormPage } from "../features/agreements/agreement-form-page";
import { AgreementListPage } from "../features/agreements/agreement-list-page";
import { SignInPage } from "../features/auth/sign-in-page";
import { DashboardPage } from "../features/dashboard/dashboard-page";
import { TasksPage } from "../features/tasks/tasks-page";
import { CalendarFeedPage } from "../features/calendar-feed/calendar-feed-page";
import { HolidaysPage } from "../features/holidays/holidays-page";
import { DocumentsPanel } from "../features/documents/documents-panel";
import { MonitoringDuePage } from "../features/monitoring/monitoring-due-page";
import { MonitoringPanel } from "../features/monitoring/monitoring-panel";
import { ReportPage } from "../features/monitoring/report-page";
import { NotificationBell } from "../features/notifications/notification-bell";
import { NotificationsPage } from "../features/notifications/notifications-page";
import { ObligationListPage } from "../features/obligations/obligation-list-page";
import { ObligationsPanel } from "../features/obligations/obligations-panel";
import { PartnerDetailPage, PartnerFormPage, PartnerListPage, PartnerQuickCreate } from "../features/partners/partner-pages";
import { PeriodicReportPage } from "../features/periodic-reports/periodic-report-page";
import { defaultPeriod } from "../features/periodic-reports/periods";
import { DeliveryLogPage } from "../features/reminders/delivery-log-page";
import { ReminderRulesPage } from "../features/reminders/reminder-rules-page";
import { WebhookDetailPage } from "../features/webhooks/webhook-detail-page";
import { WebhooksPage } from "../features/webhooks/webhooks-page";
import { ImportPage } from "../features/imports/import-page";
import { ServiceAccountsPage } from "../features/service-accounts/service-accounts-page";
import { UsersPage } from "../features/users/users-page";
import { OpdsPage } from "../features/opds/opds-page";
import { PublicAgreementPage } from "../features/public-register/public-agreement-page";
import { PublicLayout } from "../features/public-register/public-layout";
import { PublicRegisterPage } from "../features/public-register/public-register-page";
import { has } from "../lib/capabilities";
import { todayIso } from "../lib/format";
import { useMe, useSession } from "../lib/session";
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

function Root() {
  const { status } = useSession();
  const { t } = useTranslation();
  if (status === "loading") return <LoadingState label={t("auth.checking")} />;
  return <Outlet />;
}

/** Screens behind sign-in: anonymous users go to sign-in and come back here afterwards. */
function RequireAuth({ children }: { children: ReactNode }) {
  const { status } = useSession();
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
  return <Shell headerActions={<NotificationBell />}>{children}</Shell>;
}

function AgreementNotFound() {
  const { t } = useTranslation();
  return <NotFoundPage title={t("agreement.notFoundTitle")} body={t("agreement.notFoundBody")} />;
}

function PartnerNotFound() {
  const { t } = useTranslation();
  return <NotFoundPage title={t("partner.notFoundTitle")} />;
}

const renderPartnerCreate = (onCreated: (p: { id: string; name: string }) => void) => <PartnerQuickCreate onCreated={onCreated} />;

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
    return (
      <PublicLayout>
        <PublicRegisterPage search={search} onSearchChange={(next) => void navigate({ to: "/publik", search: next, replace: true })} />
      </PublicLayout>
    );
  },
});

publicAgreementRoute.update({
  component: function PublicAgreementRoute() {
    const { id } = publicAgreementRoute.useParams();
    return (
      <PublicLayout>
        <PublicAgreementPage id={id} />
      </PublicLayout>
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
    documents: (a) => <DocumentsPanel agreementId={a.id} canWrite={has(me, "documents:upload")} />,
    obligations: (a, parties) => <ObligationsPanel agreementId={a.id} parties={parties} canWrite={has(me, "obligations:write")} />,
    monitoring: (a) => <MonitoringPanel agreementId={a.id} canCreate={has(me, "monitoring:edit")} />,
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
