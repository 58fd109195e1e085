/** The delegate page: {DelegatePage} and its parts in this folder. */
export { DelegatePage } from "./DelegatePage";
