// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManager} from "@openzeppelin/contracts/access/manager/AccessManager.sol";

/**
 * @title DAOAccessManager
 * @notice One place that says who may call each restricted function of the DAO's contracts. The
 * Timelock is its admin after deployment; roles are labelled on-chain ({RoleLabel}) so a UI can list them.
 * @dev OpenZeppelin's {AccessManager}. Role ids are fixed here so that every tool agrees on them.
 */
contract DAOAccessManager is AccessManager {
    /// @notice May pause new covers, deposits and claim payouts for a bounded time; never moves funds.
    uint64 public constant GUARDIAN_ROLE = 1;
    /// @notice The claims module: may lock stake and pay assessor rewards from a pool. (Cover and claim
    /// payouts are not roles: each pool trusts the one cover book and the cover book the one claims
    /// module that governance sets, see {CapitalPool-setCoverBook} and {CoverBook-setClaimsModule}.)
    uint64 public constant CLAIMS_ROLE = 2;

    /// @param initialAdmin The setup admin; the deployment hands admin to the Timelock and renounces.
    constructor(address initialAdmin) AccessManager(initialAdmin) {}
}
