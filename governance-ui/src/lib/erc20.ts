/** ERC-20 handles for a pool's asset, through the TypeChain factory (standard ERC-20 surface only). */
import type { ContractRunner } from "ethers";

import { TestStablecoin__factory } from "../../../types/ethers-contracts/index.js";

export const erc20 = (address: string, runner: ContractRunner) =>
  TestStablecoin__factory.connect(address, runner);
export const erc20Interface = TestStablecoin__factory.createInterface();
