// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IGovernor} from "@openzeppelin/contracts/governance/IGovernor.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {CoverGovernor} from "../../contracts/governance/CoverGovernor.sol";
import {CoverTimelock} from "../../contracts/governance/CoverTimelock.sol";
import {Vm} from "../utils/Vm.sol";
import {GovernanceSetup} from "./utils/GovernanceSetup.sol";
import {ReferenceLateQuorumGovernor} from "./helpers/ReferenceLateQuorumGovernor.sol";

/**
 * @notice Differential test of {GovernorLateQuorum}: {CoverGovernor} and a Governor built on OpenZeppelin's own
 * {GovernorPreventLateQuorum} (same settings, counting, votes and quorum modules), on the same token and the same
 * proposal, receive the same random votes (voters, weights, supports, times) and must agree after every vote on
 * the outcome of the vote (success or the same revert), the events emitted, the deadline and the state.
 */
contract LateQuorumDifferentialTest is GovernanceSetup {
    uint256 private constant VOTERS = 8;
    uint48 private constant VOTING_DELAY = 1 hours;
    uint256 private constant TIMELOCK_DELAY = 2 days;

    CoverGovernor private cover;
    ReferenceLateQuorumGovernor private openZeppelin;
    address[VOTERS] private voters;

    /// @notice Random weights, quorum, period and extension; votes early, late, in the extension and too late.
    function testFuzz_lateQuorum_matchesOpenZeppelin(
        uint256 seed,
        uint256 periodSeed,
        uint256 extensionSeed,
        uint256 quorumSeed
    ) public {
        uint32 period = uint32(bound(periodSeed, 1 days, 30 days));
        uint48 extension = uint48(bound(extensionSeed, 1 hours, period < 7 days ? period : 7 days));
        _deploy(seed, period, extension, bound(quorumSeed, 1, 20));
        uint256 proposalId = _proposeOnBoth();
        vm.warp(cover.proposalSnapshot(proposalId) + 1);

        for (uint256 i; i < VOTERS; ++i) {
            seed = uint256(keccak256(abi.encode(seed, "vote", i)));
            uint256 deadline = cover.proposalDeadline(proposalId);
            uint256 mode = seed % 4;
            if (mode == 0 && deadline > block.timestamp + extension) {
                // Into the last extension window before the current deadline: the late-quorum case.
                vm.warp(deadline - ((seed >> 8) % extension));
            } else if (mode == 1) {
                // Past the deadline now and then: both must refuse alike.
                vm.warp(block.timestamp + ((seed >> 8) % (2 * uint256(extension))));
            } else {
                vm.warp(block.timestamp + ((seed >> 8) % (period / VOTERS + 1)));
            }
            _castOnBoth(voters[i], proposalId, uint8((seed >> 64) % 3));
        }
        vm.warp(cover.proposalDeadline(proposalId) + 1);
        assertEq(uint256(cover.state(proposalId)), uint256(openZeppelin.state(proposalId)), "final state");
    }

    /// @notice A scripted late quorum: both extend, to the same deadline, with the same event.
    function test_lateQuorum_extendsLikeOpenZeppelin() public {
        _deploy(0, 3 days, 1 days, 4);
        uint256 proposalId = _proposeOnBoth();
        uint256 deadline = cover.proposalDeadline(proposalId);
        vm.warp(deadline - 1 hours);
        // Voter 0 holds 5 % of the supply in `_deploy(0, ...)`'s fixed weights: quorum (4 %) reached late.
        _castOnBoth(voters[0], proposalId, 1);
        assertEq(cover.proposalDeadline(proposalId), block.timestamp + 1 days, "extended");
        vm.warp(block.timestamp + 1 days);
        _castOnBoth(voters[1], proposalId, 0);
        vm.warp(block.timestamp + 1);
        _castOnBoth(voters[2], proposalId, 1);
    }

    /// @dev Deploys the core, funds the voters (fixed weights for `seed` zero), and both Governors.
    function _deploy(uint256 seed, uint32 period, uint48 extension, uint256 quorumPercent) private {
        _deployCore();
        for (uint256 i; i < VOTERS; ++i) {
            voters[i] = address(uint160(0xA000 + i));
            uint256 weight =
                seed == 0
                    ? (SUPPLY * 5) / 100
                    : bound(uint256(keccak256(abi.encode(seed, "weight", i))), 0, SUPPLY / 16);
            _fund(voters[i], weight, true);
        }
        // The Governor bounds its threshold by the supply one second back: deploy after the transfers.
        vm.warp(block.timestamp + 1);
        address[] memory none = new address[](0);
        CoverTimelock timelock = new CoverTimelock(TIMELOCK_DELAY, none, none, address(this));
        cover = new CoverGovernor(
            IVotes(address(token)),
            timelock,
            CoverGovernor.Config({
                votingDelay: VOTING_DELAY,
                votingPeriod: period,
                proposalThreshold: 0,
                quorumPercent: quorumPercent,
                lateQuorumExtension: extension,
                proposalGuardian: address(0)
            })
        );
        openZeppelin = new ReferenceLateQuorumGovernor(
            IVotes(address(token)),
            VOTING_DELAY,
            period,
            quorumPercent,
            extension
        );
    }

    /// @dev The same proposal on both Governors, in the same second: same id, snapshot and deadline.
    function _proposeOnBoth() private returns (uint256 proposalId) {
        address[] memory targets = new address[](1);
        targets[0] = address(token);
        uint256[] memory values = new uint256[](1);
        bytes[] memory calldatas = new bytes[](1);
        calldatas[0] = abi.encodeCall(token.clock, ());
        proposalId = cover.propose(targets, values, calldatas, "late quorum");
        assertEq(openZeppelin.propose(targets, values, calldatas, "late quorum"), proposalId, "same id");
        assertEq(openZeppelin.proposalDeadline(proposalId), cover.proposalDeadline(proposalId), "same deadline");
    }

    /// @dev `voter` votes `support` on both; both must succeed or revert alike and emit the same events.
    function _castOnBoth(address voter, uint256 proposalId, uint8 support) private {
        bytes memory call = abi.encodeCall(IGovernor.castVote, (proposalId, support));
        vm.recordLogs();
        vm.prank(voter);
        // solhint-disable-next-line avoid-low-level-calls
        (bool coverOk, bytes memory coverOut) = address(cover).call(call);
        Vm.Log[] memory coverLogs = vm.getRecordedLogs();
        vm.recordLogs();
        vm.prank(voter);
        // solhint-disable-next-line avoid-low-level-calls
        (bool openZeppelinOk, bytes memory openZeppelinOut) = address(openZeppelin).call(call);
        Vm.Log[] memory openZeppelinLogs = vm.getRecordedLogs();

        assertTrue(coverOk == openZeppelinOk, "both succeed or both revert");
        assertEq(uint256(keccak256(coverOut)), uint256(keccak256(openZeppelinOut)), "same return or revert data");
        _assertSameEvents(coverLogs, address(cover), openZeppelinLogs, address(openZeppelin));
        assertEq(cover.proposalDeadline(proposalId), openZeppelin.proposalDeadline(proposalId), "deadline");
        assertEq(uint256(cover.state(proposalId)), uint256(openZeppelin.state(proposalId)), "state");
    }

    /// @dev The events `a` emitted in `aLogs` are, in order, those `b` emitted in `bLogs`.
    function _assertSameEvents(Vm.Log[] memory aLogs, address a, Vm.Log[] memory bLogs, address b) private pure {
        uint256 j;
        for (uint256 i; i < aLogs.length; ++i) {
            if (aLogs[i].emitter != a) continue;
            while (j < bLogs.length && bLogs[j].emitter != b) ++j;
            assertTrue(j < bLogs.length, "OpenZeppelin's Governor emitted fewer events");
            assertEq(
                uint256(keccak256(abi.encode(aLogs[i].topics))),
                uint256(keccak256(abi.encode(bLogs[j].topics))),
                "topics"
            );
            assertEq(uint256(keccak256(aLogs[i].data)), uint256(keccak256(bLogs[j].data)), "data");
            ++j;
        }
        while (j < bLogs.length && bLogs[j].emitter != b) ++j;
        assertEq(j, bLogs.length, "OpenZeppelin's Governor emitted more events");
    }
}
