import type { Messages } from "../../id";

const messages: Messages["notifications"] = {
  title: "Notifications",
  bell: "Notifications",
  bellUnread: "Notifications, {{count}} unread",
  latest: "Latest notifications",
  markAllRead: "Mark all read",
  markRead: "Mark read",
  viewAll: "View all notifications",
  empty: "No notifications yet.",
  emptyUnread: "No unread notifications.",
  emptyHint: "Reminders of obligations falling due, M&E report deadlines and agreements ending appear here.",
  unread: "Unread",
  show: "Show",
  showAll: "All",
  showUnread: "Unread",
  loadMore: "Load more",
  unreadCount: "Unread: {{formatted}}",
  shown: "Showing {{shown}} of {{total}}",
  markedAll: "All notifications are marked read.",
  serverLanguage: "Reminder texts are in Indonesian; the label gives their kind.",
};

export default messages;
