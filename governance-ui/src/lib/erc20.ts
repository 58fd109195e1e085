/**
 * ERC-20 handles for a pool's asset, typed by the interface every production asset implements
 * (OpenZeppelin's `IERC20Metadata`, its TypeChain factory), never by a local test token.
 */
import type { ContractRunner } from "ethers";

import { IERC20Metadata__factory } from "../../../types/ethers-contracts/index.js";

export const erc20 = (address: string, runner: ContractRunner) =>
  IERC20Metadata__factory.connect(address, runner);
export const erc20Interface = IERC20Metadata__factory.createInterface();
