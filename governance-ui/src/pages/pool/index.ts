/** The pool page: {PoolPage} and its parts in this folder. */
export { PoolPage } from "./PoolPage";
