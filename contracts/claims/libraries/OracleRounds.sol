// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";
import {ICoverClaims} from "../interfaces/ICoverClaims.sol";

/**
 * @title OracleRounds
 * @notice Checks a Chainlink AggregatorV3 round named as the trigger of a parametric claim.
 * @dev A round proves a trigger when it is complete (`answeredInRound >= roundId`, `updatedAt != 0`), its
 * answer is a positive price at or below the trigger, it was updated inside the cover period, and the feed
 * was live around it: the next round followed within `maxGap`, or, for the latest round, `maxGap` has not
 * passed yet. A round whose successor came later than the feed's heartbeat allows (a stalled feed) cannot
 * prove anything, nor can the last round of a feed that has since stopped. Round ids are the proxy's: the
 * next round is `roundId + 1` within an aggregator phase; the last round of a phase is treated as latest.
 */
library OracleRounds {
    /// @notice What a valid trigger round reported.
    struct TriggerRound {
        int256 answer;
        uint256 updatedAt;
    }

    /**
     * @notice Reverts unless round `roundId` of `feed` shows a price at or below `trigger` inside [`start`, `end`).
     * @dev Reverts with the {ICoverClaims} oracle error that names the failed check.
     */
    function checkTriggerRound(
        AggregatorV3Interface feed,
        uint80 roundId,
        uint256 start,
        uint256 end,
        int256 trigger,
        uint256 maxGap
    ) internal view returns (TriggerRound memory round) {
        (bool found, int256 answer, uint256 updatedAt, uint80 answeredInRound) = _read(feed, roundId);
        if (!found) revert ICoverClaims.ClaimsOracleRoundUnavailable(roundId);
        if (updatedAt == 0 || answeredInRound < roundId) {
            revert ICoverClaims.ClaimsOracleRoundIncomplete(roundId, answeredInRound, updatedAt);
        }
        if (answer <= 0) revert ICoverClaims.ClaimsOracleInvalidAnswer(roundId, answer);
        if (updatedAt < start || updatedAt >= end) {
            revert ICoverClaims.ClaimsOracleRoundOutsideCover(roundId, updatedAt, start, end);
        }
        if (answer > trigger) revert ICoverClaims.ClaimsOracleTriggerNotReached(roundId, answer, trigger);

        // The feed must have been live: the next published round (or now, for the latest round) within maxGap.
        (bool hasNext, , uint256 nextUpdatedAt, ) = _read(feed, roundId + 1);
        if (!hasNext || nextUpdatedAt == 0) nextUpdatedAt = block.timestamp;
        // updatedAt <= nextUpdatedAt for a well-formed feed; a feed reporting otherwise fails here too.
        if (nextUpdatedAt < updatedAt || nextUpdatedAt - updatedAt > maxGap) {
            revert ICoverClaims.ClaimsOracleRoundStale(roundId, updatedAt, nextUpdatedAt, maxGap);
        }
        round = TriggerRound(answer, updatedAt);
    }

    /// @dev Chainlink feeds revert for rounds they do not have (some return zeros instead): both read as absent.
    function _read(
        AggregatorV3Interface feed,
        uint80 roundId
    ) private view returns (bool found, int256 answer, uint256 updatedAt, uint80 answeredInRound) {
        try feed.getRoundData(roundId) returns (uint80, int256 answer_, uint256, uint256 updatedAt_, uint80 answered_) {
            return (true, answer_, updatedAt_, answered_);
        } catch {
            return (false, 0, 0, 0);
        }
    }
}
