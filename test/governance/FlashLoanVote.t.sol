// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {CoverGovernor} from "../../contracts/governance/CoverGovernor.sol";
import {CoverTimelock} from "../../contracts/governance/CoverTimelock.sol";
import {StakingVault} from "../../contracts/governance/StakingVault.sol";
import {GovernanceSetup} from "./utils/GovernanceSetup.sol";

/**
 * @notice Power acquired after a proposal's snapshot never counts, whether received, staked or
 * delegated, read from the token and as recorded by {CoverGovernor-castVote}.
 * @dev The snapshot is inclusive of its own second (OpenZeppelin's "end of the timepoint"): power that
 * arrives and leaves within that second (a flash loan) does not count, power still held at its end does.
 */
contract FlashLoanVoteTest is GovernanceSetup {
    uint48 private constant VOTING_DELAY = 1 days;
    uint32 private constant VOTING_PERIOD = 5 days;
    uint256 private constant TIMELOCK_DELAY = 2 days;

    address private constant GUARDIAN = address(0x6A4D);
    address private constant PROPOSER = address(0xB0B);
    address private constant VOTER = address(0xA11CE);
    address private constant LENDER = address(0x1E4D);

    uint256 private constant VOTER_HELD = 150_000 ether;
    uint256 private constant VOTER_STAKED = 50_000 ether;
    uint256 private constant LENDER_FUNDS = 2_000_000 ether;

    CoverTimelock private timelock;
    CoverGovernor private governor;

    function setUp() public {
        _deployCore();
        _fund(PROPOSER, 500_000 ether, true);
        _fund(VOTER, VOTER_HELD + VOTER_STAKED, true);
        _stake(VOTER, VOTER_STAKED);
        _fund(LENDER, LENDER_FUNDS, true);
        // The Governor bounds its threshold by the supply one second back: deploy after the mint.
        vm.warp(block.timestamp + 1);

        address[] memory none = new address[](0);
        address[] memory anyone = new address[](1);
        timelock = new CoverTimelock(TIMELOCK_DELAY, none, anyone, address(this));
        governor = new CoverGovernor(
            IVotes(address(token)),
            timelock,
            CoverGovernor.Config({
                votingDelay: VOTING_DELAY,
                votingPeriod: VOTING_PERIOD,
                proposalThreshold: 10_000 ether,
                quorumPercent: 4,
                lateQuorumExtension: 1 days,
                proposalGuardian: GUARDIAN
            })
        );
        timelock.grantRole(timelock.PROPOSER_ROLE(), address(governor));
        timelock.grantRole(timelock.CANCELLER_ROLE(), address(governor));
        timelock.renounceRole(timelock.DEFAULT_ADMIN_ROLE(), address(this));
        manager.grantRole(ADMIN_ROLE, address(timelock), 0);
    }

    /// @notice Tokens received, staked and delegated after the snapshot leave the snapshot power unchanged.
    function testFuzz_castVote_ignoresPowerAcquiredAfterSnapshot(
        uint256 amount,
        uint256 staked,
        uint256 delay,
        bool lenderDelegates
    ) public {
        (uint256 proposalId, uint256 snapshot) = _propose();
        uint256 powerAtSnapshot = VOTER_HELD + VOTER_STAKED;

        vm.warp(snapshot + 1 + bound(delay, 0, VOTING_PERIOD - 1));
        amount = bound(amount, 1, LENDER_FUNDS);
        staked = bound(staked, 0, amount);
        _acquire(amount, staked, lenderDelegates);

        uint256 expectedNow = powerAtSnapshot + (lenderDelegates ? LENDER_FUNDS : amount);
        assertEq(token.getVotes(VOTER), expectedNow, "current votes miss the new power");
        assertEq(token.getPastVotes(VOTER, snapshot), powerAtSnapshot, "snapshot votes moved");
        assertEq(staking.getPastStake(VOTER, snapshot), VOTER_STAKED, "snapshot stake moved");
        assertEq(governor.getVotes(VOTER, snapshot), powerAtSnapshot, "governor reads other power");

        vm.prank(VOTER);
        uint256 weight = governor.castVote(proposalId, 1);
        assertEq(weight, powerAtSnapshot, "castVote weight");
        (, uint256 forVotes, ) = governor.proposalVotes(proposalId);
        assertEq(forVotes, powerAtSnapshot, "recorded for-votes");
    }

    /// @notice A flash loan taken and repaid within the snapshot's own second adds nothing.
    function testFuzz_castVote_ignoresFlashLoanWithinSnapshotSecond(uint256 amount, bool viaDelegation) public {
        (uint256 proposalId, uint256 snapshot) = _propose();
        uint256 powerAtSnapshot = VOTER_HELD + VOTER_STAKED;
        amount = bound(amount, 1, LENDER_FUNDS);

        vm.warp(snapshot);
        if (viaDelegation) {
            // Borrowed delegation: the lender points its votes at the voter and back.
            vm.prank(LENDER);
            token.delegate(VOTER);
            assertEq(token.getVotes(VOTER), powerAtSnapshot + LENDER_FUNDS, "loan not received");
            vm.prank(LENDER);
            token.delegate(LENDER);
        } else {
            vm.prank(LENDER);
            token.transfer(VOTER, amount);
            assertEq(token.getVotes(VOTER), powerAtSnapshot + amount, "loan not received");
            vm.prank(VOTER);
            token.transfer(LENDER, amount);
        }

        vm.warp(snapshot + 1);
        assertEq(token.getPastVotes(VOTER, snapshot), powerAtSnapshot, "snapshot votes moved");
        vm.prank(VOTER);
        assertEq(governor.castVote(proposalId, 1), powerAtSnapshot, "castVote weight");
    }

    /// @notice Boundary, by design: power received during the snapshot second and still held at its end counts.
    function testFuzz_getPastVotes_countsPowerHeldAtEndOfSnapshotSecond(uint256 amount, uint256 staked) public {
        (, uint256 snapshot) = _propose();
        amount = bound(amount, 1, LENDER_FUNDS);
        staked = bound(staked, 0, amount);

        vm.warp(snapshot);
        _acquire(amount, staked, false);
        vm.warp(snapshot + 1);
        assertEq(token.getPastVotes(VOTER, snapshot), VOTER_HELD + VOTER_STAKED + amount, "snapshot votes");
    }

    /// @notice One second before the snapshot is still "before": the power counts in full.
    function testFuzz_getPastVotes_countsPowerAcquiredBeforeSnapshot(uint256 amount, uint256 staked) public {
        (, uint256 snapshot) = _propose();
        amount = bound(amount, 1, LENDER_FUNDS);
        staked = bound(staked, 0, amount);

        vm.warp(snapshot - 1);
        _acquire(amount, staked, false);
        // More power after the snapshot must not add to it.
        vm.warp(snapshot + 1);
        vm.prank(LENDER);
        token.delegate(VOTER);
        assertEq(token.getPastVotes(VOTER, snapshot), VOTER_HELD + VOTER_STAKED + amount, "snapshot votes");
    }

    /// @dev Proposes a harmless parameter change; returns its id and snapshot.
    function _propose() private returns (uint256 proposalId, uint256 snapshot) {
        address[] memory targets = new address[](1);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        targets[0] = address(staking);
        calldatas[0] = abi.encodeCall(StakingVault.setMaxSlashBps, (3_000));
        vm.prank(PROPOSER);
        proposalId = governor.propose(targets, values, calldatas, "Raise the slash bound to 30 %");
        snapshot = governor.proposalSnapshot(proposalId);
        assertEq(snapshot, block.timestamp + VOTING_DELAY, "snapshot");
    }

    /// @dev The voter receives `amount` from the lender and stakes `staked` of it; optionally the lender
    /// also delegates all its remaining votes to the voter.
    function _acquire(uint256 amount, uint256 staked, bool lenderDelegates) private {
        vm.prank(LENDER);
        token.transfer(VOTER, amount);
        if (staked > 0) _stake(VOTER, staked);
        if (lenderDelegates) {
            vm.prank(LENDER);
            token.delegate(VOTER);
        }
    }
}
