// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title ICoverClaims
 * @notice Events, errors, structs and the external surface of the claims module: cover holders file claims,
 * stakers assess them with the stake they had when the claim was filed, governance decides escalated claims,
 * and the holder of the cover redeems an approved claim from the cover's pool.
 * @dev Life of an assessed claim (see {ClaimState}): Voting → Cooldown → (Escalated →) Approved or Denied →
 * Paid or Expired. Parametric claims (depeg and market products) skip the vote: the price feed approves them.
 * Roles (the DAO's AccessManager): the Timelock (admin) sets every parameter and decides escalations; the
 * guardian (GUARDIAN_ROLE) may escalate without a bond and pause payouts for a bounded time.
 */
interface ICoverClaims {
    /// @notice A claim's state, derived from what is stored and the current time. States only move forward.
    enum ClaimState {
        /// @dev No claim has this id.
        None,
        /// @dev Assessors vote until `votingEnd` (late votes may extend it).
        Voting,
        /// @dev Voting is over; the assessors' outcome may be escalated until `cooldownEnd`.
        Cooldown,
        /// @dev Governance decides until `escalationDeadline`; after it the assessors' outcome stands.
        Escalated,
        /// @dev Final and approved: the cover's holder may redeem until `redeemableUntil`.
        Approved,
        /// @dev Final and denied.
        Denied,
        /// @dev Approved and paid out.
        Paid,
        /// @dev Approved, but nobody redeemed it within the redemption window.
        Expired
    }

    /// @notice How a claim was (or, while open, would be) decided.
    enum Decision {
        /// @dev Not final yet.
        Pending,
        /// @dev The assessors' vote (quorum reached), after an unescalated cooldown.
        Assessors,
        /// @dev The assessors' outcome after an escalation that governance did not decide in time.
        AssessorsAfterLapsedEscalation,
        /// @dev Governance, through the Timelock.
        Governance,
        /// @dev The product's price feed (parametric claims).
        PriceFeed
    }

    /// @notice Every claim parameter. All are set by governance through the Timelock, within bounds.
    struct ClaimParameters {
        /// @dev Length of the vote (seconds).
        uint32 votingPeriod;
        /// @dev A vote cast in the last `lateVoteExtension` seconds moves the end to `vote time + lateVoteExtension`.
        uint32 lateVoteExtension;
        /// @dev How many times one claim's vote may be extended.
        uint8 maxExtensions;
        /// @dev Time after the vote during which the outcome may be escalated (seconds).
        uint32 cooldown;
        /// @dev Time governance has to decide an escalation (seconds).
        uint32 escalationTimeout;
        /// @dev Time an approved claim stays redeemable (seconds).
        uint32 redemptionWindow;
        /// @dev Time after a cover's end during which claims may still be filed (seconds).
        uint32 gracePeriod;
        /// @dev Share of the total stake at filing that must vote (yes + no), in basis points.
        uint16 quorumBps;
        /// @dev Most of the pool's unreserved assessor pot that one assessed claim pays its voters (bps).
        uint16 rewardBps;
        /// @dev Deposit a claimant sends with an assessed claim (wei).
        uint96 claimDeposit;
        /// @dev Bond an escalator sends (wei).
        uint96 escalationBond;
        /// @dev What one assessed claim that reached quorum pays its voters, in bps of the amount claimed (bounded
        /// by `rewardBps` of the unreserved pot). A claim without quorum pays nothing.
        uint16 rewardAmountBps;
        /// @dev Share of the deposit kept (sent to the treasury) when an assessed claim misses quorum (bps).
        uint16 quorumMissFeeBps;
    }

    /// @notice A claim as stored. Slots are laid out for {castClaimVote} (slots 0-1) and {redeemPayout}.
    struct Claim {
        // slot 0: read and written by every vote
        uint96 yesWeight;
        uint96 noWeight;
        uint48 votingEnd;
        uint8 extensions;
        uint8 status;
        // slot 1: read by every vote; the claim's timing parameters, fixed at filing
        uint48 filedAt;
        /// @dev Voters' stake is locked until this second: the latest the claim can become final.
        uint48 lockUntil;
        uint32 lateVoteExtension;
        uint8 maxExtensions;
        uint32 cooldown;
        uint32 escalationTimeout;
        uint32 redemptionWindow;
        // slot 2
        address claimant;
        uint96 amount;
        // slot 3
        uint64 coverId;
        uint96 deposit;
        /// @dev Weight (yes + no) the vote needs: `quorumBps` of the total stake at filing.
        uint96 quorumWeight;
    }

    /// @notice An escalation of a claim to governance.
    struct Escalation {
        /// @dev Who escalated (the guardian or a bond payer).
        address escalator;
        uint48 escalatedAt;
        /// @dev When the Timelock decided; zero while undecided.
        uint48 decidedAt;
        /// @dev Bond paid (zero for the guardian); zero once refunded or forfeited.
        uint96 bond;
        /// @dev Governance's decision, meaningful once `decidedAt` is set.
        bool approved;
    }

    /// @notice Everything a reader needs about one claim, state and outcome included.
    struct ClaimView {
        uint256 claimId;
        uint256 coverId;
        address claimant;
        uint256 amount;
        uint256 deposit;
        bool parametric;
        ClaimState state;
        Decision decision;
        /// @dev The outcome as it stands (final from {ClaimState-Approved} on; provisional before).
        bool approved;
        uint256 yesWeight;
        uint256 noWeight;
        uint256 quorumWeight;
        uint256 filedAt;
        uint256 votingEnd;
        uint256 extensions;
        uint256 cooldownEnd;
        uint256 escalationDeadline;
        /// @dev When the claim became (or becomes) final; zero while it cannot be known.
        uint256 finalAt;
        uint256 redeemableUntil;
        uint256 lockUntil;
        address escalator;
        uint256 escalationBond;
        /// @dev Whether the deposit (and any bond) has been returned or forfeited.
        bool settled;
    }

    /// @notice `claimant` filed claim `claimId` for `amount` on cover `coverId`, with `deposit` and `evidenceURI`.
    event ClaimSubmitted(
        uint256 indexed claimId,
        uint256 indexed coverId,
        address indexed claimant,
        uint256 amount,
        uint256 deposit,
        uint48 votingEnd,
        string evidenceURI
    );
    /// @notice The price feed approved parametric claim `claimId`: round `roundId` answered `answer` at `updatedAt`.
    event ParametricClaimApproved(
        uint256 indexed claimId,
        uint256 indexed coverId,
        address indexed claimant,
        uint256 amount,
        uint80 roundId,
        int256 answer,
        uint256 updatedAt
    );
    /// @notice Parametric claim `claimId`'s trigger, round `triggerRoundId`, was confirmed: the price stayed below
    /// the recovery price until `windowEnd` (`rounds` rounds walked); the last round of the window, `endRoundId`,
    /// answered `endAnswer`, and the claim pays `payout` of the `requested` amount.
    event ParametricTriggerConfirmed(
        uint256 indexed claimId,
        uint80 triggerRoundId,
        uint256 windowEnd,
        uint80 endRoundId,
        int256 endAnswer,
        uint256 rounds,
        uint256 requested,
        uint256 payout
    );
    /// @notice `voter` voted `support` on claim `claimId` with `weight` (their stake just before filing).
    event ClaimVoteCast(uint256 indexed claimId, address indexed voter, bool support, uint256 weight);
    /// @notice A late vote moved claim `claimId`'s vote end to `votingEnd` (extension number `extensions`).
    event ClaimVotingExtended(uint256 indexed claimId, uint48 votingEnd, uint8 extensions);
    /// @notice `escalator` escalated claim `claimId` to governance with `bond`; governance has until `deadline`.
    event ClaimEscalated(uint256 indexed claimId, address indexed escalator, uint256 bond, uint48 deadline);
    /// @notice Governance decided escalated claim `claimId`.
    event EscalationResolved(uint256 indexed claimId, bool approved);
    /// @notice `recipient`, the cover's holder, redeemed claim `claimId`: `paid` of `amount` (less on a pool shortfall).
    event ClaimPaid(
        uint256 indexed claimId,
        uint256 indexed coverId,
        address indexed recipient,
        uint256 amount,
        uint256 paid
    );
    /// @notice Claim `claimId` was closed: deposit returned to the claimant (`depositRefunded`) or forfeited.
    /// A claim that missed quorum returns its deposit less the quorum-miss fee, `kept`, sent to the treasury.
    event ClaimSettled(uint256 indexed claimId, ClaimState state, bool depositRefunded);
    /// @notice Claim `claimId` missed quorum: `kept` of its deposit went to the treasury, the rest back to its filer.
    event QuorumMissFeeKept(uint256 indexed claimId, uint256 kept);
    /// @notice An escalation bond of `amount` on claim `claimId` went back to `escalator` (`refunded`) or to the treasury.
    event EscalationBondSettled(uint256 indexed claimId, address indexed escalator, uint256 amount, bool refunded);
    /// @notice Claim `claimId` pays its voters `reward` in total, in the asset of `pool`.
    event ClaimRewardFixed(uint256 indexed claimId, address indexed pool, uint256 reward);
    /// @notice `voter` took `amount` of claim `claimId`'s reward.
    event AssessorRewardClaimed(uint256 indexed claimId, address indexed voter, uint256 amount);
    /// @notice A refund of `amount` to `account` failed and was credited; {withdrawCredit} takes it.
    event RefundCredited(address indexed account, uint256 amount);
    /// @notice `account` withdrew `amount` of credited refunds.
    event CreditWithdrawn(address indexed account, uint256 amount);
    /// @notice Governance changed a claim parameter.
    event ClaimParameterSet(bytes32 indexed parameter, uint256 oldValue, uint256 newValue);
    /// @notice Governance changed the treasury that receives forfeited deposits and bonds.
    event ClaimsTreasurySet(address oldTreasury, address newTreasury);

    /// @notice No claim has id `claimId`.
    error ClaimsNotFound(uint256 claimId);
    /// @notice Claim `claimId` is in state `current`; this needs `expected`.
    error ClaimsUnexpectedState(uint256 claimId, ClaimState current, ClaimState expected);
    /// @notice Only the holder of cover `coverId` (`holder`) may do this; `caller` is not.
    error ClaimsNotCoverHolder(uint256 coverId, address caller, address holder);
    /// @notice Claims on cover `coverId` may be filed in [`start`, `deadline`); it is `nowTime`.
    error ClaimsOutsideFilingWindow(uint256 coverId, uint256 start, uint256 deadline, uint256 nowTime);
    /// @notice A claim of `amount` exceeds the `remaining` amount of cover `coverId`.
    error ClaimsAmountAboveCover(uint256 coverId, uint256 amount, uint256 remaining);
    /// @notice Amounts must be greater than zero.
    error ClaimsZeroAmount();
    /// @notice The claim needs a deposit of exactly `required` wei; `sent` was sent.
    error ClaimsWrongDeposit(uint256 sent, uint256 required);
    /// @notice Cover `coverId` already has claim `claimId` open (or approved and not yet redeemed).
    error ClaimsCoverHasOpenClaim(uint256 coverId, uint256 claimId);
    /// @notice Product `productId` is parametric: use {submitParametricClaim}.
    error ClaimsProductIsParametric(uint256 productId);
    /// @notice Product `productId` is assessed by stakers: use {submitClaim}.
    error ClaimsProductNotParametric(uint256 productId);
    /// @notice `voter` already voted on claim `claimId`.
    error ClaimsAlreadyVoted(uint256 claimId, address voter);
    /// @notice `voter` had no stake when claim `claimId` was filed.
    error ClaimsNoWeight(uint256 claimId, address voter);
    /// @notice The escalation needs a bond of at least `required` wei; `sent` was sent.
    error ClaimsWrongBond(uint256 sent, uint256 required);
    /// @notice Governance may decide claim `claimId` only until `deadline`; the assessors' outcome now stands.
    error ClaimsEscalationLapsed(uint256 claimId, uint48 deadline);
    /// @notice `voter` did not vote on claim `claimId`, or already took its reward.
    error ClaimsNoReward(uint256 claimId, address voter);
    /// @notice Claim `claimId` did not reach quorum: it pays no assessor reward.
    error ClaimsRewardWithoutQuorum(uint256 claimId);
    /// @notice Claim `claimId` was already settled.
    error ClaimsAlreadySettled(uint256 claimId);
    /// @notice `account` has no credited refund.
    error ClaimsNoCredit(address account);
    /// @notice Sending `amount` wei to `to` failed.
    error ClaimsTransferFailed(address to, uint256 amount);
    /// @notice `value` for `parameter` lies outside the allowed range [`min`, `max`].
    error ClaimsParameterOutOfBounds(bytes32 parameter, uint256 value, uint256 min, uint256 max);
    /// @notice The zero address is not allowed here.
    error ClaimsZeroAddress();
    /// @notice The feed has no round `roundId`.
    error ClaimsOracleRoundUnavailable(uint80 roundId);
    /// @notice Round `roundId` is incomplete (answered in round `answeredInRound`, updated at `updatedAt`).
    error ClaimsOracleRoundIncomplete(uint80 roundId, uint80 answeredInRound, uint256 updatedAt);
    /// @notice Round `roundId` answered `answer`; only positive prices count.
    error ClaimsOracleInvalidAnswer(uint80 roundId, int256 answer);
    /// @notice Round `roundId` was updated at `updatedAt`, outside the cover period [`start`, `end`).
    error ClaimsOracleRoundOutsideCover(uint80 roundId, uint256 updatedAt, uint256 start, uint256 end);
    /// @notice Round `roundId` answered `answer`, above the product's trigger `trigger`.
    error ClaimsOracleTriggerNotReached(uint80 roundId, int256 answer, int256 trigger);
    /// @notice Round `roundId` (at `updatedAt`) was followed only at `nextUpdatedAt` (the next round, or the end of
    /// the confirmation window): more than `maxGap` (the product's heartbeat plus tolerance) later.
    error ClaimsOracleRoundStale(uint80 roundId, uint256 updatedAt, uint256 nextUpdatedAt, uint256 maxGap);
    /// @notice Round `roundId` was updated at `updatedAt`, before the waiting period ended at `countsFrom`.
    error ClaimsOracleRoundBeforeWaitingPeriod(uint80 roundId, uint256 updatedAt, uint256 countsFrom);
    /// @notice Round `roundId` is not the first of its fall: round `previousRoundId` was already at or below the
    /// trigger; name that one.
    error ClaimsOracleNotFirstTriggerRound(uint80 roundId, uint80 previousRoundId);
    /// @notice A false alarm: after trigger round `roundId`, round `recoveryRoundId` recovered to `answer`, at or
    /// above the recovery price `recovery`, inside the confirmation window.
    error ClaimsOracleFalseAlarm(uint80 roundId, uint80 recoveryRoundId, int256 answer, int256 recovery);
    /// @notice The confirmation window of trigger round `roundId` runs until `windowEnd`: file after it.
    error ClaimsOracleWindowOpen(uint80 roundId, uint256 windowEnd);
    /// @notice The confirmation window of trigger round `roundId` holds more than `maxRounds` rounds.
    error ClaimsOracleWindowTooLong(uint80 roundId, uint256 maxRounds);
    /// @notice The L2 sequencer is down: prices cannot be trusted.
    error ClaimsSequencerDown();
    /// @notice The L2 sequencer came back at `upSince`; prices are trusted again from `graceEnd`.
    error ClaimsSequencerGracePeriod(uint256 upSince, uint256 graceEnd);
    /// @notice The price at the end of the window, `endAnswer`, is not below the reference price `referencePrice`: no loss.
    error ClaimsParametricNoLoss(int256 endAnswer, int256 referencePrice);
    /// @notice Cover `coverId` was already paid for the fall confirmed until `claimedUntil`; trigger round
    /// `roundId` (at `updatedAt`) belongs to it.
    error ClaimsTriggerAlreadyClaimed(uint256 coverId, uint80 roundId, uint256 updatedAt, uint256 claimedUntil);

    // ---------------------------------------------------------------- claimants

    /**
     * @notice Files a claim of `amount` on cover `coverId`, which the caller must hold, with `evidenceURI`
     * (e.g. an IPFS document) and the claim deposit as `msg.value`.
     * @dev Only during the cover period plus the grace period, up to the cover's remaining amount, and while
     * the cover has no other open claim. Assessors' weights are their stakes at `block.timestamp - 1`. The
     * amount is a liability of the cover's pool from now until the claim is paid, or settled unpaid with
     * {settleClaim} (or a later claim is filed on the cover). Emits a {ClaimSubmitted} event.
     */
    function submitClaim(
        uint256 coverId,
        uint256 amount,
        string calldata evidenceURI
    ) external payable returns (uint256 claimId);

    /**
     * @notice Files a parametric claim against `amount` of cover `coverId` (a depeg or market product), naming
     * the trigger round `roundId`: the first round at or below the product's trigger updated after the cover's
     * waiting period. The claim can be filed once the confirmation window after that round has passed with
     * every round below the recovery price; it is then approved and redeemable with {redeemPayout}; no deposit
     * is needed. It pays `amount` (full products) or `amount × (1 − price / reference)` at the window's last
     * round (loss-proportional products).
     * @dev See {OracleRounds-confirmTrigger} for the round checks, and {ICoverBook-ParametricTerms}. One payout
     * per fall: a cover's next parametric claim needs a trigger round after the last confirmed window.
     * Emits a {ParametricClaimApproved} and a {ParametricTriggerConfirmed} event.
     */
    function submitParametricClaim(uint256 coverId, uint256 amount, uint80 roundId) external returns (uint256 claimId);

    /**
     * @notice Pays approved claim `claimId` to the caller, who must hold the cover's ERC-721 now: the cover
     * NFT carries the claim right, so whoever holds it at redemption is paid. The claimant's deposit is
     * returned to the claimant.
     * @dev Once per claim, within the redemption window, never above the cover's remaining amount; pays less
     * when the pool is short (the cover records the shortfall). Paused by the guardian's pause. The deposit refund
     * cannot block it: a claimant that refuses the ETH is credited ({withdrawCredit}); a holder the token refuses
     * is credited by the pool (`CapitalPool.withdrawPayoutCredit`). Emits a {ClaimPaid} event.
     */
    function redeemPayout(uint256 claimId) external returns (uint256 paid);

    /**
     * @notice Closes a final claim that will not be paid (denied, or approved but expired): returns or
     * forfeits its deposit and any escalation bond still held. Anyone may call.
     * @dev A denial by the assessors' vote or by governance forfeits the deposit to the treasury; an expired
     * approval returns it; a denial for lack of quorum returns it less `quorumMissFeeBps` (to the treasury). A
     * recipient that refuses the ETH is credited. Releases the claim's liability in its pool: until anyone
     * settles it, a final unpaid claim stays a liability (conservative for claimants). Emits a {ClaimSettled}
     * event, and a {QuorumMissFeeKept} event for a claim without quorum.
     */
    function settleClaim(uint256 claimId) external;

    /// @notice Withdraws refunds that could not be sent to the caller directly. Emits a {CreditWithdrawn} event.
    function withdrawCredit() external returns (uint256 amount);

    // ---------------------------------------------------------------- assessors

    /**
     * @notice Votes yes (`support`) or no on claim `claimId` with the caller's stake at the second before
     * filing, and locks the caller's stake until the claim is final.
     * @dev A vote in the last `lateVoteExtension` seconds extends the vote (bounded by `maxExtensions`).
     * Emits a {ClaimVoteCast} event, and a {ClaimVotingExtended} event when the vote is extended.
     */
    function castClaimVote(uint256 claimId, bool support) external;

    /**
     * @notice Pays the caller's share of final claim `claimId`'s reward, pro-rata to their weight. Only a claim
     * that reached quorum pays a reward ({ClaimsRewardWithoutQuorum}).
     * @dev The claim's total reward is fixed by the first call: `rewardAmountBps` of the amount claimed, at most
     * `rewardBps` of the pool's unreserved assessor pot. Paused by the guardian's pause.
     * Emits an {AssessorRewardClaimed} event, and a {ClaimRewardFixed} event on the first call.
     */
    function claimReward(uint256 claimId) external returns (uint256 amount);

    // ---------------------------------------------------------------- escalation

    /**
     * @notice Escalates claim `claimId`'s outcome to governance during its cooldown, with at least
     * {escalationBondOf} as `msg.value` (all of it is the bond).
     * @dev The bond is returned if governance overturns the assessors' outcome, and forfeited if governance
     * confirms it or does not decide before the deadline. Emits a {ClaimEscalated} event.
     */
    function escalate(uint256 claimId) external payable;

    /// @notice The bond escalating claim `claimId` needs now (wei): the flat escalation bond, or more for a
    /// claim that is a large share of its pool's capital.
    function escalationBondOf(uint256 claimId) external view returns (uint256);

    /// @notice Escalates claim `claimId` during its cooldown without a bond. Guardian only.
    /// @dev Emits a {ClaimEscalated} event.
    function escalateAsGuardian(uint256 claimId) external;

    /**
     * @notice Decides escalated claim `claimId`: `approve` or deny. Governance (the Timelock) only, before the
     * escalation deadline.
     * @dev Emits an {EscalationResolved} event and an {EscalationBondSettled} event when a bond is held. A bond
     * refund the escalator refuses (even with a return-data bomb) is credited: nothing blocks the decision.
     */
    function resolveEscalation(uint256 claimId, bool approve) external;

    // ---------------------------------------------------------------- views

    /// @notice Claim `claimId` with its state and outcome.
    function claim(uint256 claimId) external view returns (ClaimView memory);

    /// @notice The state of claim `claimId` now.
    function claimState(uint256 claimId) external view returns (ClaimState);

    /// @notice Number of claims filed; ids run from 1 to this number.
    function claimCount() external view returns (uint256);

    /// @notice The last claim filed on cover `coverId` (zero when none).
    function latestClaimOf(uint256 coverId) external view returns (uint256);

    /// @notice Whether `voter` voted on claim `claimId`, how, and whether they took their reward.
    function ballotOf(uint256 claimId, address voter) external view returns (bool voted, bool support, bool rewarded);

    /// @notice The total reward of claim `claimId`, once fixed by the first {claimReward}.
    function rewardOf(uint256 claimId) external view returns (uint256);

    /// @notice The end of the last confirmation window parametric cover `coverId` was paid for: its next
    /// parametric claim needs a trigger round updated at or after it (zero before the first).
    function parametricClaimedUntil(uint256 coverId) external view returns (uint256);

    /// @notice Refunds credited to `account` (see {withdrawCredit}).
    function creditOf(address account) external view returns (uint256);

    /// @notice Every claim parameter.
    function parameters() external view returns (ClaimParameters memory);

    /// @notice The grace period after a cover's end during which claims may be filed (seconds); the cover book
    /// fixes it on each cover at purchase (see {ICoverBook-Cover}).
    function gracePeriod() external view returns (uint32);

    /// @notice Where forfeited deposits and bonds go (the treasury, normally the Timelock).
    function treasury() external view returns (address);
}
