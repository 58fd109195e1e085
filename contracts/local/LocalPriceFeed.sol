// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/**
 * @title LocalPriceFeed
 * @notice LOCAL CHAINS ONLY: a Chainlink AggregatorV3-compatible feed whose rounds are posted to it, so that
 * parametric products and their claims can be exercised on a local chain. On real networks products name
 * real Chainlink feeds; never deploy this one there: whoever posts decides every price.
 * @dev Round ids start at 1 and grow by one. {setAnswer} publishes a complete round stamped with the current
 * block time; {postRound} writes a round's fields as given, so that stale, incomplete, zero or negative
 * rounds can be rehearsed. Unknown rounds revert with {LocalPriceFeedNoRound}, as Chainlink feeds revert for
 * rounds they lack.
 */
contract LocalPriceFeed is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint64 startedAt;
        uint64 updatedAt;
        uint80 answeredInRound;
    }

    uint8 private immutable _decimals;
    string private _description;
    uint80 private _latestRound;
    mapping(uint80 roundId => Round) private _rounds;

    /// @notice `answer` was published as round `roundId`.
    event AnswerUpdated(int256 indexed answer, uint256 indexed roundId, uint256 updatedAt);

    /// @notice Round `roundId` does not exist.
    error LocalPriceFeedNoRound(uint80 roundId);
    /// @notice A posted round is inconsistent: `reason` names what is wrong.
    error LocalPriceFeedInvalidRound(bytes32 reason);

    /**
     * @param decimals_ Decimals of the answers (Chainlink USD feeds use 8).
     * @param description_ What the feed prices, e.g. "tUSD / USD".
     * @param initialAnswer The answer of the first round.
     */
    constructor(uint8 decimals_, string memory description_, int256 initialAnswer) {
        _decimals = decimals_;
        _description = description_;
        setAnswer(initialAnswer);
    }

    /// @notice Publishes `answer` as a new complete round. Open to anyone: local chains only.
    /// @dev Emits an {AnswerUpdated} event.
    function setAnswer(int256 answer) public returns (uint80 roundId) {
        return _post(answer, block.timestamp, block.timestamp, 0);
    }

    /**
     * @notice Publishes a round with the given fields, to rehearse oracle failures. Open to anyone: local
     * chains only.
     * @dev `updatedAt` may be zero (an incomplete round) but neither time may lie in the future, and a set
     * `updatedAt` may not precede `startedAt`. `answeredInRound` zero means "this round"; otherwise it may not
     * exceed the new round's id. Emits an {AnswerUpdated} event.
     */
    function postRound(
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) external returns (uint80 roundId) {
        if (updatedAt > block.timestamp || startedAt > block.timestamp) revert LocalPriceFeedInvalidRound("future");
        if (updatedAt != 0 && updatedAt < startedAt) revert LocalPriceFeedInvalidRound("updatedBeforeStart");
        if (answeredInRound > _latestRound + 1) revert LocalPriceFeedInvalidRound("answeredInRound");
        return _post(answer, startedAt, updatedAt, answeredInRound);
    }

    /// @notice Decimals of the answers.
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @notice What the feed prices.
    function description() external view returns (string memory) {
        return _description;
    }

    /// @notice Interface version, as Chainlink's aggregators.
    function version() external pure returns (uint256) {
        return 4;
    }

    /// @notice Round `roundId`; reverts with {LocalPriceFeedNoRound} for a round never published.
    function getRoundData(
        uint80 roundId
    ) public view returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) {
        if (roundId == 0 || roundId > _latestRound) revert LocalPriceFeedNoRound(roundId);
        Round memory round = _rounds[roundId];
        return (roundId, round.answer, round.startedAt, round.updatedAt, round.answeredInRound);
    }

    /// @notice The latest round.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return getRoundData(_latestRound);
    }

    function _post(
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) private returns (uint80 roundId) {
        roundId = ++_latestRound;
        if (answeredInRound == 0) answeredInRound = roundId;
        // Both times are at most block.timestamp (checked or set), so they fit 64 bits.
        _rounds[roundId] = Round(answer, uint64(startedAt), uint64(updatedAt), answeredInRound);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }
}
