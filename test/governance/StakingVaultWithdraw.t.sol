// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IStakingVault} from "../../contracts/governance/interfaces/IStakingVault.sol";
import {GovernanceSetup} from "./utils/GovernanceSetup.sol";

/// @notice The unstake cooldown, the withdrawal window and claim locks cannot be skipped.
contract StakingVaultWithdrawTest is GovernanceSetup {
    address private constant STAKER = address(0x5A7E);
    uint256 private constant FUNDS = 100_000 ether;
    uint256 private constant STAKED = 60_000 ether;

    function setUp() public {
        _deployCore();
        _fund(STAKER, FUNDS, true);
        _stake(STAKER, STAKED);
        vm.warp(block.timestamp + 1);
    }

    function testFuzz_withdraw_revertsBeforeReadyAt(uint256 amount, uint256 elapsed) public {
        (uint256 readyAt, ) = _request(bound(amount, 1, STAKED));
        uint256 nowTime = block.timestamp + bound(elapsed, 0, COOLDOWN - 1);
        vm.warp(nowTime);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingCooldownNotOver.selector, uint48(readyAt), uint48(nowTime))
        );
        vm.prank(STAKER);
        staking.withdraw();
        assertEq(staking.stakeOf(STAKER), STAKED, "stake moved");
    }

    function testFuzz_withdraw_revertsFromExpiresAt(uint256 amount, uint256 late) public {
        (, uint256 expiresAt) = _request(bound(amount, 1, STAKED));
        vm.warp(expiresAt + bound(late, 0, 3_650 days));
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingWithdrawalWindowClosed.selector, expiresAt));
        vm.prank(STAKER);
        staking.withdraw();
        assertEq(staking.stakeOf(STAKER), STAKED, "stake moved");
    }

    function testFuzz_withdraw_revertsWhileLocked(uint256 lockFor, uint256 offset) public {
        uint48 until = uint48(block.timestamp + bound(lockFor, COOLDOWN + 1, staking.MAX_LOCK_DURATION()));
        staking.lock(STAKER, until);
        (uint256 readyAt, uint256 expiresAt) = _request(STAKED);
        uint256 lastLocked = (until < expiresAt ? until : expiresAt) - 1;
        vm.warp(readyAt + bound(offset, 0, lastLocked - readyAt));
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingStakeLocked.selector, until));
        vm.prank(STAKER);
        staking.withdraw();
    }

    function testFuzz_withdraw_succeedsInsideWindow(uint256 amount, uint256 offset) public {
        amount = bound(amount, 1, STAKED);
        (uint256 readyAt, ) = _request(amount);
        uint256 votesBefore = token.getVotes(STAKER);
        vm.warp(readyAt + bound(offset, 0, WINDOW - 1));
        vm.prank(STAKER);
        assertEq(staking.withdraw(), amount, "withdrawn");
        assertEq(staking.stakeOf(STAKER), STAKED - amount, "stake");
        assertEq(staking.totalStake(), STAKED - amount, "total stake");
        assertEq(token.balanceOf(address(staking)), STAKED - amount, "vault balance");
        assertEq(token.balanceOf(STAKER), FUNDS - STAKED + amount, "staker balance");
        assertEq(token.getVotes(STAKER), votesBefore, "withdrawal moved votes");
    }

    /// @notice Shortening the cooldown by governance does not bring a pending request forward.
    function testFuzz_withdraw_pendingRequestKeepsCooldownWhenShortened(uint256 newCooldown, uint256 elapsed) public {
        (uint256 readyAt, ) = _request(STAKED);
        staking.setUnstakeCooldown(uint48(bound(newCooldown, staking.MIN_COOLDOWN(), COOLDOWN)));
        uint256 nowTime = block.timestamp + bound(elapsed, 0, COOLDOWN - 1);
        vm.warp(nowTime);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingCooldownNotOver.selector, uint48(readyAt), uint48(nowTime))
        );
        vm.prank(STAKER);
        staking.withdraw();
    }

    /// @notice A new request replaces the old one and restarts the cooldown from now.
    function testFuzz_requestUnstake_replacingRestartsCooldown(uint256 elapsed) public {
        (uint256 firstReadyAt, ) = _request(STAKED / 2);
        vm.warp(block.timestamp + bound(elapsed, 1, COOLDOWN + WINDOW - 1));
        (uint256 readyAt, ) = _request(STAKED);
        assertGe(readyAt, firstReadyAt + 1, "cooldown not restarted");
        uint256 nowTime = firstReadyAt > block.timestamp ? firstReadyAt : block.timestamp;
        vm.warp(nowTime);
        vm.expectRevert(
            abi.encodeWithSelector(IStakingVault.StakingCooldownNotOver.selector, uint48(readyAt), uint48(nowTime))
        );
        vm.prank(STAKER);
        staking.withdraw();
    }

    function testFuzz_cancelUnstake_blocksWithdrawal(uint256 offset) public {
        (uint256 readyAt, ) = _request(STAKED);
        vm.prank(STAKER);
        staking.cancelUnstake();
        vm.warp(readyAt + bound(offset, 0, WINDOW - 1));
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingNoUnstakeRequest.selector, STAKER));
        vm.prank(STAKER);
        staking.withdraw();
    }

    function testFuzz_lock_revertsBeyondMaxDuration(uint256 extra) public {
        uint48 maxUntil = uint48(block.timestamp) + staking.MAX_LOCK_DURATION();
        uint48 until = uint48(bound(extra, uint256(maxUntil) + 1, type(uint48).max));
        vm.expectRevert(abi.encodeWithSelector(IStakingVault.StakingLockTooLong.selector, until, maxUntil));
        staking.lock(STAKER, until);
    }

    /// @dev Requests `amount` now and returns the request's bounds, checked against the vault's record.
    function _request(uint256 amount) private returns (uint256 readyAt, uint256 expiresAt) {
        vm.prank(STAKER);
        staking.requestUnstake(amount);
        (uint48 cooldown, uint48 window, , ) = staking.parameters();
        readyAt = block.timestamp + cooldown;
        expiresAt = readyAt + window;
        IStakingVault.UnstakeRequest memory request = staking.unstakeRequest(STAKER);
        assertEq(request.amount, amount, "requested amount");
        assertEq(request.readyAt, readyAt, "readyAt");
        assertEq(request.expiresAt, expiresAt, "expiresAt");
    }
}
