import type { Messages } from "../../id";

const messages: Messages["common"] = {
  loading: "Loading…",
  error: "Something went wrong",
  retry: "Try again",
  save: "Save",
  saving: "Saving…",
  cancel: "Cancel",
  edit: "Edit",
  create: "Add",
  back: "Back",
  search: "Search",
  clear: "Clear filters",
  next: "Next",
  previous: "Previous",
  yes: "Yes",
  no: "No",
  none: "—",
  reload: "Reload",
  close: "Close",
  total: "Records: {{count}}",
  page: "Page {{page}}",
  all: "All",
  open: "Open",
  networkError: "Cannot reach the server. Check the connection and try again.",
  fieldRequired: "Required",
  generalErrors: "Please check the following",
  delete: "Delete",
  confirmDelete: "Yes, delete",
};

export default messages;
