// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessManaged} from "@openzeppelin/contracts/access/manager/IAccessManaged.sol";
import {IStakingVault} from "../../contracts/governance/interfaces/IStakingVault.sol";
import {GovernanceSetup} from "./utils/GovernanceSetup.sol";

/// @notice Slashes take at most `stake * maxSlashBps / 10_000` per slash window, whatever the number of calls,
/// and move exactly what they take.
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

    /// @notice Attack: many slash calls in one transaction (one proposal batching them) take the bound once.
    function testFuzz_attack_batchedSlashInOneTxIsCapped(uint256 staked, uint8 times) public {
        staked = bound(staked, 10_000, FUNDS);
        staking.setMaxSlashBps(staking.MAX_SLASH_BPS_CEILING());
        _stake(STAKER, staked);
        uint256 bound_ = (staked * staking.MAX_SLASH_BPS_CEILING()) / 10_000;
        uint256 piece = bound_ / 4 == 0 ? 1 : bound_ / 4;
        uint256 taken;
        for (uint256 i = 0; i < bound(times, 2, 40); i++) {
            uint256 left = staking.slashableNow(STAKER);
            if (piece > left) {
                vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingSlashAboveBound.selector, piece, left));
                staking.slash(STAKER, piece);
                continue;
            }
            staking.slash(STAKER, piece);
            taken += piece;
        }
        assertLe(taken, bound_, "slashed above the bound in one window");
        assertEq(staking.stakeOf(STAKER), staked - taken, "stake");
        assertEq(token.getVotes(DELEGATE), FUNDS - taken, "delegate votes");
    }

    /**
     * @notice Whatever the times of the slashes, any period of `slashWindow` seconds takes at most `maxSlashBps`
     * of the stake the staker had before the period's first slash.
     */
    function testFuzz_slash_boundHoldsOverAnyWindow(uint256 staked, uint256 seed) public {
        staked = bound(staked, 1e18, FUNDS);
        uint256 bps = 2_000;
        staking.setMaxSlashBps(uint16(bps));
        _stake(STAKER, staked);
        uint256 window = staking.slashWindow();
        uint256[] memory times = new uint256[](12);
        uint256[] memory amounts = new uint256[](12);
        uint256[] memory before = new uint256[](12);
        uint256 n;
        for (uint256 i = 0; i < 12; i++) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            vm.warp(block.timestamp + (seed % (2 * window)) / (1 + ((seed >> 64) % 4)));
            uint256 left = staking.slashableNow(STAKER);
            uint256 amount = ((seed >> 128) % 2 == 0) ? left : left / 2;
            if (amount == 0) continue;
            before[n] = staking.stakeOf(STAKER);
            staking.slash(STAKER, amount);
            times[n] = block.timestamp;
            amounts[n] = amount;
            n++;
        }
        for (uint256 i = 0; i < n; i++) {
            uint256 sum;
            uint256 first = i;
            for (uint256 j = 0; j <= i; j++) {
                if (times[j] + window > times[i]) {
                    if (sum == 0) first = j;
                    sum += amounts[j];
                }
            }
            assertLe(sum, (before[first] * bps) / 10_000, "more than the bound within one window");
        }
    }

    /// @notice A new window opens only `slashWindow` after the last slash, with the stake left as its base.
    function test_slash_newWindowAfterQuietPeriod() public {
        _stake(STAKER, 100 ether);
        uint256 window = staking.slashWindow();
        staking.slash(STAKER, 20 ether);
        assertEq(staking.slashableNow(STAKER), 0, "window used up");
        vm.warp(block.timestamp + window - 1);
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingSlashAboveBound.selector, 1, 0));
        staking.slash(STAKER, 1);
        vm.warp(block.timestamp + 1);
        assertEq(staking.slashableNow(STAKER), 16 ether, "20 % of the 80 left");
        staking.slash(STAKER, 16 ether);
        assertEq(staking.stakeOf(STAKER), 64 ether, "stake");
    }

    function test_setSlashWindow_bounded() public {
        uint48 min = staking.MIN_SLASH_WINDOW();
        uint48 max = staking.MAX_SLASH_WINDOW();
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingParameterOutOfBounds.selector,
                bytes32("slashWindow"),
                min - 1,
                min,
                max
            )
        );
        staking.setSlashWindow(min - 1);
        vm.expectRevert(
            abi.encodeWithSelector(
                IStakingVault.StakingParameterOutOfBounds.selector,
                bytes32("slashWindow"),
                max + 1,
                min,
                max
            )
        );
        staking.setSlashWindow(max + 1);
        staking.setSlashWindow(max);
        assertEq(staking.slashWindow(), max, "window");
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
