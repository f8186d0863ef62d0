import type { Messages } from "../../id";

const messages: Messages["dateField"] = {
  placeholder: "dd/mm/yyyy",
  clear: "Clear the date",
  nextMonth: "Next month",
  previousMonth: "Previous month",
  nextYear: "Next year",
  previousYear: "Previous year",
  nextDecade: "Next decade",
  previousDecade: "Previous decade",
  pickMonth: "Pick a month",
  pickYear: "Pick a year",
};

export default messages;
