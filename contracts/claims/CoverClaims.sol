// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {ICoverBook} from "../cover/interfaces/ICoverBook.sol";
import {ICapitalPool} from "../pool/interfaces/ICapitalPool.sol";
import {IStakingVault} from "../governance/interfaces/IStakingVault.sol";
import {GuardianPausable} from "../governance/GuardianPausable.sol";
import {RiskChangeDelay} from "../governance/RiskChangeDelay.sol";
import {IRiskChangeDelay} from "../governance/interfaces/IRiskChangeDelay.sol";
import {ICoverClaims} from "./interfaces/ICoverClaims.sol";
import {OracleRounds} from "./libraries/OracleRounds.sol";
import {Ballots} from "./libraries/Ballots.sol";
import {ClaimsSettings} from "./ClaimsSettings.sol";

/**
 * @title CoverClaims
 * @notice The claims module. Cover holders file claims with a deposit; stakers assess them with the stake
 * they had the second before filing; a disputed outcome can be escalated to governance during the cooldown;
 * the holder of the cover NFT redeems an approved claim from the cover's pool. Parametric claims are
 * approved by the product's price feed without a vote, once the fall is confirmed (see {OracleRounds}).
 *
 * Design:
 * - Weight: `StakingVault.getPastStake(voter, filedAt - 1)`, so stake added in or after the filing second
 *   counts nothing (flash-staking gains nothing). The voter must still have that stake when voting, and it
 *   is locked until the latest second the claim can become final ({Claim-lockUntil}: the vote with every
 *   extension, the cooldown and the escalation timeout), so every counted weight stays slashable.
 * - Outcome: approved when yes + no reaches the quorum (a share of the total stake at filing) and yes > no.
 *   A denial for lack of quorum returns the deposit less `quorumMissFeeBps` of it (sent to the treasury, so
 *   that junk claims cost their filer); a denial by vote or by governance forfeits it.
 * - Late votes: a vote in the last `lateVoteExtension` seconds moves the end to `now + lateVoteExtension`,
 *   at most `maxExtensions` times.
 * - Escalation: during the cooldown, with the escalation bond (flat, or scaled with the claim's share of its
 *   pool's capital when that is more: {escalationBondOf}) or by the guardian. An escalation delays the claim's
 *   finality but cannot extend anyone's exit: pool withdrawals are priced net of the open claim, not locked. Governance decides through
 *   the Timelock before `escalatedAt + escalationTimeout`. If it does not, the assessors' outcome stands and
 *   the bond is forfeited: an escalation asks governance to act, and one that does not move governance must
 *   not delay a payout for free. Governance overturning the assessors returns the bond.
 * - Payout: the cover ERC-721 carries the claim right, so whoever holds it at redemption is paid (a buyer of
 *   the NFT buys the pending claim); the deposit goes back to the claimant who paid it.
 * - Payments cannot be griefed: deposits and bonds go out by a call that forwards at most {PAYMENT_GAS} and
 *   copies no return data; a recipient that refuses (or bombs the caller with revert data) is credited and
 *   takes the credit with {withdrawCredit}. Nothing governance or a cover holder must do depends on it.
 * - Rewards follow work: only a claim that reached quorum pays its voters. The first {claimReward} fixes the
 *   claim's reward at `rewardAmountBps` of the amount claimed, at most `rewardBps` of the pool's assessor pot
 *   not yet reserved by other claims; voters share it pro-rata to weight.
 * - Parametric claims: the claimant names the trigger round; {OracleRounds-confirmTrigger} walks the feed
 *   through the product's confirmation window and the payout (full or loss-proportional) is computed here.
 *
 * @dev Restricted functions (the DAO's AccessManager): setters and {resolveEscalation} are governance's (the
 * admin role, the Timelock); {escalateAsGuardian}, {pause} and {unpause} belong to GUARDIAN_ROLE. This
 * contract needs CLAIMS_ROLE on `StakingVault.lock` and `CapitalPool.payAssessorReward`, and must be the cover
 * book's claims module (`CoverBook.setClaimsModule`) to pay claims and record them on covers.
 * Weights are stored as uint96: the governance token's fixed supply is far below 2^96.
 */
contract CoverClaims is ICoverClaims, GuardianPausable, ReentrancyGuardTransient, ClaimsSettings {
    using SafeCast for uint256;
    using Ballots for uint256;

    // Stored status flags; they are only ever added, so the derived state only moves forward.
    uint8 private constant FILED = 1;
    uint8 private constant PARAMETRIC = 2;
    uint8 private constant ESCALATED = 4;
    uint8 private constant DECIDED = 8;
    uint8 private constant PAID = 16;
    uint8 private constant SETTLED = 32;
    /// @dev The claim's liability was released in the pool (it ended unpaid); a payout consumes it instead.
    uint8 private constant RELEASED = 64;

    uint256 private constant BPS = 10_000;

    /// @notice Gas forwarded with an ETH payment (deposit refunds, bonds): enough for a smart-contract wallet's
    /// `receive`, too little to grief; a recipient that needs more is credited instead.
    uint256 public constant PAYMENT_GAS = 30_000;

    ICoverBook private immutable _coverBook;
    IStakingVault private immutable _staking;

    uint256 private _claimCount;

    mapping(uint256 claimId => Claim) private _claims;
    mapping(uint256 claimId => Escalation) private _escalations;
    /// @dev Per voter, their ballots packed 4 bits per claim ({Ballots}).
    mapping(address voter => mapping(uint256 word => uint256 bits)) private _ballots;
    mapping(uint256 claimId => uint256) private _rewards;
    mapping(address pool => uint256) private _reservedRewards;
    mapping(address account => uint256) private _credits;
    /// @dev Per parametric cover: the end of the last confirmation window paid for (one payout per fall).
    mapping(uint256 coverId => uint256) private _claimedUntil;

    /**
     * @param authority The DAO's AccessManager.
     * @param coverBook_ The cover contract (covers, products, payouts).
     * @param staking_ The staking vault (assessment weight and locks).
     * @param treasury_ Receives forfeited deposits and bonds (the Timelock).
     * @param params Initial parameters, each within its bounds.
     * @param pauseDuration_ How long one guardian pause of payouts lasts.
     */
    constructor(
        address authority,
        ICoverBook coverBook_,
        IStakingVault staking_,
        address treasury_,
        ClaimParameters memory params,
        uint48 pauseDuration_
    ) AccessManaged(authority) GuardianPausable(pauseDuration_) ClaimsSettings(treasury_, params) {
        if (address(coverBook_) == address(0) || address(staking_) == address(0)) revert ClaimsZeroAddress();
        _coverBook = coverBook_;
        _staking = staking_;
    }

    // ---------------------------------------------------------------- claimants

    /// @inheritdoc ICoverClaims
    function submitClaim(
        uint256 coverId,
        uint256 amount,
        string calldata evidenceURI
    ) external payable returns (uint256 claimId) {
        ClaimParameters memory p = _claimParameters();
        (ICoverBook.Cover memory c, uint256 previous) = _checkFiling(coverId, amount, p.gracePeriod);
        if (_coverBook.isParametric(c.productId)) revert ClaimsProductIsParametric(c.productId);
        _releasePrevious(previous);
        if (msg.value != p.claimDeposit) revert ClaimsWrongDeposit(msg.value, p.claimDeposit);

        uint48 nowTime = uint48(block.timestamp);
        uint48 votingEnd = nowTime + p.votingPeriod;
        uint256 quorumWeight = (_staking.getPastTotalStake(nowTime - 1) * p.quorumBps) / BPS;
        claimId = ++_claimCount;
        _claims[claimId] = Claim({
            yesWeight: 0,
            noWeight: 0,
            votingEnd: votingEnd,
            extensions: 0,
            status: FILED,
            filedAt: nowTime,
            lockUntil: votingEnd + uint48(p.maxExtensions) * p.lateVoteExtension + p.cooldown + p.escalationTimeout,
            lateVoteExtension: p.lateVoteExtension,
            maxExtensions: p.maxExtensions,
            cooldown: p.cooldown,
            escalationTimeout: p.escalationTimeout,
            redemptionWindow: p.redemptionWindow,
            claimant: msg.sender,
            amount: uint96(amount),
            coverId: coverId.toUint64(),
            deposit: p.claimDeposit,
            quorumWeight: quorumWeight.toUint96()
        });
        _coverBook.recordClaim(coverId, claimId, amount);
        emit ClaimSubmitted(claimId, coverId, msg.sender, amount, msg.value, votingEnd, evidenceURI);
    }

    /// @inheritdoc ICoverClaims
    function submitParametricClaim(uint256 coverId, uint256 amount, uint80 roundId) external returns (uint256 claimId) {
        (ICoverBook.Cover memory c, uint256 previous) = _checkFiling(coverId, amount, _claimParameters().gracePeriod);
        (OracleRounds.Confirmation memory confirmed, uint256 payout) = _confirmTrigger(coverId, c, amount, roundId);

        _releasePrevious(previous);
        uint48 nowTime = uint48(block.timestamp);
        claimId = ++_claimCount;
        Claim storage stored = _claims[claimId];
        stored.votingEnd = nowTime;
        stored.status = FILED | PARAMETRIC;
        stored.filedAt = nowTime;
        stored.redemptionWindow = _claimParameters().redemptionWindow;
        stored.claimant = msg.sender;
        stored.amount = uint96(payout);
        stored.coverId = coverId.toUint64();
        // The pool books what will be paid (the loss-proportional payout, not the amount asked) as a liability.
        _coverBook.recordClaim(coverId, claimId, payout);
        emit ParametricClaimApproved(
            claimId,
            coverId,
            msg.sender,
            payout,
            roundId,
            confirmed.triggerAnswer,
            confirmed.triggeredAt
        );
        emit ParametricTriggerConfirmed(
            claimId,
            roundId,
            confirmed.windowEnd,
            confirmed.endRoundId,
            confirmed.endAnswer,
            confirmed.rounds,
            amount,
            payout
        );
    }

    /// @inheritdoc ICoverClaims
    function redeemPayout(uint256 claimId) external nonReentrant whenNotPaused returns (uint256 paid) {
        Claim storage c = _claims[claimId];
        (ClaimState state, , , ) = _stateOf(claimId, c);
        if (state != ClaimState.Approved) revert ClaimsUnexpectedState(claimId, state, ClaimState.Approved);
        uint256 coverId = c.coverId;
        address holder = _coverBook.ownerOf(coverId);
        if (msg.sender != holder) revert ClaimsNotCoverHolder(coverId, msg.sender, holder);

        uint8 status = c.status;
        c.status = status | PAID | SETTLED;
        uint256 amount = c.amount;
        address claimant = c.claimant;
        uint256 deposit = c.deposit;

        // CoverBook pays at most the cover's remaining amount and records any pool shortfall.
        paid = _coverBook.payout(coverId, holder, amount);
        emit ClaimPaid(claimId, coverId, holder, amount, paid);
        if (deposit != 0) _send(claimant, deposit);
        // An approval after a lapsed escalation still forfeits the bond (see the contract's notes).
        if (status & ESCALATED != 0) _settleBond(claimId, false);
    }

    /// @inheritdoc ICoverClaims
    function settleClaim(uint256 claimId) external nonReentrant {
        Claim storage c = _claims[claimId];
        (ClaimState state, Decision decision, , ) = _stateOf(claimId, c);
        if (state != ClaimState.Denied && state != ClaimState.Expired) {
            revert ClaimsUnexpectedState(claimId, state, ClaimState.Denied);
        }
        uint8 status = c.status;
        if (status & SETTLED != 0) revert ClaimsAlreadySettled(claimId);
        c.status = status | SETTLED | RELEASED;
        // The claim will not be paid: its amount stops being a liability of the pool (unless a newer claim on the
        // cover released it already).
        if (status & RELEASED == 0) _coverBook.releaseClaim(c.coverId, c.amount);

        // Expired approvals and denials for lack of quorum return the deposit (less the quorum-miss fee for the
        // latter); denials on the merits keep it.
        bool noQuorum = state == ClaimState.Denied && decision != Decision.Governance && !_quorumReached(c);
        bool refund = state == ClaimState.Expired || noQuorum;
        uint256 deposit = c.deposit;
        emit ClaimSettled(claimId, state, refund);
        if (noQuorum && deposit != 0) {
            uint256 kept = (deposit * _claimParameters().quorumMissFeeBps) / BPS;
            emit QuorumMissFeeKept(claimId, kept);
            if (kept != 0) _send(treasury(), kept);
            deposit -= kept;
        }
        if (deposit != 0) _send(refund ? c.claimant : treasury(), deposit);
        if (status & ESCALATED != 0) _settleBond(claimId, false);
    }

    /// @inheritdoc ICoverClaims
    function withdrawCredit() external nonReentrant returns (uint256 amount) {
        amount = _credits[msg.sender];
        if (amount == 0) revert ClaimsNoCredit(msg.sender);
        delete _credits[msg.sender];
        emit CreditWithdrawn(msg.sender, amount);
        // The caller's own transaction: all gas forwarded; no return data copied.
        bool ok;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            ok := call(gas(), caller(), amount, 0, 0, 0, 0)
        }
        if (!ok) revert ClaimsTransferFailed(msg.sender, amount);
    }

    // ---------------------------------------------------------------- assessors

    /// @inheritdoc ICoverClaims
    function castClaimVote(uint256 claimId, bool support) external {
        Claim storage c = _claims[claimId];
        uint48 votingEnd = c.votingEnd;
        uint48 nowTime = uint48(block.timestamp);
        // Only an assessed claim that is neither escalated nor closed has FILED alone.
        if (c.status != FILED || nowTime >= votingEnd) {
            (ClaimState state, , , ) = _stateOf(claimId, c);
            revert ClaimsUnexpectedState(claimId, state, ClaimState.Voting);
        }

        mapping(uint256 => uint256) storage ballots = _ballots[msg.sender];
        (uint256 word, uint256 shift) = Ballots.locate(claimId);
        uint256 bits = ballots[word];
        if (bits.has(shift, Ballots.VOTED)) revert ClaimsAlreadyVoted(claimId, msg.sender);

        uint256 weight = _staking.getPastStake(msg.sender, c.filedAt - 1);
        if (weight == 0) revert ClaimsNoWeight(claimId, msg.sender);
        uint256 current = _staking.stakeOf(msg.sender);
        // Every counted weight must still be staked, so that the lock below keeps it slashable.
        if (current < weight) revert IStakingVault.StakingInsufficientStake(weight, current);

        ballots[word] = bits.add(shift, support ? Ballots.VOTED | Ballots.SUPPORT : Ballots.VOTED);
        if (support) c.yesWeight += weight.toUint96();
        else c.noWeight += weight.toUint96();

        uint32 extension = c.lateVoteExtension;
        uint8 extensions = c.extensions;
        // `votingEnd - nowTime` cannot underflow: nowTime < votingEnd was checked above.
        if (votingEnd - nowTime < extension && extensions < c.maxExtensions) {
            votingEnd = nowTime + extension;
            c.votingEnd = votingEnd;
            c.extensions = extensions + 1;
            emit ClaimVotingExtended(claimId, votingEnd, extensions + 1);
        }
        _staking.lock(msg.sender, c.lockUntil);
        emit ClaimVoteCast(claimId, msg.sender, support, weight);
    }

    /// @inheritdoc ICoverClaims
    function claimReward(uint256 claimId) external nonReentrant whenNotPaused returns (uint256 amount) {
        Claim storage c = _claims[claimId];
        (ClaimState state, , , ) = _stateOf(claimId, c);
        if (state < ClaimState.Approved) revert ClaimsUnexpectedState(claimId, state, ClaimState.Approved);
        if (!_quorumReached(c)) revert ClaimsRewardWithoutQuorum(claimId);

        {
            // Scoped: the legacy pipeline (Solidity tests compile this file through it) runs out of stack otherwise.
            mapping(uint256 => uint256) storage ballots = _ballots[msg.sender];
            (uint256 word, uint256 shift) = Ballots.locate(claimId);
            uint256 bits = ballots[word];
            if (!bits.has(shift, Ballots.VOTED) || bits.has(shift, Ballots.REWARDED)) {
                revert ClaimsNoReward(claimId, msg.sender);
            }
            ballots[word] = bits.add(shift, Ballots.REWARDED);
        }

        ICapitalPool pool = ICapitalPool(_coverBook.poolOf(c.coverId));
        // Stored as reward + 1 once fixed, so that a reward fixed at zero stays zero.
        uint256 stored = _rewards[claimId];
        uint256 reward;
        if (stored == 0) {
            // Fixed once: sized to the claim, at most a share of the pot that earlier claims have not reserved.
            // Rounding leaves at most one wei per voter reserved for good, which keeps the reserve within the pot.
            uint256 pot = pool.assessorRewardPot();
            uint256 reserved = _reservedRewards[address(pool)];
            uint256 potShare = pot > reserved ? ((pot - reserved) * _claimParameters().rewardBps) / BPS : 0;
            reward = Math.min(potShare, (uint256(c.amount) * _claimParameters().rewardAmountBps) / BPS);
            _rewards[claimId] = reward + 1;
            _reservedRewards[address(pool)] = reserved + reward;
            emit ClaimRewardFixed(claimId, address(pool), reward);
        } else {
            reward = stored - 1;
        }
        uint256 weight = _staking.getPastStake(msg.sender, c.filedAt - 1);
        amount = (reward * weight) / (uint256(c.yesWeight) + c.noWeight);
        emit AssessorRewardClaimed(claimId, msg.sender, amount);
        if (amount != 0) {
            _reservedRewards[address(pool)] -= amount;
            pool.payAssessorReward(msg.sender, amount);
        }
    }

    // ---------------------------------------------------------------- escalation

    /// @inheritdoc ICoverClaims
    function escalate(uint256 claimId) external payable {
        uint256 required = escalationBondOf(claimId);
        if (msg.value < required) revert ClaimsWrongBond(msg.value, required);
        // Bounded by the scale's ceiling (10,000 ether) when `msg.value` equals the requirement.
        _escalate(claimId, msg.value.toUint96());
    }

    /**
     * @inheritdoc ICoverClaims
     * @dev `max(escalationBond, escalationBondScale * amount / grossCapital)`, the scaled part at most
     * `escalationBondScale`: the claim's share of its pool's capital (gross of open liabilities) is unit-free, so
     * the bond stays in ETH whatever the pool's asset. It moves a little as capital does (premiums stream in):
     * {escalate} takes any bond at least this large.
     */
    function escalationBondOf(uint256 claimId) public view returns (uint256) {
        Claim storage c = _claims[claimId];
        if (c.status == 0) revert ClaimsNotFound(claimId);
        uint256 scale = escalationBondScale();
        ICapitalPool.PoolState memory state = ICapitalPool(_coverBook.poolOf(c.coverId)).poolState();
        uint256 gross = state.capital + state.openLiabilities;
        uint256 scaled = gross <= c.amount ? scale : (scale * c.amount) / gross;
        uint256 flat = _claimParameters().escalationBond;
        return scaled > flat ? scaled : flat;
    }

    /// @inheritdoc ICoverClaims
    function escalateAsGuardian(uint256 claimId) external restricted {
        _escalate(claimId, 0);
    }

    /// @inheritdoc ICoverClaims
    function resolveEscalation(uint256 claimId, bool approve) external restricted nonReentrant {
        Claim storage c = _claims[claimId];
        (ClaimState state, , bool assessorsApproved, ) = _stateOf(claimId, c);
        Escalation storage e = _escalations[claimId];
        if (state != ClaimState.Escalated) {
            if (c.status & (ESCALATED | DECIDED) == ESCALATED) {
                revert ClaimsEscalationLapsed(claimId, e.escalatedAt + c.escalationTimeout);
            }
            revert ClaimsUnexpectedState(claimId, state, ClaimState.Escalated);
        }
        c.status |= DECIDED;
        e.decidedAt = uint48(block.timestamp);
        e.approved = approve;
        emit EscalationResolved(claimId, approve);
        // The escalator was right when governance overturned the assessors.
        _settleBond(claimId, approve != assessorsApproved);
    }

    // ---------------------------------------------------------------- governance

    /**
     * @inheritdoc RiskChangeDelay
     * @dev The longest exit time of the pools behind the cover book's products ({CoverBook-riskChangeDelay}):
     * claim rules apply to every pool.
     */
    function riskChangeDelay() public view override returns (uint256) {
        return IRiskChangeDelay(address(_coverBook)).riskChangeDelay();
    }

    /// @dev The cover book keeps a copy of the grace period (it reads the current module's value).
    function _syncGracePeriod() internal override {
        _coverBook.syncGracePeriod();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ICoverClaims
    function claim(uint256 claimId) external view returns (ClaimView memory v) {
        Claim storage c = _claims[claimId];
        if (c.status == 0) revert ClaimsNotFound(claimId);
        Escalation storage e = _escalations[claimId];
        (v.state, v.decision, v.approved, v.finalAt) = _stateOf(claimId, c);
        v.claimId = claimId;
        v.coverId = c.coverId;
        v.claimant = c.claimant;
        v.amount = c.amount;
        v.deposit = c.deposit;
        v.parametric = c.status & PARAMETRIC != 0;
        v.yesWeight = c.yesWeight;
        v.noWeight = c.noWeight;
        v.quorumWeight = c.quorumWeight;
        v.filedAt = c.filedAt;
        v.votingEnd = c.votingEnd;
        v.extensions = c.extensions;
        v.lockUntil = c.lockUntil;
        if (!v.parametric) v.cooldownEnd = uint256(c.votingEnd) + c.cooldown;
        if (c.status & ESCALATED != 0) {
            v.escalationDeadline = uint256(e.escalatedAt) + c.escalationTimeout;
            v.escalator = e.escalator;
            v.escalationBond = e.bond;
        }
        if (v.finalAt != 0 && v.approved) v.redeemableUntil = v.finalAt + c.redemptionWindow;
        v.settled = c.status & SETTLED != 0;
    }

    /// @inheritdoc ICoverClaims
    function claimState(uint256 claimId) external view returns (ClaimState state) {
        (state, , , ) = _stateOf(claimId, _claims[claimId]);
    }

    /// @inheritdoc ICoverClaims
    function claimCount() external view returns (uint256) {
        return _claimCount;
    }

    /// @inheritdoc ICoverClaims
    function latestClaimOf(uint256 coverId) external view returns (uint256) {
        if (coverId == 0 || coverId > _coverBook.coverCount()) return 0;
        return _ownLatestClaim(coverId, _coverBook.cover(coverId).latestClaim);
    }

    /// @inheritdoc ICoverClaims
    function ballotOf(uint256 claimId, address voter) external view returns (bool voted, bool support, bool rewarded) {
        return Ballots.read(_ballots[voter], claimId);
    }

    /// @inheritdoc ICoverClaims
    function rewardOf(uint256 claimId) external view returns (uint256) {
        uint256 stored = _rewards[claimId];
        return stored == 0 ? 0 : stored - 1;
    }

    /// @notice Rewards fixed for claims on `pool` and not yet taken by their voters.
    function reservedRewards(address pool) external view returns (uint256) {
        return _reservedRewards[pool];
    }

    /// @inheritdoc ICoverClaims
    function parametricClaimedUntil(uint256 coverId) external view returns (uint256) {
        return _claimedUntil[coverId];
    }

    /// @inheritdoc ICoverClaims
    function creditOf(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @notice The cover contract.
    function coverBook() external view returns (address) {
        return address(_coverBook);
    }

    /// @notice The staking vault.
    function stakingVault() external view returns (address) {
        return address(_staking);
    }

    // ---------------------------------------------------------------- internal

    /**
     * @dev Checks holder, filing window, amount and the cover's open claim; returns the cover and its latest
     * claim (final, or zero). The filing window ends at the cover's end plus the lesser of the grace period now
     * and the one fixed on the cover at purchase, until when the pool backs it (see {ICoverBook-Cover}).
     */
    function _checkFiling(
        uint256 coverId,
        uint256 amount,
        uint32 grace
    ) private view returns (ICoverBook.Cover memory c, uint256 latest) {
        address holder = _coverBook.ownerOf(coverId);
        if (msg.sender != holder) revert ClaimsNotCoverHolder(coverId, msg.sender, holder);
        c = _coverBook.cover(coverId);
        uint256 deadline = uint256(c.end) + (c.gracePeriod < grace ? c.gracePeriod : grace);
        if (block.timestamp < c.start || block.timestamp >= deadline) {
            revert ClaimsOutsideFilingWindow(coverId, c.start, deadline, block.timestamp);
        }
        if (amount == 0) revert ClaimsZeroAmount();
        uint256 remaining = uint256(c.amount) - c.paidOut;
        if (amount > remaining) revert ClaimsAmountAboveCover(coverId, amount, remaining);
        latest = _ownLatestClaim(coverId, c.latestClaim);
        if (latest != 0) {
            (ClaimState state, , , ) = _stateOf(latest, _claims[latest]);
            if (state != ClaimState.Denied && state != ClaimState.Paid && state != ClaimState.Expired) {
                revert ClaimsCoverHasOpenClaim(coverId, latest);
            }
        }
    }

    /**
     * @dev Releases the liability of the cover's previous claim, final and unpaid but not yet settled, before a
     * new claim on the same cover books its own: the cover's amount is never reserved twice.
     */
    function _releasePrevious(uint256 previous) private {
        if (previous == 0) return;
        Claim storage c = _claims[previous];
        uint8 status = c.status;
        if (status & (PAID | RELEASED) != 0) return;
        c.status = status | RELEASED;
        _coverBook.releaseClaim(c.coverId, c.amount);
    }

    /**
     * @dev The cover's latest claim as the cover book recorded it, if it is one of this contract's claims on that
     * cover; zero otherwise (no claim yet, or one recorded by a claims module that governance since replaced).
     */
    function _ownLatestClaim(uint256 coverId, uint256 recorded) private view returns (uint256) {
        return recorded != 0 && _claims[recorded].coverId == coverId ? recorded : 0;
    }

    function _escalate(uint256 claimId, uint96 bond) private {
        Claim storage c = _claims[claimId];
        (ClaimState state, , , ) = _stateOf(claimId, c);
        if (state != ClaimState.Cooldown) revert ClaimsUnexpectedState(claimId, state, ClaimState.Cooldown);
        c.status |= ESCALATED;
        uint48 nowTime = uint48(block.timestamp);
        _escalations[claimId] = Escalation({
            escalator: msg.sender,
            escalatedAt: nowTime,
            decidedAt: 0,
            bond: bond,
            approved: false
        });
        emit ClaimEscalated(claimId, msg.sender, bond, nowTime + c.escalationTimeout);
    }

    /// @dev Returns the escalation bond still held to its escalator (`refund`) or forfeits it to the treasury.
    function _settleBond(uint256 claimId, bool refund) private {
        Escalation storage e = _escalations[claimId];
        uint256 bond = e.bond;
        if (bond == 0) return;
        e.bond = 0;
        address escalator = e.escalator;
        emit EscalationBondSettled(claimId, escalator, bond, refund);
        _send(refund ? escalator : treasury(), bond);
    }

    /**
     * @dev Sends `amount` wei to `to` with at most {PAYMENT_GAS} and without copying return data (a recipient
     * reverting with a huge payload costs this call nothing); a refusing recipient is credited instead, so that
     * nobody can block a payout, a settlement or governance's decision. Callers are `nonReentrant` and update
     * state first.
     */
    function _send(address to, uint256 amount) private {
        bool ok;
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            ok := call(PAYMENT_GAS, to, amount, 0, 0, 0, 0)
        }
        if (!ok) {
            _credits[to] += amount;
            emit RefundCredited(to, amount);
        }
    }

    /**
     * @dev The derived state of claim `claimId`, how it was decided, its outcome as it stands and when it
     * became (or becomes) final (zero while unknown).
     */
    function _stateOf(
        uint256 claimId,
        Claim storage c
    ) private view returns (ClaimState state, Decision decision, bool approved, uint256 finalAt) {
        uint8 status = c.status;
        if (status == 0) return (ClaimState.None, Decision.Pending, false, 0);
        if (status & PARAMETRIC != 0) {
            (decision, approved, finalAt) = (Decision.PriceFeed, true, c.filedAt);
        } else {
            approved = _quorumReached(c) && c.yesWeight > c.noWeight;
            uint256 votingEnd = c.votingEnd;
            uint256 cooldownEnd = votingEnd + c.cooldown;
            if (block.timestamp < votingEnd) return (ClaimState.Voting, Decision.Pending, approved, 0);
            if (status & ESCALATED == 0) {
                if (block.timestamp < cooldownEnd) return (ClaimState.Cooldown, Decision.Pending, approved, 0);
                (decision, finalAt) = (Decision.Assessors, cooldownEnd);
            } else {
                Escalation storage e = _escalations[claimId];
                if (status & DECIDED != 0) {
                    (decision, approved, finalAt) = (Decision.Governance, e.approved, e.decidedAt);
                } else {
                    uint256 deadline = uint256(e.escalatedAt) + c.escalationTimeout;
                    if (block.timestamp < deadline) return (ClaimState.Escalated, Decision.Pending, approved, 0);
                    (decision, finalAt) = (Decision.AssessorsAfterLapsedEscalation, deadline);
                }
            }
        }
        if (!approved) state = ClaimState.Denied;
        else if (status & PAID != 0) state = ClaimState.Paid;
        else if (block.timestamp >= finalAt + c.redemptionWindow) state = ClaimState.Expired;
        else state = ClaimState.Approved;
    }

    /**
     * @dev Confirms trigger round `roundId` for cover `coverId` (see {OracleRounds-confirmTrigger}), once per fall,
     * and returns the confirmation and the payout on `amount`.
     */
    function _confirmTrigger(
        uint256 coverId,
        ICoverBook.Cover memory c,
        uint256 amount,
        uint80 roundId
    ) private returns (OracleRounds.Confirmation memory confirmed, uint256 payout) {
        ICoverBook.ParametricSettings memory s = _coverBook.parametricSettings(c.productId);
        if (s.priceFeed == address(0)) revert ClaimsProductNotParametric(c.productId);
        _checkSequencer(s.sequencerUptimeFeed, s.sequencerGracePeriod);
        confirmed = OracleRounds.confirmTrigger(
            AggregatorV3Interface(s.priceFeed),
            roundId,
            OracleRounds.Rule({
                countsFrom: uint256(c.start) + s.terms.waitingPeriod,
                coverEnd: c.end,
                trigger: s.triggerPrice,
                recovery: s.terms.recoveryPrice,
                window: s.terms.confirmationWindow,
                maxGap: uint256(s.terms.heartbeat) + s.terms.heartbeatTolerance
            })
        );
        uint256 claimedUntil = _claimedUntil[coverId];
        if (confirmed.triggeredAt < claimedUntil) {
            revert ClaimsTriggerAlreadyClaimed(coverId, roundId, confirmed.triggeredAt, claimedUntil);
        }
        _claimedUntil[coverId] = confirmed.windowEnd;
        payout = _parametricPayout(amount, s.terms, confirmed.endAnswer);
    }

    /// @dev Reverts while the L2 sequencer is down or within `grace` seconds of coming back (Chainlink's guidance).
    function _checkSequencer(address uptimeFeed, uint256 grace) private view {
        if (uptimeFeed == address(0)) return;
        (bool up, uint256 since) = OracleRounds.sequencerStatus(AggregatorV3Interface(uptimeFeed));
        if (!up) revert ClaimsSequencerDown();
        if (block.timestamp < since + grace) revert ClaimsSequencerGracePeriod(since, since + grace);
    }

    /**
     * @dev What a confirmed trigger pays on `amount`: all of it, or `amount × (1 − endAnswer / reference)` for a
     * loss-proportional product (the end price is positive and below the recovery price, itself at most the
     * reference, so the result lies in (0, amount)).
     */
    function _parametricPayout(
        uint256 amount,
        ICoverBook.ParametricTerms memory terms,
        int256 endAnswer
    ) private pure returns (uint256) {
        if (terms.payoutRule == ICoverBook.PayoutRule.Full) return amount;
        int256 peg = terms.referencePrice;
        if (endAnswer >= peg) revert ClaimsParametricNoLoss(endAnswer, peg);
        // Both positive and endAnswer < reference: the casts are exact.
        return Math.mulDiv(amount, uint256(peg - endAnswer), uint256(peg));
    }

    /// @dev Whether anyone voted and yes + no reached the quorum weight fixed at filing.
    function _quorumReached(Claim storage c) private view returns (bool) {
        uint256 votes = uint256(c.yesWeight) + c.noWeight;
        return votes != 0 && votes >= c.quorumWeight;
    }
}
