import { createRequire } from "node:module";

import hardhatToolboxMochaEthers from "@nomicfoundation/hardhat-toolbox-mocha-ethers";
import { configVariable, defineConfig } from "hardhat/config";

// Hardhat cannot download solc on machines without general network access, so the
// compiler comes from the npm `solc` package (WebAssembly). Keep `SOLC_VERSION` equal to
// the installed `solc` version: `npm ls solc`.
const require = createRequire(import.meta.url);
const SOLC_VERSION = "0.8.28";
const solcPath = require.resolve("solc/soljson.js");

const compiler = {
  version: SOLC_VERSION,
  path: solcPath,
  settings: {
    // OpenZeppelin 5.7 uses `mcopy`, so Cancun is the floor.
    evmVersion: "cancun",
    optimizer: { enabled: true, runs: 200 },
  },
};

// The two largest contracts are compiled through the IR pipeline, which keeps them under the 24,576-byte limit of
// EIP-170 (deployable on mainnet); everything else uses the legacy pipeline, which compiles several times faster
// with the WebAssembly solc. test/contract-sizes.test.ts checks every deployable contract's size.
const viaIR = { ...compiler, settings: { ...compiler.settings, viaIR: true } };
// Solidity tests compile them again as dependencies, with the legacy pipeline (an IR compile per test file
// would take minutes): solc then warns that those test copies exceed the limit; the deployed artifacts fit.
const overrides = {
  "contracts/claims/CoverClaims.sol": viaIR,
  "contracts/cover/CoverBook.sol": viaIR,
};

export default defineConfig({
  plugins: [hardhatToolboxMochaEthers],
  solidity: {
    profiles: {
      default: { compilers: [compiler], overrides },
      production: { compilers: [compiler], overrides, isolated: true },
    },
    // Artifacts (and TypeChain factories) of the interfaces that production assets and feeds are typed by:
    // deployments on real networks bind the configured tokens and Chainlink feed to these, not to the local
    // test contracts.
    npmFilesToBuild: [
      "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol",
      "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol",
    ],
  },
  paths: {
    tests: { mocha: "test", solidity: "test" },
  },
  test: {
    solidity: {
      fuzz: { runs: 256 },
      invariant: { runs: 64, depth: 32 },
    },
  },
  networks: {
    hardhatMainnet: { type: "edr-simulated", chainType: "l1" },
    localhost: { type: "http", chainType: "l1", url: "http://127.0.0.1:8545" },
    // A real network is one entry away. Secrets come from Hardhat's keystore
    // (`npx hardhat keystore set SEPOLIA_PRIVATE_KEY`) or the environment, never from a file.
    sepolia: {
      type: "http",
      chainType: "l1",
      url: configVariable("SEPOLIA_RPC_URL"),
      accounts: [configVariable("SEPOLIA_PRIVATE_KEY")],
    },
  },
});
