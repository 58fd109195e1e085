/**
 * Delegate: give your voting power to yourself or to someone else, in one click.
 *
 * Accessible names: button "Delegate to myself"; input "Delegate address"; button "Delegate".
 */
import { RequireAccount } from "../../components/ui";
import { DelegateForm } from "./DelegateForm";

export function DelegatePage() {
  return (
    <section>
      <h1>Delegate</h1>
      <p>
        Your COVER — held or staked — only votes once it is delegated: to yourself to vote directly, or to a
        delegate you trust.{" "}
        <strong>Only power delegated before a proposal&apos;s snapshot counts for that proposal</strong>:
        delegating now changes your weight on proposals created from the next block on, not on those already
        open.
      </p>
      <RequireAccount action="delegate">
        <DelegateForm />
      </RequireAccount>
    </section>
  );
}
