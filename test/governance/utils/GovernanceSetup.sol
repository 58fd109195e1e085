// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {GovernanceToken} from "../../../contracts/governance/GovernanceToken.sol";
import {DAOAccessManager} from "../../../contracts/governance/DAOAccessManager.sol";
import {StakingVault} from "../../../contracts/governance/StakingVault.sol";
import {TestBase} from "../../utils/Vm.sol";

/**
 * @notice Shared deployment for the governance Solidity tests: the real token, AccessManager and
 * StakingVault with the parameters of `ignition/modules/Governance.ts`, no mocks.
 * @dev The test contract is the AccessManager's admin, so it stands in for the Timelock (setters and
 * {StakingVault-slash} are admin-only by default). {lock} is given to the claims role as in deployment.
 */
abstract contract GovernanceSetup is TestBase {
    uint256 internal constant SUPPLY = 10_000_000 ether;
    uint48 internal constant COOLDOWN = 7 days;
    uint48 internal constant WINDOW = 2 days;
    uint16 internal constant MAX_SLASH_BPS = 2_000;
    /// @dev A realistic start time: checkpoints need a clock well above zero.
    uint256 internal constant START = 1_750_000_000;
    uint64 internal constant ADMIN_ROLE = 0;

    address internal constant TREASURY = address(0x7EA5);

    GovernanceToken internal token;
    DAOAccessManager internal manager;
    StakingVault internal staking;

    function _deployCore() internal {
        vm.warp(START);
        token = new GovernanceToken("CoverDAO", "COVER", address(this), SUPPLY);
        manager = new DAOAccessManager(address(this));
        staking = new StakingVault(token, address(manager), COOLDOWN, WINDOW, MAX_SLASH_BPS, TREASURY);
        token.bindStakingVault(address(staking));

        bytes4[] memory lockSelector = new bytes4[](1);
        lockSelector[0] = StakingVault.lock.selector;
        manager.setTargetFunctionRole(address(staking), lockSelector, manager.CLAIMS_ROLE());
        manager.grantRole(manager.CLAIMS_ROLE(), address(this), 0);
    }

    /// @dev Gives `account` tokens from the test contract's supply, optionally self-delegating.
    function _fund(address account, uint256 amount, bool selfDelegate) internal {
        token.transfer(account, amount);
        if (selfDelegate) {
            vm.prank(account);
            token.delegate(account);
        }
    }

    /// @dev Stakes `amount` of `staker`'s tokens.
    function _stake(address staker, uint256 amount) internal {
        vm.prank(staker);
        staking.stake(amount);
    }
}
