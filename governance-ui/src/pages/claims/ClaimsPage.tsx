/**
 * The claims route: one claim's page when an id is given, else the list with the forms.
 */
import { ClaimList } from "./ClaimList";
import { ClaimPage } from "./ClaimPage";

export function ClaimsPage({ id }: { id?: string }) {
  if (id) return <ClaimPage id={id} />;
  return <ClaimList />;
}
