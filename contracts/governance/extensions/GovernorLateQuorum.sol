// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title GovernorLateQuorum
 * @notice Late-quorum protection: when a proposal first reaches quorum so late that less than
 * {lateQuorumVoteExtension} of voting remains, its deadline moves to that much after the vote, so a
 * last-minute swing always leaves the other side time to answer.
 * @dev Same rule, events and getters as OpenZeppelin's {GovernorPreventLateQuorum}, which indexers read
 * unchanged; it differs in cost only. OpenZeppelin computes the quorum on every vote to record the moment
 * it was reached. Here a vote outside the final extension window skips that work: reaching quorum then
 * could not extend anything. Inside the window, the quorum is checked once, and whether it had already
 * been reached before this vote ({_quorumReachedBeforeLastVote}) decides between "reached early: never
 * extend" and "reached late: extend" exactly as OpenZeppelin's recorded moment would.
 */
abstract contract GovernorLateQuorum is Governor {
    mapping(uint256 proposalId => uint48) private _extendedDeadlines;
    uint48 private _voteExtension;

    /// @notice A proposal's deadline moved to `extendedDeadline` because it reached quorum late.
    event ProposalExtended(uint256 indexed proposalId, uint64 extendedDeadline);

    /// @notice The late-quorum vote extension changed.
    event LateQuorumVoteExtensionSet(uint64 oldVoteExtension, uint64 newVoteExtension);

    constructor(uint48 initialVoteExtension) {
        _setLateQuorumVoteExtension(initialVoteExtension);
    }

    /// @notice The proposal's deadline, including a late-quorum extension if one happened.
    function proposalDeadline(uint256 proposalId) public view virtual override returns (uint256) {
        return Math.max(super.proposalDeadline(proposalId), _extendedDeadlines[proposalId]);
    }

    /// @notice Voting time guaranteed after a proposal reaches quorum (seconds).
    function lateQuorumVoteExtension() public view virtual returns (uint48) {
        return _voteExtension;
    }

    /**
     * @notice Changes the late-quorum vote extension. Governance only.
     * @dev Emits a {LateQuorumVoteExtensionSet} event.
     */
    function setLateQuorumVoteExtension(uint48 newVoteExtension) public virtual onlyGovernance {
        _setLateQuorumVoteExtension(newVoteExtension);
    }

    function _setLateQuorumVoteExtension(uint48 newVoteExtension) internal virtual {
        emit LateQuorumVoteExtensionSet(_voteExtension, newVoteExtension);
        _voteExtension = newVoteExtension;
    }

    /// @dev Whether the tally without the vote just counted had already reached quorum.
    function _quorumReachedBeforeLastVote(uint256 proposalId) internal view virtual returns (bool);

    function _tallyUpdated(uint256 proposalId) internal virtual override {
        super._tallyUpdated(proposalId);
        if (_extendedDeadlines[proposalId] != 0) return; // quorum already reached late and handled
        uint256 deadline = super.proposalDeadline(proposalId);
        uint48 extendedDeadline = clock() + _voteExtension;
        if (extendedDeadline <= deadline) return; // early vote: reaching quorum now extends nothing
        if (!_quorumReached(proposalId)) return;
        if (_quorumReachedBeforeLastVote(proposalId)) {
            // Reached before the window: mark it so no later vote extends the deadline.
            _extendedDeadlines[proposalId] = uint48(deadline);
            return;
        }
        _extendedDeadlines[proposalId] = extendedDeadline;
        emit ProposalExtended(proposalId, extendedDeadline);
    }
}
