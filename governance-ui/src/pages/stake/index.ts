/** The stake page: {StakePage} and its parts in this folder. */
export { StakePage } from "./StakePage";
