/** Claims (one file per part of the page). */
export * from "./ClaimPage";
