// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";
import {GovernorProposalGuardian} from "@openzeppelin/contracts/governance/extensions/GovernorProposalGuardian.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ICoverGovernor} from "./interfaces/ICoverGovernor.sol";
import {GovernorLateQuorum} from "./extensions/GovernorLateQuorum.sol";
import {GovernorProposalIndex} from "./extensions/GovernorProposalIndex.sol";

/**
 * @title CoverGovernor
 * @notice The DAO's token-weighted Governor. Votes are read from the {GovernanceToken}, which counts
 * held plus staked tokens, at each proposal's snapshot; proposals execute only through the Timelock.
 * @dev Plain OpenZeppelin modules, so Tally-style indexers read it unchanged: settings, simple counting
 * (against/for/abstain), votes, quorum fraction, timelock control, late-quorum protection ({GovernorLateQuorum},
 * OpenZeppelin's rule and events at a lower cost per vote), a proposal
 * guardian that may cancel any pending or active proposal, and an on-chain index of proposals
 * ({GovernorProposalIndex}) so a UI lists the newest ones without scanning every event. Every setting is bounded; a proposal that sets
 * one out of range fails at execution with {GovernorParameterOutOfBounds}.
 */
contract CoverGovernor is
    Governor,
    GovernorVotes,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotesQuorumFraction,
    GovernorTimelockControl,
    GovernorLateQuorum,
    GovernorProposalGuardian,
    GovernorProposalIndex,
    ICoverGovernor
{
    /// @notice Bounds of the voting delay (seconds).
    uint48 public constant MIN_VOTING_DELAY = 1 hours;
    uint48 public constant MAX_VOTING_DELAY = 14 days;
    /// @notice Bounds of the voting period (seconds).
    uint32 public constant MIN_VOTING_PERIOD = 1 days;
    uint32 public constant MAX_VOTING_PERIOD = 30 days;
    /// @notice Bounds of the quorum, in percent of the total supply at the snapshot.
    uint256 public constant MIN_QUORUM_PERCENT = 1;
    uint256 public constant MAX_QUORUM_PERCENT = 50;
    /// @notice Largest proposal threshold, in basis points of the current total supply.
    uint256 public constant MAX_THRESHOLD_BPS = 500;
    /// @notice Bounds of the late-quorum vote extension (seconds).
    uint48 public constant MIN_LATE_QUORUM_EXTENSION = 1 hours;
    uint48 public constant MAX_LATE_QUORUM_EXTENSION = 7 days;

    /// @dev Weight the vote being cast adds towards quorum (for + abstain), for {GovernorLateQuorum}.
    uint256 private transient _lastVoteQuorumWeight;

    /// @notice Governor settings at deployment.
    struct Config {
        uint48 votingDelay;
        uint32 votingPeriod;
        uint256 proposalThreshold;
        uint256 quorumPercent;
        uint48 lateQuorumExtension;
        address proposalGuardian;
    }

    /**
     * @param token_ The voting-power source (the {GovernanceToken}: held + staked tokens).
     * @param timelock_ The Timelock that executes proposals and holds every privilege.
     * @param config Initial settings, each checked against its bounds.
     */
    constructor(
        IVotes token_,
        TimelockController timelock_,
        Config memory config
    )
        Governor("CoverDAO Governor")
        GovernorVotes(token_)
        GovernorSettings(config.votingDelay, config.votingPeriod, config.proposalThreshold)
        GovernorVotesQuorumFraction(config.quorumPercent)
        GovernorTimelockControl(timelock_)
        GovernorLateQuorum(config.lateQuorumExtension)
    {
        _setProposalGuardian(config.proposalGuardian);
    }

    // ------------------------------------------------------ bounded settings

    /// @dev Bounded by {MIN_VOTING_DELAY} and {MAX_VOTING_DELAY}.
    function _setVotingDelay(uint48 newVotingDelay) internal override {
        _checkBounds("votingDelay", newVotingDelay, MIN_VOTING_DELAY, MAX_VOTING_DELAY);
        super._setVotingDelay(newVotingDelay);
    }

    /// @dev Bounded by {MIN_VOTING_PERIOD} and {MAX_VOTING_PERIOD}.
    function _setVotingPeriod(uint32 newVotingPeriod) internal override {
        _checkBounds("votingPeriod", newVotingPeriod, MIN_VOTING_PERIOD, MAX_VOTING_PERIOD);
        super._setVotingPeriod(newVotingPeriod);
    }

    /// @dev At most {MAX_THRESHOLD_BPS} of the token's current total supply.
    function _setProposalThreshold(uint256 newProposalThreshold) internal override {
        uint256 supply = token().getPastTotalSupply(clock() - 1);
        _checkBounds("proposalThreshold", newProposalThreshold, 0, (supply * MAX_THRESHOLD_BPS) / 10_000);
        super._setProposalThreshold(newProposalThreshold);
    }

    /// @dev Bounded by {MIN_QUORUM_PERCENT} and {MAX_QUORUM_PERCENT}.
    function _updateQuorumNumerator(uint256 newQuorumNumerator) internal override {
        _checkBounds("quorumPercent", newQuorumNumerator, MIN_QUORUM_PERCENT, MAX_QUORUM_PERCENT);
        super._updateQuorumNumerator(newQuorumNumerator);
    }

    /// @dev Bounded by {MIN_LATE_QUORUM_EXTENSION} and {MAX_LATE_QUORUM_EXTENSION}.
    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal override {
        _checkBounds("lateQuorumExtension", newVoteExtension, MIN_LATE_QUORUM_EXTENSION, MAX_LATE_QUORUM_EXTENSION);
        super._setLateQuorumVoteExtension(newVoteExtension);
    }

    function _checkBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert GovernorParameterOutOfBounds(parameter, value, min, max);
    }

    // ------------------------------------------------- required overrides

    /// @inheritdoc Governor
    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    /// @inheritdoc Governor
    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    /// @inheritdoc Governor
    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    /// @inheritdoc Governor
    function quorum(uint256 timepoint) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    /// @inheritdoc Governor
    function state(uint256 proposalId) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    /// @inheritdoc Governor
    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    /// @inheritdoc Governor
    function proposalDeadline(uint256 proposalId) public view override(Governor, GovernorLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    /// @dev Remembers, for this transaction only, how much the vote adds towards quorum.
    function _countVote(
        uint256 proposalId,
        address account,
        uint8 support,
        uint256 totalWeight,
        bytes memory params
    ) internal override(Governor, GovernorCountingSimple) returns (uint256 counted) {
        counted = super._countVote(proposalId, account, support, totalWeight, params);
        _lastVoteQuorumWeight = support == uint8(VoteType.Against) ? 0 : counted;
    }

    function _quorumReachedBeforeLastVote(uint256 proposalId) internal view override returns (bool) {
        (, uint256 forVotes, uint256 abstainVotes) = proposalVotes(proposalId);
        return quorum(proposalSnapshot(proposalId)) <= forVotes + abstainVotes - _lastVoteQuorumWeight;
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal override(Governor, GovernorProposalIndex) returns (uint256) {
        return super._propose(targets, values, calldatas, description, proposer);
    }

    function _validateCancel(
        uint256 proposalId,
        address caller
    ) internal view override(Governor, GovernorProposalGuardian) returns (bool) {
        return super._validateCancel(proposalId, caller);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
