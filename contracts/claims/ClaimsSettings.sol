// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {RiskChangeDelay} from "../governance/RiskChangeDelay.sol";
import {ICoverClaims} from "./interfaces/ICoverClaims.sol";

/**
 * @title ClaimsSettings
 * @notice The claims module's parameters, their bounds and their governance setters, the way OpenZeppelin's
 * `GovernorSettings` holds a Governor's: every value is set within its bounds at deployment and by the DAO's
 * AccessManager (the Timelock) afterwards, and every change emits a {ClaimParameterSet} event naming it.
 * @dev A lower quorum raises the pools' risk, so {setQuorumBps} goes through {RiskChangeDelay}; the inheritor
 * supplies {riskChangeDelay} and {_syncGracePeriod} (the cover book keeps a copy of the grace period). Most
 * parameters apply to claims filed afterwards, which fix their timing at filing.
 */
abstract contract ClaimsSettings is ICoverClaims, AccessManaged, RiskChangeDelay {
    /// @notice Name of the claim quorum among the risk parameters whose raises wait ({pendingRiskChange}).
    bytes32 public constant QUORUM = "quorumBps";

    /// @notice Parameter bounds.
    uint32 public constant MIN_VOTING_PERIOD = 1 days;
    uint32 public constant MAX_VOTING_PERIOD = 14 days;
    uint32 public constant MIN_LATE_VOTE_EXTENSION = 1 hours;
    uint32 public constant MAX_LATE_VOTE_EXTENSION = 2 days;
    uint8 public constant MAX_EXTENSIONS_CEILING = 5;
    uint32 public constant MIN_COOLDOWN = 1 days;
    uint32 public constant MAX_COOLDOWN = 7 days;
    uint32 public constant MIN_ESCALATION_TIMEOUT = 7 days;
    uint32 public constant MAX_ESCALATION_TIMEOUT = 60 days;
    uint32 public constant MIN_REDEMPTION_WINDOW = 30 days;
    uint32 public constant MAX_REDEMPTION_WINDOW = 365 days;
    uint32 public constant MIN_GRACE_PERIOD = 1 days;
    uint32 public constant MAX_GRACE_PERIOD = 90 days;
    uint16 public constant MIN_QUORUM_BPS = 100;
    uint16 public constant MAX_QUORUM_BPS = 5_000;
    uint16 public constant MAX_REWARD_BPS = 1_000;
    uint96 public constant MIN_CLAIM_DEPOSIT = 0.001 ether;
    uint96 public constant MAX_CLAIM_DEPOSIT = 10 ether;
    uint96 public constant MIN_ESCALATION_BOND = 0.01 ether;
    uint96 public constant MAX_ESCALATION_BOND = 100 ether;
    /// @notice Bounds of the escalation bond scale (the bond of a claim as large as its pool's capital), and its
    /// value at deployment.
    uint96 public constant MIN_ESCALATION_BOND_SCALE = 0.01 ether;
    uint96 public constant MAX_ESCALATION_BOND_SCALE = 10_000 ether;
    uint96 public constant DEFAULT_ESCALATION_BOND_SCALE = 20 ether;
    uint16 public constant MAX_REWARD_AMOUNT_BPS = 500;
    uint16 public constant MAX_QUORUM_MISS_FEE_BPS = 5_000;

    ClaimParameters private _params;
    address private _treasury;
    uint96 private _escalationBondScale;

    /**
     * @param treasury_ Receives forfeited deposits and bonds (the Timelock).
     * @param params Initial parameters, each within its bounds; the escalation bond scale starts at
     * {DEFAULT_ESCALATION_BOND_SCALE}.
     */
    constructor(address treasury_, ClaimParameters memory params) {
        _setTreasury(treasury_);
        _setVotingPeriod(params.votingPeriod);
        _setLateVoteExtension(params.lateVoteExtension);
        _setMaxExtensions(params.maxExtensions);
        _setCooldown(params.cooldown);
        _setEscalationTimeout(params.escalationTimeout);
        _setRedemptionWindow(params.redemptionWindow);
        _setGracePeriod(params.gracePeriod);
        _setQuorumBps(params.quorumBps);
        _setRewardBps(params.rewardBps);
        _setClaimDeposit(params.claimDeposit);
        _setEscalationBond(params.escalationBond);
        _setRewardAmountBps(params.rewardAmountBps);
        _setQuorumMissFeeBps(params.quorumMissFeeBps);
        _setEscalationBondScale(DEFAULT_ESCALATION_BOND_SCALE);
    }

    // ---------------------------------------------------------------- governance

    /// @notice Sets the length of the vote, within [{MIN_VOTING_PERIOD}, {MAX_VOTING_PERIOD}]. Governance only.
    /// @dev Applies to claims filed afterwards. Emits a {ClaimParameterSet} event.
    function setVotingPeriod(uint32 value) external restricted {
        _setVotingPeriod(value);
    }

    /// @notice Sets the late-vote extension, within [{MIN_LATE_VOTE_EXTENSION}, {MAX_LATE_VOTE_EXTENSION}].
    /// Governance only.
    /// @dev Applies to claims filed afterwards. Emits a {ClaimParameterSet} event.
    function setLateVoteExtension(uint32 value) external restricted {
        _setLateVoteExtension(value);
    }

    /// @notice Sets how often one vote may be extended, at most {MAX_EXTENSIONS_CEILING}. Governance only.
    /// @dev Applies to claims filed afterwards. Emits a {ClaimParameterSet} event.
    function setMaxExtensions(uint8 value) external restricted {
        _setMaxExtensions(value);
    }

    /// @notice Sets the cooldown, within [{MIN_COOLDOWN}, {MAX_COOLDOWN}]. Governance only.
    /// @dev Applies to claims filed afterwards. Emits a {ClaimParameterSet} event.
    function setCooldown(uint32 value) external restricted {
        _setCooldown(value);
    }

    /// @notice Sets the time governance has to decide an escalation, within [{MIN_ESCALATION_TIMEOUT},
    /// {MAX_ESCALATION_TIMEOUT}]. Governance only.
    /// @dev Applies to claims filed afterwards. Emits a {ClaimParameterSet} event.
    function setEscalationTimeout(uint32 value) external restricted {
        _setEscalationTimeout(value);
    }

    /// @notice Sets the redemption window, within [{MIN_REDEMPTION_WINDOW}, {MAX_REDEMPTION_WINDOW}].
    /// Governance only.
    /// @dev Applies to claims filed afterwards. Emits a {ClaimParameterSet} event.
    function setRedemptionWindow(uint32 value) external restricted {
        _setRedemptionWindow(value);
    }

    /// @notice Sets the grace period after a cover ends, within [{MIN_GRACE_PERIOD}, {MAX_GRACE_PERIOD}].
    /// Governance only.
    /// @dev Covers bought afterwards are backed by their pool for this long after their end; a cover's filing
    /// window ends at its end plus the lesser of this and the grace period fixed on it at purchase. Syncs the
    /// cover book's copy ({ICoverBook-syncGracePeriod}). Emits a {ClaimParameterSet} event.
    function setGracePeriod(uint32 value) external restricted {
        _setGracePeriod(value);
        // New covers fix it at purchase; the cover book keeps a copy (it reads the current module's value).
        _syncGracePeriod();
    }

    /**
     * @notice Sets the quorum (bps of the total stake at filing), within [{MIN_QUORUM_BPS}, {MAX_QUORUM_BPS}].
     * Governance only. A lower quorum makes a fraudulent approval cheaper: it raises the pools' risk, so it waits
     * for {riskChangeDelay} and is then applied by anyone ({applyRiskChange} with "quorumBps").
     * @dev Applies to claims filed afterwards. Emits a {ClaimParameterSet} event when it applies, a
     * {RiskChangeQueued} event when it waits.
     */
    function setQuorumBps(uint16 value) external restricted {
        _checkBounds(QUORUM, value, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        _changeRisk(QUORUM, value, value < _params.quorumBps, riskChangeDelay());
    }

    /// @notice Sets the share of the unreserved assessor pot one claim pays its voters, at most
    /// {MAX_REWARD_BPS}. Governance only.
    /// @dev Applies to rewards fixed afterwards. Emits a {ClaimParameterSet} event.
    function setRewardBps(uint16 value) external restricted {
        _setRewardBps(value);
    }

    /// @notice Sets the claim deposit, within [{MIN_CLAIM_DEPOSIT}, {MAX_CLAIM_DEPOSIT}]. Governance only.
    /// @dev Applies to claims filed afterwards. Emits a {ClaimParameterSet} event.
    function setClaimDeposit(uint96 value) external restricted {
        _setClaimDeposit(value);
    }

    /// @notice Sets the escalation bond, within [{MIN_ESCALATION_BOND}, {MAX_ESCALATION_BOND}]. Governance only.
    /// @dev Emits a {ClaimParameterSet} event.
    function setEscalationBond(uint96 value) external restricted {
        _setEscalationBond(value);
    }

    /// @notice Sets the escalation bond scale, the bond of a claim as large as its pool's capital, within
    /// [{MIN_ESCALATION_BOND_SCALE}, {MAX_ESCALATION_BOND_SCALE}]. Governance only.
    /// @dev Emits a {ClaimParameterSet} event.
    function setEscalationBondScale(uint96 value) external restricted {
        _setEscalationBondScale(value);
    }

    /// @notice Sets what one claim that reached quorum pays its voters, in bps of the amount claimed, at most
    /// {MAX_REWARD_AMOUNT_BPS}. Governance only.
    /// @dev Applies to rewards fixed afterwards. Emits a {ClaimParameterSet} event.
    function setRewardAmountBps(uint16 value) external restricted {
        _setRewardAmountBps(value);
    }

    /// @notice Sets the share of the deposit kept when a claim misses quorum, at most {MAX_QUORUM_MISS_FEE_BPS}.
    /// Governance only.
    /// @dev Applies to claims settled afterwards. Emits a {ClaimParameterSet} event.
    function setQuorumMissFeeBps(uint16 value) external restricted {
        _setQuorumMissFeeBps(value);
    }

    /// @notice Sets the treasury that receives forfeited deposits and bonds (not zero). Governance only.
    /// @dev Emits a {ClaimsTreasurySet} event.
    function setTreasury(address newTreasury) external restricted {
        _setTreasury(newTreasury);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICoverClaims
    function parameters() external view returns (ClaimParameters memory) {
        return _params;
    }

    /// @inheritdoc ICoverClaims
    function gracePeriod() external view returns (uint32) {
        return _params.gracePeriod;
    }

    /// @inheritdoc ICoverClaims
    function treasury() public view returns (address) {
        return _treasury;
    }

    /// @notice The escalation bond of a claim as large as its pool's capital (see {escalationBondOf}).
    function escalationBondScale() public view returns (uint96) {
        return _escalationBondScale;
    }

    // ---------------------------------------------------------------- internal

    /**
     * @dev The parameters in force, as a storage reference so that a caller reads only the slot of the fields it
     * uses. Read-only: every write goes through the bounded setters below.
     */
    function _claimParameters() internal view returns (ClaimParameters storage) {
        return _params;
    }

    /// @dev Called by {setGracePeriod} after the grace period changed, for the inheritor's copies of it.
    function _syncGracePeriod() internal virtual;

    /// @dev Sets a queued (or immediate) change of the quorum, the one risk parameter here that waits.
    function _applyRiskChange(bytes32 parameter, uint256 value) internal override {
        if (parameter == QUORUM) _setQuorumBps(uint16(value));
    }

    function _checkBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max) private pure {
        if (value < min || value > max) revert ClaimsParameterOutOfBounds(parameter, value, min, max);
    }

    /// @dev Checks `value` against [`min`, `max`] and emits its change from `oldValue` (one copy for every setter).
    function _checkAndLog(bytes32 parameter, uint256 oldValue, uint256 value, uint256 min, uint256 max) private {
        _checkBounds(parameter, value, min, max);
        emit ClaimParameterSet(parameter, oldValue, value);
    }

    function _setVotingPeriod(uint32 value) private {
        _checkAndLog("votingPeriod", _params.votingPeriod, value, MIN_VOTING_PERIOD, MAX_VOTING_PERIOD);
        _params.votingPeriod = value;
    }

    function _setLateVoteExtension(uint32 value) private {
        _checkAndLog(
            "lateVoteExtension",
            _params.lateVoteExtension,
            value,
            MIN_LATE_VOTE_EXTENSION,
            MAX_LATE_VOTE_EXTENSION
        );
        _params.lateVoteExtension = value;
    }

    function _setMaxExtensions(uint8 value) private {
        _checkAndLog("maxExtensions", _params.maxExtensions, value, 0, MAX_EXTENSIONS_CEILING);
        _params.maxExtensions = value;
    }

    function _setCooldown(uint32 value) private {
        _checkAndLog("cooldown", _params.cooldown, value, MIN_COOLDOWN, MAX_COOLDOWN);
        _params.cooldown = value;
    }

    function _setEscalationTimeout(uint32 value) private {
        _checkAndLog(
            "escalationTimeout",
            _params.escalationTimeout,
            value,
            MIN_ESCALATION_TIMEOUT,
            MAX_ESCALATION_TIMEOUT
        );
        _params.escalationTimeout = value;
    }

    function _setRedemptionWindow(uint32 value) private {
        _checkAndLog("redemptionWindow", _params.redemptionWindow, value, MIN_REDEMPTION_WINDOW, MAX_REDEMPTION_WINDOW);
        _params.redemptionWindow = value;
    }

    function _setGracePeriod(uint32 value) private {
        _checkAndLog("gracePeriod", _params.gracePeriod, value, MIN_GRACE_PERIOD, MAX_GRACE_PERIOD);
        _params.gracePeriod = value;
    }

    function _setQuorumBps(uint16 value) private {
        _checkAndLog(QUORUM, _params.quorumBps, value, MIN_QUORUM_BPS, MAX_QUORUM_BPS);
        _params.quorumBps = value;
    }

    function _setRewardBps(uint16 value) private {
        _checkAndLog("rewardBps", _params.rewardBps, value, 0, MAX_REWARD_BPS);
        _params.rewardBps = value;
    }

    function _setClaimDeposit(uint96 value) private {
        _checkAndLog("claimDeposit", _params.claimDeposit, value, MIN_CLAIM_DEPOSIT, MAX_CLAIM_DEPOSIT);
        _params.claimDeposit = value;
    }

    function _setEscalationBond(uint96 value) private {
        _checkAndLog("escalationBond", _params.escalationBond, value, MIN_ESCALATION_BOND, MAX_ESCALATION_BOND);
        _params.escalationBond = value;
    }

    function _setEscalationBondScale(uint96 value) private {
        _checkAndLog(
            "escalationBondScale",
            _escalationBondScale,
            value,
            MIN_ESCALATION_BOND_SCALE,
            MAX_ESCALATION_BOND_SCALE
        );
        _escalationBondScale = value;
    }

    function _setRewardAmountBps(uint16 value) private {
        _checkAndLog("rewardAmountBps", _params.rewardAmountBps, value, 0, MAX_REWARD_AMOUNT_BPS);
        _params.rewardAmountBps = value;
    }

    function _setQuorumMissFeeBps(uint16 value) private {
        _checkAndLog("quorumMissFeeBps", _params.quorumMissFeeBps, value, 0, MAX_QUORUM_MISS_FEE_BPS);
        _params.quorumMissFeeBps = value;
    }

    function _setTreasury(address value) private {
        if (value == address(0)) revert ClaimsZeroAddress();
        emit ClaimsTreasurySet(_treasury, value);
        _treasury = value;
    }
}
