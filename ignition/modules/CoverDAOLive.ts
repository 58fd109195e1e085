import { buildCoverDAOModule } from "./CoverDAO.js";

/**
 * The whole DAO on a real network: the pools' assets and the depeg product's price feed are named by the
 * Pool module's parameters (`weth`, `stablecoin`, `depegFeed`), e.g.
 * `npx hardhat ignition deploy ignition/modules/CoverDAOLive.ts --network sepolia --parameters params.json`.
 */
export default buildCoverDAOModule("parameters");
