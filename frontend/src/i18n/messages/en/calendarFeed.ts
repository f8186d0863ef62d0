import type { Messages } from "../../id";

const messages: Messages["calendarFeed"] = {
  title: "Calendar feed",
  nav: "My calendar",
  intro:
    "Subscribe to a personal calendar (ICS) in your calendar app. It holds the due dates of obligations, M&E report deadlines, agreement end dates and DPRD approval deadlines you may see.",
  status: "Calendar URL status",
  active: "Active",
  inactive: "None",
  activeSince: "Calendar URL active since {{date}}.",
  none: "You have no calendar URL yet.",
  create: "Create calendar URL",
  rotate: "Create a new URL",
  revoke: "Revoke URL",
  rotateTitle: "Create a new calendar URL?",
  rotateBody: "The URL active now stops working at once. Calendar apps that use it must be given the new URL.",
  rotateConfirm: "Yes, create a new URL",
  revokeTitle: "Revoke the calendar URL?",
  revokeBody: "This URL stops working at once; calendar apps will no longer get updates.",
  revokeConfirm: "Yes, revoke",
  newUrl: "Your new calendar URL",
  urlLabel: "Calendar URL (ICS)",
  onceWarning: "This URL is shown only once. Copy it now and paste it into your calendar app.",
  secretWarning: "Anyone with this URL can read your calendar without signing in. Do not share it; revoke it at once if it leaks.",
  copy: "Copy URL",
  copied: "Copied",
  howTo:
    "Google Calendar: Settings → Add calendar → From URL. Outlook: Add calendar → Subscribe from web. Thunderbird: New calendar → On the network.",
  revoked: "The calendar URL is revoked.",
  changedElsewhere: "Your calendar was changed in another window or device. The current status is loaded; check it, then try again.",
  alreadyRevoked: "The calendar URL was already revoked.",
};

export default messages;
