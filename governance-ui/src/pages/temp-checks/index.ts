/**
 * Temperature checks, loaded only when visited (`lazy(() => import("./pages/temp-checks"))` in App.tsx):
 * {TempChecksPage} and its parts in this folder.
 */
export { default } from "./TempChecksPage";
