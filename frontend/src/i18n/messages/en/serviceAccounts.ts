import type { Messages } from "../../id";

const messages: Messages["serviceAccounts"] = {
  title: "Service accounts",
  intro:
    "Service accounts are used by other systems, such as the province's Regional Autonomy Bureau, to read data through the API (OAuth2 client_credentials). The \"Province\" role sees only signed, in-force or ended agreements, without personal data. The client secret is shown only once.",
  new: "New service account",
  editTitle: "Edit service account",
  empty: "No service accounts yet",
  emptyFiltered: "No service accounts with this status",
  emptyHint: "Create a service account so that the province's system can sync the cooperation data.",
  clientId: "Client ID",
  role: "Role",
  scopes: "Scopes",
  status: "Status",
  lastUsed: "Last used",
  neverUsed: "Never",
  actions: "Actions",
  active: "Active",
  disabled: "Disabled",
  roles: {
    province: "Province",
    viewer: "Viewer",
  },
  roleHints: {
    province: "Only signed, in-force or ended agreements, final monitoring reports and shared documents; personal data redacted.",
    viewer: "Reads all data, can change nothing.",
  },
  scopeNames: {
    read: "Read (API and change feed)",
    webhooks: "Webhooks (manage its own webhook subscriptions)",
  },
  scopeShort: {
    read: "read",
    webhooks: "webhooks",
  },
  scopeHints: {
    read: "GET /api/v1/... and GET /api/v1/changes",
    webhooks: "Receive changes as they happen at its system's URL",
  },
  form: {
    name: "Name",
    nameHint: "Who uses it, e.g. \"Biro Otonomi Daerah Setda Provinsi Jawa Barat\" (3–200 characters)",
    description: "Description",
    descriptionHint: "What the account is for and whom to contact",
    roleHint: "The role cannot change once the account exists.",
    roleFixed: "cannot be changed",
    scopesRequired: "Choose at least one scope",
    create: "Create service account",
  },
  secret: {
    createdTitle: "Service account created",
    rotatedTitle: "New client secret",
    for: "Account: {{name}}",
    warningTitle: "This secret is shown only once",
    warning:
      "Copy the client secret now and keep it somewhere safe in the system that uses it. Once this window is closed the secret cannot be shown again; if it is lost, issue a new one.",
    oldDead: "The old secret no longer works, and tokens issued with it are refused.",
    label: "Client secret",
    copy: "Copy",
    copied: "Copied",
    howTo: "Sign in with POST /api/v1/auth/token, grant_type=client_credentials, client_id and client_secret (in the form or HTTP Basic); see docs/integration.md.",
    done: "I have stored it, close",
  },
  rotate: "New secret",
  rotateTitle: "Issue a new client secret?",
  rotateBody:
    "The old secret stops working at once, and every token issued with it is refused. The system using it must be updated with the new secret, shown once after this.",
  rotateConfirm: "Yes, issue a new secret",
  disable: "Disable",
  disableTitle: "Disable the service account?",
  disableBody: "The account can no longer sign in and its tokens are refused at once. It can be enabled again later.",
  disableConfirm: "Yes, disable",
  enable: "Enable",
  disabledNotice: "{{name}} is disabled. Its tokens no longer work.",
  enabledNotice: "{{name}} is active again.",
  savedNotice: "Changes to {{name}} saved.",
  stale: "Someone else changed this account since the list was loaded. Reload, then try again.",
};

export default messages;
