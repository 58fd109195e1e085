// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/**
 * @title Pricing
 * @notice Premium arithmetic of the cover contract. The annual rate is the product's base rate plus its
 * utilization surcharge taken at the average of the pool's utilization before and after the cover, so a
 * cover pays for the capacity it uses and splitting a purchase neither saves nor costs anything material.
 * @dev Mirrored to the wei by `packages/core/src/pool/pricing.ts` (same integer steps, same rounding): keep both equal.
 */
library Pricing {
    /// @notice Basis points in one (100 %).
    uint256 internal constant BPS = 10_000;
    /// @notice The year the annual rate refers to.
    uint256 internal constant YEAR = 365 days;

    /// @notice `active / capital` in basis points, capped at 100 %; 100 % when capital is zero and cover is not.
    function utilizationBps(uint256 active, uint256 capital) internal pure returns (uint256) {
        if (capital == 0) return active == 0 ? 0 : BPS;
        uint256 utilization = Math.mulDiv(active, BPS, capital);
        return utilization > BPS ? BPS : utilization;
    }

    /// @notice Annual rate (bps) for a cover moving utilization from `beforeBps` to `afterBps`.
    function annualRateBps(
        uint256 baseRateBps,
        uint256 surchargeBps,
        uint256 beforeBps,
        uint256 afterBps
    ) internal pure returns (uint256) {
        return baseRateBps + (surchargeBps * (beforeBps + afterBps)) / (2 * BPS);
    }

    /**
     * @notice Premium of a cover of `amount` for `period` seconds on a pool with `capital` and `active` cover.
     * @dev Rounded up, so a non-zero cover never costs nothing.
     */
    function premium(
        uint256 amount,
        uint256 period,
        uint256 baseRateBps,
        uint256 surchargeBps,
        uint256 capital,
        uint256 active
    ) internal pure returns (uint256) {
        uint256 rate = annualRateBps(
            baseRateBps,
            surchargeBps,
            utilizationBps(active, capital),
            utilizationBps(active + amount, capital)
        );
        return Math.mulDiv(amount, rate * period, BPS * YEAR, Math.Rounding.Ceil);
    }
}
