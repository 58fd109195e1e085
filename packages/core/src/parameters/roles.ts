/**
 * AccessManager roles the registry follows: role ids, current members, and which role may call what.
 */
import type { FunctionFragment } from "ethers";
import { type Chain, readBigInt, readContract } from "../rpc/chain.js";
import { FACTORIES, contractInterface } from "../rpc/contracts.js";
import type { ContractName } from "../deployment/schema.js";

/** AccessManager role constants the registry follows (pool/claims add theirs here). */
export const ROLE_NAMES = ["GUARDIAN_ROLE", "CLAIMS_ROLE"] as const;
export const ROLE_SOURCE: ContractName = "DAOAccessManager";

/** Every role constant of the AccessManager (`ADMIN_ROLE`, `PUBLIC_ROLE` and the DAO's `*_ROLE`). */
export async function roleIds(chain: Chain): Promise<Map<string, bigint>> {
  const iface = contractInterface(ROLE_SOURCE);
  const names: string[] = [];
  iface.forEachFunction((fragment) => {
    if (/_ROLE$/.test(fragment.name) && fragment.inputs.length === 0) names.push(fragment.name);
  });
  const ids = await Promise.all(names.map((name) => readBigInt(chain, ROLE_SOURCE, name)));
  return new Map(names.map((name, i) => [name, ids[i]]));
}

/** Current members of a role, from the AccessManager's grant events, checked with `hasRole`. */
export async function roleMembers(chain: Chain, roleName: string): Promise<string[]> {
  const roleId = (await roleIds(chain)).get(roleName);
  if (roleId === undefined) throw new Error(`${ROLE_SOURCE} has no role ${roleName}`);
  const iface = contractInterface(ROLE_SOURCE);
  const granted = iface.getEvent("RoleGranted");
  if (!granted) throw new Error(`${ROLE_SOURCE} has no RoleGranted event`);
  const logs = await chain.provider.getLogs({
    address: chain.deployment.contracts[ROLE_SOURCE],
    topics: [granted.topicHash, iface.encodeFilterTopics(granted, [roleId])[1]],
    fromBlock: chain.deployment.startBlock,
    toBlock: "latest",
  });
  const candidates = [...new Set(logs.map((log) => iface.parseLog(log)?.args.account as string))];
  const members: string[] = [];
  for (const account of candidates) {
    const [isMember] = await readContract(chain, ROLE_SOURCE, "hasRole", [roleId, account]);
    if (isMember) members.push(account);
  }
  return members.sort();
}

/** "StakingVault.lock(address,uint48) → CLAIMS_ROLE" for every restricted function not left to ADMIN. */
export async function functionRoles(chain: Chain): Promise<string[]> {
  const ids = await roleIds(chain);
  const nameOf = new Map([...ids].map(([name, id]) => [id, name]));
  const lines: string[] = [];
  for (const contract of Object.keys(FACTORIES) as ContractName[]) {
    if (!chain.deployment.contracts[contract]) continue;
    const iface = contractInterface(contract);
    if (!iface.getFunction("authority")) continue;
    const fragments: FunctionFragment[] = [];
    iface.forEachFunction((f) => {
      if (!f.constant) fragments.push(f);
    });
    for (const fragment of fragments) {
      const role = await readBigInt(chain, ROLE_SOURCE, "getTargetFunctionRole", [
        chain.deployment.contracts[contract],
        fragment.selector,
      ]);
      if (role !== ids.get("ADMIN_ROLE")) {
        lines.push(`${contract}.${fragment.format("sighash")} → ${nameOf.get(role) ?? role}`);
      }
    }
  }
  return lines;
}
