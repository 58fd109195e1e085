/**
 * One proposal's reads: the proposal and the chain's clock ({readProposal}), its actions decoded, the current
 * value of each parameter they set, and for the connected account its ballot (from `VoteCast`) and its voting
 * power at the snapshot.
 */
import {
  type Chain,
  type ChangeRow,
  type DecodedAction,
  changeRows,
  decodeActions,
  formatParameter,
  readParameter,
  readProposal,
  readingUnit,
} from "@coverdao/core";
import { useChainQuery } from "../../lib/useChainQuery";
import { useReadyDao } from "../../state/dao";

export interface Ballot {
  support: number;
  weight: bigint;
  reason: string;
}

export function useProposal(id: string) {
  const { provider, deployment, dao, wallet } = useReadyDao();
  let proposalId: bigint | undefined;
  try {
    proposalId = BigInt(id);
  } catch {
    proposalId = undefined;
  }
  const account = wallet.address;
  async function ballotOf(pid: bigint, voter: string, fromBlock: number): Promise<Ballot | undefined> {
    const governor = dao.CoverGovernor;
    const logs = await governor.queryFilter(governor.filters.VoteCast(voter), fromBlock);
    const log = logs.find((l) => l.args.proposalId === pid);
    return log
      ? { support: Number(log.args.support), weight: log.args.weight, reason: log.args.reason }
      : undefined;
  }
  return useChainQuery(
    "proposal",
    async () => {
      if (proposalId === undefined) throw new Error(`"${id}" is not a proposal id.`);
      const read = await readProposal(provider, deployment, proposalId, account);
      const p = read.proposal;
      if (!p)
        return {
          ...read,
          actions: [],
          ballot: undefined,
          power: undefined,
          changes: [] as ChangeRow[],
        };
      const chain = { deployment, provider };
      const actions = await decodeActions(
        chain,
        p.targets.map((target, i) => ({ target, value: p.values[i], calldata: p.calldatas[i] })),
      );
      const [ballot, power, currentByAction] = await Promise.all([
        account ? ballotOf(p.id, account, p.blockNumber) : undefined,
        account && read.timestamp > p.voteStart
          ? dao.CoverGovernor.getVotes(account, p.voteStart).catch(() => undefined)
          : undefined,
        Promise.all(actions.map((a) => currentValues(chain, a))),
      ]);
      const changes = actions.flatMap((a, i) => changeRows(a, i, currentByAction[i]));
      return { ...read, actions, ballot, power, changes };
    },
    [provider, deployment, id, account],
  );
}

/** The current value of each parameter `action` sets, read for the item it names (undefined: a new item). */
async function currentValues(chain: Chain, action: DecodedAction): Promise<(string | undefined)[]> {
  return Promise.all(
    action.parameters.map(async ({ spec }) => {
      const index = spec.index && action.args.find((arg) => arg.name === spec.index?.arg)?.raw;
      if (spec.index && !index) return undefined;
      const id = index ? BigInt(index) : undefined;
      const [value, unit] = await Promise.all([readParameter(chain, spec, id), readingUnit(chain, spec, id)]);
      return formatParameter(chain, spec, value, unit);
    }),
  );
}
