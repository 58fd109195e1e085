// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/**
 * @title LocalPriceFeed
 * @notice LOCAL CHAINS ONLY: a Chainlink AggregatorV3-compatible feed whose rounds are posted to it, so that
 * parametric products and their claims can be exercised on a local chain. On real networks products name
 * real Chainlink feeds; never deploy this one there: whoever posts decides every price.
 * @dev Round ids are a Chainlink proxy's: `(phaseId << 64) | aggregatorRoundId`, aggregator rounds from 1
 * growing by one. The feed starts in phase 0, so its first rounds are plainly 1, 2, ... (a real proxy starts at
 * phase 1). {setAnswer} publishes a complete round stamped with the current block time;
 * {postRound} writes a round's fields as given, so that stale, incomplete, zero or negative rounds can be
 * rehearsed; {startPhase} rehearses the proxy moving to a new aggregator (the next round is round 1 of the
 * next phase). Unknown rounds revert with {LocalPriceFeedNoRound}, as Chainlink feeds revert for rounds they
 * lack.
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
    uint16 private _phase;
    mapping(uint80 roundId => Round) private _rounds;
    mapping(uint16 phaseId => uint64 lastRound) private _phaseEnds;

    /// @notice `answer` was published as round `roundId`.
    event AnswerUpdated(int256 indexed answer, uint256 indexed roundId, uint256 updatedAt);
    /// @notice The feed moved to aggregator phase `phaseId`: its next round is `(phaseId << 64) | 1`.
    event PhaseStarted(uint16 indexed phaseId);

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
        if (answeredInRound > _nextRound()) revert LocalPriceFeedInvalidRound("answeredInRound");
        return _post(answer, startedAt, updatedAt, answeredInRound);
    }

    /**
     * @notice Moves the feed to a new aggregator phase, as a Chainlink proxy does when its aggregator is
     * replaced: the next round published is `(phaseId << 64) | 1`. Open to anyone: local chains only.
     * @dev Emits a {PhaseStarted} event.
     */
    function startPhase() external returns (uint16 newPhase) {
        newPhase = ++_phase;
        emit PhaseStarted(newPhase);
    }

    /// @notice The current aggregator phase (the first is 0).
    function phaseId() external view returns (uint16) {
        return _phase;
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
        uint64 aggregatorRound = uint64(roundId);
        if (aggregatorRound == 0 || aggregatorRound > _phaseEnds[uint16(roundId >> 64)]) {
            revert LocalPriceFeedNoRound(roundId);
        }
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

    /// @dev The id the next round gets: the following aggregator round of the current phase.
    function _nextRound() private view returns (uint80) {
        uint16 phase = _phase;
        return (uint80(phase) << 64) | (_phaseEnds[phase] + 1);
    }

    function _post(
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) private returns (uint80 roundId) {
        roundId = _nextRound();
        _latestRound = roundId;
        _phaseEnds[uint16(roundId >> 64)] = uint64(roundId);
        if (answeredInRound == 0) answeredInRound = roundId;
        // Both times are at most block.timestamp (checked or set), so they fit 64 bits.
        _rounds[roundId] = Round(answer, uint64(startedAt), uint64(updatedAt), answeredInRound);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }
}
