// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {ICoverClaims} from "../interfaces/ICoverClaims.sol";

/**
 * @title OracleRounds
 * @notice Reads Chainlink AggregatorV3 rounds the way Chainlink documents it, and confirms the trigger of a
 * parametric claim: a loss, not a tick.
 * @dev Round ids are a proxy's: `(phaseId << 64) | aggregatorRoundId`. The round after the last one of a phase
 * is round 1 of the next phase ({next}). A round the feed does not have reads as absent, whether the feed
 * reverts (current aggregators) or answers zeros (older ones): `updatedAt == 0` is absent.
 *
 * {confirmTrigger} takes the round the claimant names and:
 * 1. checks it: complete (`answeredInRound >= roundId`), positive, at or below the trigger, updated in
 *    [`countsFrom`, `coverEnd`) (`countsFrom` is the cover's start plus the product's waiting period);
 * 2. checks it is the first such round: the round before it in its phase is not one (so every claim on the
 *    same fall names the same round, and its window);
 * 3. walks the rounds updated in the confirmation window `[updatedAt, updatedAt + window)`: each must be
 *    complete, positive, below the recovery price (a recovery is a false alarm) and follow the previous one
 *    within `maxGap` (heartbeat plus tolerance); the window must have ended and the feed must have reported
 *    within `maxGap` of its end;
 * 4. returns the last round of the window, whose price measures the loss.
 * The walk reads at most {MAX_WINDOW_ROUNDS} rounds (about 3,000 gas each on a local feed; see
 * docs/parametric.md for a proxy).
 */
library OracleRounds {
    /// @notice Most rounds one confirmation window may hold.
    uint256 internal constant MAX_WINDOW_ROUNDS = 2_000;

    /// @notice One round as read.
    struct Round {
        uint80 roundId;
        int256 answer;
        uint256 updatedAt;
        uint80 answeredInRound;
    }

    /// @notice What a trigger must satisfy.
    struct Rule {
        /// @dev Rounds updated before this second prove nothing (cover start + waiting period).
        uint256 countsFrom;
        /// @dev The cover's end: the trigger round must be updated before it.
        uint256 coverEnd;
        int256 trigger;
        int256 recovery;
        uint256 window;
        /// @dev Longest gap between two rounds: heartbeat plus tolerance.
        uint256 maxGap;
    }

    /// @notice A confirmed trigger.
    struct Confirmation {
        int256 triggerAnswer;
        uint256 triggeredAt;
        uint256 windowEnd;
        /// @dev The last round updated inside the window, and its answer (the price that measures the loss).
        uint80 endRoundId;
        int256 endAnswer;
        /// @dev Rounds walked after the trigger round.
        uint256 rounds;
    }

    /**
     * @notice Reverts unless round `roundId` of `feed` is a confirmed trigger under `rule`; returns the window.
     * @dev Reverts with the {ICoverClaims} oracle error that names the failed check.
     */
    function confirmTrigger(
        AggregatorV3Interface feed,
        uint80 roundId,
        Rule memory rule
    ) internal view returns (Confirmation memory c) {
        Round memory r = _checkTriggerRound(feed, roundId, rule);
        c.triggerAnswer = r.answer;
        c.triggeredAt = r.updatedAt;
        c.windowEnd = r.updatedAt + rule.window;
        c.endRoundId = roundId;
        c.endAnswer = r.answer;
        uint256 lastAt = r.updatedAt;
        for (Round memory n = next(feed, roundId); n.updatedAt != 0 && n.updatedAt < c.windowEnd;) {
            if (n.answeredInRound < n.roundId) {
                revert ICoverClaims.ClaimsOracleRoundIncomplete(n.roundId, n.answeredInRound, n.updatedAt);
            }
            if (n.answer <= 0) revert ICoverClaims.ClaimsOracleInvalidAnswer(n.roundId, n.answer);
            if (n.updatedAt < lastAt || n.updatedAt - lastAt > rule.maxGap) {
                revert ICoverClaims.ClaimsOracleRoundStale(c.endRoundId, lastAt, n.updatedAt, rule.maxGap);
            }
            if (n.answer >= rule.recovery) {
                revert ICoverClaims.ClaimsOracleFalseAlarm(roundId, n.roundId, n.answer, rule.recovery);
            }
            if (++c.rounds > MAX_WINDOW_ROUNDS) {
                revert ICoverClaims.ClaimsOracleWindowTooLong(roundId, MAX_WINDOW_ROUNDS);
            }
            lastAt = n.updatedAt;
            c.endRoundId = n.roundId;
            c.endAnswer = n.answer;
            n = next(feed, n.roundId);
        }
        if (block.timestamp < c.windowEnd) revert ICoverClaims.ClaimsOracleWindowOpen(roundId, c.windowEnd);
        // The feed must have been live to the end of the window.
        if (c.windowEnd - lastAt > rule.maxGap) {
            revert ICoverClaims.ClaimsOracleRoundStale(c.endRoundId, lastAt, c.windowEnd, rule.maxGap);
        }
    }

    /// @dev Steps 1 and 2 of {confirmTrigger}: the named round itself, and the first of its fall.
    function _checkTriggerRound(
        AggregatorV3Interface feed,
        uint80 roundId,
        Rule memory rule
    ) private view returns (Round memory r) {
        r = read(feed, roundId);
        if (r.updatedAt == 0) revert ICoverClaims.ClaimsOracleRoundUnavailable(roundId);
        if (r.answeredInRound < roundId) {
            revert ICoverClaims.ClaimsOracleRoundIncomplete(roundId, r.answeredInRound, r.updatedAt);
        }
        if (r.answer <= 0) revert ICoverClaims.ClaimsOracleInvalidAnswer(roundId, r.answer);
        if (r.updatedAt < rule.countsFrom) {
            revert ICoverClaims.ClaimsOracleRoundBeforeWaitingPeriod(roundId, r.updatedAt, rule.countsFrom);
        }
        if (r.updatedAt >= rule.coverEnd) {
            revert ICoverClaims.ClaimsOracleRoundOutsideCover(roundId, r.updatedAt, rule.countsFrom, rule.coverEnd);
        }
        if (r.answer > rule.trigger) revert ICoverClaims.ClaimsOracleTriggerNotReached(roundId, r.answer, rule.trigger);
        // The first round of a fall: the one before it (same phase) is not itself a trigger round.
        if (uint64(roundId) > 1) {
            Round memory before = read(feed, roundId - 1);
            if (
                before.updatedAt >= rule.countsFrom &&
                before.answeredInRound >= before.roundId &&
                before.answer > 0 &&
                before.answer <= rule.trigger
            ) revert ICoverClaims.ClaimsOracleNotFirstTriggerRound(roundId, before.roundId);
        }
    }

    /// @notice Round `roundId` of `feed`; `updatedAt` is zero when the feed does not have it.
    function read(AggregatorV3Interface feed, uint80 roundId) internal view returns (Round memory r) {
        r.roundId = roundId;
        try feed.getRoundData(roundId) returns (uint80, int256 answer, uint256, uint256 updatedAt, uint80 answered) {
            (r.answer, r.updatedAt, r.answeredInRound) = (answer, updatedAt, answered);
        } catch {
            return r;
        }
    }

    /**
     * @notice The round after `roundId`: the next one of its phase or, when there is none, round 1 of the next
     * phase (`updatedAt` zero when neither exists yet).
     */
    function next(AggregatorV3Interface feed, uint80 roundId) internal view returns (Round memory r) {
        r = read(feed, roundId + 1);
        if (r.updatedAt == 0) r = read(feed, (((roundId >> 64) + 1) << 64) | 1);
    }

    /**
     * @notice Whether the L2 sequencer is up by its Chainlink uptime feed (answer 0: up, 1: down), and since when.
     * @dev Chainlink's L2 guidance: `startedAt` is when the status last changed; zero means the feed was not
     * initialised yet, read here as down.
     */
    function sequencerStatus(AggregatorV3Interface uptimeFeed) internal view returns (bool up, uint256 since) {
        (, int256 answer, uint256 startedAt, , ) = uptimeFeed.latestRoundData();
        return (answer == 0 && startedAt != 0, startedAt);
    }
}
