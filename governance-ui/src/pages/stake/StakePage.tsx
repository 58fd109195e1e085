/**
 * Stake: stake COVER for claim-assessment weight (it keeps counting as voting power), request an unstake,
 * wait the cooldown, withdraw within the window; stake that voted on an open claim stays locked.
 *
 * Accessible names: input "Amount to stake (COVER)", button "Stake"; input "Amount to unstake (COVER)",
 * button "Request unstake"; buttons "Cancel unstake request", "Withdraw".
 */
import { RequireAccount } from "../../components/ui";
import { StakeForms } from "./StakeForms";

export function StakePage() {
  return (
    <section>
      <h1>Stake</h1>
      <p>
        Staked COVER gives you weight to assess claims, and it still counts as your voting power in
        governance. Unstaking takes a cooldown, then a withdrawal window; stake that voted on an open claim
        stays locked until the claim is final.
      </p>
      <RequireAccount action="stake">
        <StakeForms />
      </RequireAccount>
    </section>
  );
}
