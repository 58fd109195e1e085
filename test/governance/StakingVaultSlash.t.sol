// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IStakingVault} from "../../contracts/governance/interfaces/IStakingVault.sol";
import {GovernanceSetup} from "./utils/GovernanceSetup.sol";

/// @notice A slash takes at most `stake * maxSlashBps / 10_000` per call and moves exactly what it takes.
contract StakingVaultSlashTest is GovernanceSetup {
    address private constant STAKER = address(0x5A7E);
    /// @dev The staker delegates to someone else, so the slash must reach the delegate's votes.
    address private constant DELEGATE = address(0xDE1E);
    uint256 private constant FUNDS = 1_000_000 ether;

    function setUp() public {
        _deployCore();
        _fund(STAKER, FUNDS, false);
        vm.prank(STAKER);
        token.delegate(DELEGATE);
    }

    function testFuzz_slash_revertsAboveBound(uint256 staked, uint256 bps, uint256 excess) public {
        staked = bound(staked, 1, FUNDS);
        bps = bound(bps, 1, staking.MAX_SLASH_BPS_CEILING());
        staking.setMaxSlashBps(uint16(bps));
        _stake(STAKER, staked);
        uint256 maxAmount = (staked * bps) / 10_000;
        uint256 amount = maxAmount + bound(excess, 1, staked);

        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingSlashAboveBound.selector, amount, maxAmount));
        staking.slash(STAKER, amount);
        assertEq(staking.stakeOf(STAKER), staked, "stake moved");
    }

    function testFuzz_slash_movesExactlyTheAmount(
        uint256 staked,
        uint256 bps,
        uint256 amount,
        bool treasuryDelegates
    ) public {
        // At least 10,000 wei staked, so even 1 bps allows a slash of one wei.
        staked = bound(staked, 10_000, FUNDS);
        bps = bound(bps, 1, staking.MAX_SLASH_BPS_CEILING());
        staking.setMaxSlashBps(uint16(bps));
        _stake(STAKER, staked);
        if (treasuryDelegates) {
            vm.prank(TREASURY);
            token.delegate(TREASURY);
        }
        amount = bound(amount, 1, (staked * bps) / 10_000);
        uint256 delegateVotes = token.getVotes(DELEGATE);
        uint256 totalStake = staking.totalStake();
        uint256 supply = token.totalSupply();

        staking.slash(STAKER, amount);

        assertEq(staking.stakeOf(STAKER), staked - amount, "stake");
        assertEq(staking.totalStake(), totalStake - amount, "total stake");
        assertEq(token.balanceOf(address(staking)), totalStake - amount, "vault balance");
        assertEq(token.getVotes(DELEGATE), delegateVotes - amount, "delegate votes");
        assertEq(token.balanceOf(TREASURY), amount, "recipient balance");
        assertEq(token.getVotes(TREASURY), treasuryDelegates ? amount : 0, "recipient votes");
        assertEq(token.balanceOf(STAKER), FUNDS - staked, "staker balance");
        assertEq(token.totalSupply(), supply, "supply");
    }

    /// @notice Repeated slashes each stay within the bound of the stake left, so the stake never reaches zero.
    function testFuzz_slash_repeatedStaysWithinShrinkingBound(uint256 staked, uint8 times) public {
        staked = bound(staked, 1, FUNDS);
        staking.setMaxSlashBps(staking.MAX_SLASH_BPS_CEILING());
        _stake(STAKER, staked);
        for (uint256 i = 0; i < bound(times, 1, 40); i++) {
            uint256 maxAmount = (staking.stakeOf(STAKER) * staking.MAX_SLASH_BPS_CEILING()) / 10_000;
            if (maxAmount == 0) break;
            staking.slash(STAKER, maxAmount);
        }
        assertGe(staking.stakeOf(STAKER), 1, "stake slashed to zero");
        assertEq(token.getVotes(DELEGATE), FUNDS - (staked - staking.stakeOf(STAKER)), "delegate votes");
    }

    /// @notice A slash after an unstake request clips the withdrawal: slashed tokens never leave to the staker.
    function testFuzz_slash_clipsPendingWithdrawal(uint256 staked, uint256 amount, uint256 offset) public {
        staked = bound(staked, 10_000, FUNDS);
        _stake(STAKER, staked);
        vm.prank(STAKER);
        staking.requestUnstake(staked);
        amount = bound(amount, 1, (staked * MAX_SLASH_BPS) / 10_000);
        staking.slash(STAKER, amount);

        vm.warp(block.timestamp + COOLDOWN + bound(offset, 0, WINDOW - 1));
        vm.prank(STAKER);
        assertEq(staking.withdraw(), staked - amount, "withdrawn");
        assertEq(token.balanceOf(STAKER), FUNDS - amount, "staker balance");
        assertEq(staking.totalStake(), 0, "total stake");
        assertEq(token.balanceOf(address(staking)), 0, "vault balance");
    }

    function testFuzz_slash_revertsForNonGovernance(address caller) public {
        vm.assume(caller != address(this));
        _stake(STAKER, FUNDS);
        vm.expectRevert(abi.encodeWithSelector(IAccessManaged.AccessManagedUnauthorized.selector, caller));
        vm.prank(caller);
        staking.slash(STAKER, 1);
    }

    function test_slash_revertsOnZeroAmount() public {
        _stake(STAKER, FUNDS);
        vm.expectRevert(IStakingVault.StakingZeroAmount.selector);
        staking.slash(STAKER, 0);
    }
}
