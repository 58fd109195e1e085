// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TestBase} from "../utils/Vm.sol";
import {Pricing} from "../../contracts/cover/libraries/Pricing.sol";

/// @notice The premium arithmetic on its own.
contract PricingTest is TestBase {
    function test_premium_baseRateOnIdlePool() public pure {
        // 100 units for a year at 2.5 % with no surcharge: exactly 2.5 units.
        assertEq(Pricing.premium(100e18, 365 days, 250, 0, 1_000e18, 0), 2.5e18, "base premium");
    }

    function test_premium_roundsUp() public pure {
        assertEq(Pricing.premium(1, 1 days, 1, 0, 1e18, 0), 1, "never free");
    }

    function test_utilization_capsAndZeroCapital() public pure {
        assertEq(Pricing.utilizationBps(0, 0), 0, "idle empty pool");
        assertEq(Pricing.utilizationBps(1, 0), 10_000, "cover on no capital");
        assertEq(Pricing.utilizationBps(3, 2), 10_000, "capped");
    }

    function testFuzz_premium_withinBounds(
        uint256 amount,
        uint256 period,
        uint256 base,
        uint256 surcharge,
        uint256 capital,
        uint256 active
    ) public pure {
        amount = bound(amount, 1, 1e30);
        period = bound(period, 1 days, 365 days);
        base = bound(base, 1, 10_000);
        surcharge = bound(surcharge, 0, 10_000 - base);
        capital = bound(capital, 0, 1e30);
        active = bound(active, 0, 1e30);
        uint256 premium = Pricing.premium(amount, period, base, surcharge, capital, active);
        // Never above 100 % a year, never below the base rate.
        assertLe(premium, (amount * period) / 365 days + 1, "at most 100 % a year");
        assertGe(premium, (amount * base * period) / (10_000 * 365 days), "at least the base rate");
    }

    function testFuzz_premium_risesWithUtilization(uint256 amount, uint256 capital, uint256 a, uint256 b) public pure {
        capital = bound(capital, 1e6, 1e30);
        amount = bound(amount, 1, capital);
        a = bound(a, 0, capital);
        b = bound(b, a, capital);
        uint256 low = Pricing.premium(amount, 90 days, 300, 1_200, capital, a);
        uint256 high = Pricing.premium(amount, 90 days, 300, 1_200, capital, b);
        assertLe(low, high, "busier pool, higher premium");
    }
}
