// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {AggregatorV3Interface} from "@chainlink/contracts/src/v0.8/shared/interfaces/AggregatorV3Interface.sol";

/**
 * @title LocalPriceFeed
 * @notice A Chainlink AggregatorV3-compatible price feed whose rounds its owner posts. LOCAL CHAINS ONLY: it
 * stands in for a Chainlink feed on a development chain (the Ignition module deploys it when no feed is
 * configured) so that parametric products and their claims run end to end. Never deploy it on a public
 * network: its owner decides every price.
 * @dev Round ids start at 1 and grow by one. {postAnswer} publishes a complete round now; {postRound} writes
 * a round's fields as given, so that stale, incomplete, zero or negative rounds can be rehearsed locally.
 * Unknown rounds revert with {LocalPriceFeedNoRound}, as Chainlink feeds revert for rounds they lack.
 */
contract LocalPriceFeed is AggregatorV3Interface, Ownable {
    struct Round {
        int256 answer;
        uint64 startedAt;
        uint64 updatedAt;
        uint80 answeredInRound;
    }

    /// @notice The owner published round `roundId` answering `answer` at `updatedAt`.
    event RoundPosted(
        uint80 indexed roundId,
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    );

    /// @notice The feed has no round `roundId`.
    error LocalPriceFeedNoRound(uint80 roundId);
    /// @notice A round's fields are inconsistent: `reason` names what is wrong.
    error LocalPriceFeedInvalidRound(bytes32 reason);

    uint8 private immutable _decimals;
    string private _description;
    uint80 private _latestRound;
    mapping(uint80 roundId => Round) private _rounds;

    /**
     * @param owner_ Posts the rounds.
     * @param decimals_ Decimals of the answers (Chainlink USD feeds use 8).
     * @param description_ E.g. "USDC / USD".
     * @param initialAnswer A first round posted at deployment when not zero.
     */
    constructor(address owner_, uint8 decimals_, string memory description_, int256 initialAnswer) Ownable(owner_) {
        _decimals = decimals_;
        _description = description_;
        if (initialAnswer != 0) _post(initialAnswer, block.timestamp, block.timestamp, 0);
    }

    /**
     * @notice Publishes a complete round answering `answer` now. Owner only.
     * @dev Emits a {RoundPosted} event.
     */
    function postAnswer(int256 answer) external onlyOwner returns (uint80 roundId) {
        return _post(answer, block.timestamp, block.timestamp, 0);
    }

    /**
     * @notice Publishes a round with the given fields, to rehearse oracle failures locally. Owner only.
     * @dev `updatedAt` may be zero (an incomplete round) but not in the future nor before `startedAt`;
     * `answeredInRound` zero means "this round", otherwise it must not exceed the new round's id.
     * Emits a {RoundPosted} event.
     */
    function postRound(
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) external onlyOwner returns (uint80 roundId) {
        if (updatedAt > block.timestamp || startedAt > block.timestamp) revert LocalPriceFeedInvalidRound("future");
        if (updatedAt != 0 && updatedAt < startedAt) revert LocalPriceFeedInvalidRound("updatedBeforeStart");
        if (answeredInRound > _latestRound + 1) revert LocalPriceFeedInvalidRound("answeredInRound");
        return _post(answer, startedAt, updatedAt, answeredInRound);
    }

    /// @inheritdoc AggregatorV3Interface
    function getRoundData(
        uint80 roundId
    ) external view returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) {
        if (roundId == 0 || roundId > _latestRound) revert LocalPriceFeedNoRound(roundId);
        return _round(roundId);
    }

    /// @inheritdoc AggregatorV3Interface
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        if (_latestRound == 0) revert LocalPriceFeedNoRound(0);
        return _round(_latestRound);
    }

    /// @inheritdoc AggregatorV3Interface
    function decimals() external view returns (uint8) {
        return _decimals;
    }

    /// @inheritdoc AggregatorV3Interface
    function description() external view returns (string memory) {
        return _description;
    }

    /// @inheritdoc AggregatorV3Interface
    function version() external pure returns (uint256) {
        return 4;
    }

    function _round(
        uint80 roundId
    ) private view returns (uint80, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound) {
        Round memory round = _rounds[roundId];
        return (roundId, round.answer, round.startedAt, round.updatedAt, round.answeredInRound);
    }

    function _post(
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) private returns (uint80 roundId) {
        roundId = ++_latestRound;
        if (answeredInRound == 0) answeredInRound = roundId;
        _rounds[roundId] = Round(answer, uint64(startedAt), uint64(updatedAt), answeredInRound);
        emit RoundPosted(roundId, answer, startedAt, updatedAt, answeredInRound);
    }
}
