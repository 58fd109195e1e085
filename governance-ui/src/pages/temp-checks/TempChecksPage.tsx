/**
 * Temperature checks (issue #8): off-chain Snapshot proposals before on-chain ones, signed with snapshot.js's
 * EIP-712 client and posted to the hub (the deployment's `services.hubUrl`, else `?hub=`, else the dev hub).
 * This folder and snapshot.js load only when the page is visited.
 *
 * Accessible names: links with each check's title; inputs "Title", "Body (markdown)", file input "Draft file";
 * button "Create temperature check"; radio group "Your choice"; textarea "Reason (optional)"; button "Sign vote";
 * table "Results".
 *
 * Parts: {CheckList} with {CreateCheck}, {CheckPage}; the hub's shapes in `hub.ts`.
 */
import { DEV_HUB_URL, hubGet } from "@coverdao/core/snapshot";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";
import { CheckList } from "./CheckList";
import { CheckPage } from "./CheckPage";
import type { HubSpace } from "./hub";

export default function TempChecksPage({ id }: { id?: string }) {
  const { hubUrl: configured } = useReadyDao();
  const hubUrl = configured ?? DEV_HUB_URL;
  // The space's settings do not follow blocks; the checks below do (the hub's states move with its clock).
  const space = useChainQuery("hub-space", () => hubGet<HubSpace>(hubUrl, "/api/space"), [hubUrl], {
    live: false,
  });
  return (
    <section>
      <h1>Temperature checks</h1>
      <p className="muted small">
        Off-chain polls on Snapshot before an on-chain proposal: signing costs no gas. Hub:{" "}
        <code>{hubUrl}</code>
      </p>
      {space.error && (
        <div className="banner banner-warn" role="alert">
          The Snapshot hub at {hubUrl} does not answer ({space.error}). Start it with{" "}
          <code>npm run snapshot:hub</code>, or point the app to another hub with{" "}
          <code>?hub=&lt;url&gt;</code>.
        </div>
      )}
      {space.data &&
        (id ? <CheckPage id={id} hubUrl={hubUrl} /> : <CheckList hubUrl={hubUrl} space={space.data} />)}
    </section>
  );
}
