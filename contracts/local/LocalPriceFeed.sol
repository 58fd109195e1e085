// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/**
 * @title LocalPriceFeed
 * @notice LOCAL CHAINS ONLY: a Chainlink AggregatorV3-compatible feed whose answer anyone may set, so that
 * parametric products can be exercised on a local chain. On real networks products name real Chainlink feeds.
 * @dev Every {setAnswer} opens a new round, stamped with the current block time.
 */
contract LocalPriceFeed is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint64 updatedAt;
    }

    uint8 private immutable _decimals;
    string private _description;
    uint80 private _latestRound;
    mapping(uint80 roundId => Round) private _rounds;

    /// @notice `answer` was published as round `roundId`.
    event AnswerUpdated(int256 indexed answer, uint256 indexed roundId, uint256 updatedAt);

    /// @notice Round `roundId` does not exist.
    error LocalPriceFeedNoRound(uint80 roundId);

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

    /// @notice Publishes `answer` as a new round. Open to anyone: local chains only. Emits an {AnswerUpdated} event.
    function setAnswer(int256 answer) public {
        uint80 roundId = ++_latestRound;
        _rounds[roundId] = Round(answer, uint64(block.timestamp));
        emit AnswerUpdated(answer, roundId, block.timestamp);
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
        Round memory round = _rounds[roundId];
        if (round.updatedAt == 0) revert LocalPriceFeedNoRound(roundId);
        return (roundId, round.answer, round.updatedAt, round.updatedAt, roundId);
    }

    /// @notice The latest round.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return getRoundData(_latestRound);
    }
}
