/** The dashboard: {DashboardPage} and its parts in this folder. */
export { DashboardPage } from "./DashboardPage";
