/** The cover page: {CoverPage} and its parts in this folder. */
export { CoverPage } from "./CoverPage";
