// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {TestBase} from "../../utils/Vm.sol";
import {PremiumStream} from "../../../contracts/pool/libraries/PremiumStream.sol";

/**
 * @notice The premium streaming books on their own: the bucket bitmap finds the first used bucket, premiums are
 * earned pro rata to time up to each cover's bucket end and entirely by the last one, and bringing the books
 * forward in steps gives the same books as in one go.
 */
contract PremiumStreamTest is TestBase {
    using PremiumStream for PremiumStream.Books;
    using PremiumStream for PremiumStream.Buckets;

    uint256 private constant DAY = PremiumStream.BUCKET_SIZE;
    uint256 private constant START = 1_750_000_123;
    uint256 private constant COVERS = 8;

    PremiumStream.Buckets private _buckets;

    /// @dev One cover as added: amount, premium and the end of its bucket.
    struct Cover {
        uint256 amount;
        uint256 premium;
        uint256 expiresAt;
    }

    function setUp() public {
        vm.warp(START);
    }

    function test_bucketEnd_roundsUpToADayBoundary() public pure {
        assertEq(PremiumStream.bucketEnd(10 * DAY), 10 * DAY, "a boundary is its own end");
        assertEq(PremiumStream.bucketEnd(10 * DAY + 1), 11 * DAY, "one second past it rounds up");
    }

    /// @notice {next} returns what a scan of every index in the range would, across bitmap words.
    function testFuzz_next_findsTheFirstUsedBucket(uint256 seed, uint256 from, uint256 span) public {
        uint256 first = START / DAY + 1;
        bool[800] memory used;
        for (uint256 i; i < COVERS; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            uint256 offset = seed % 800;
            _buckets.add((first + offset) * DAY, 1, 1 + ((seed >> 32) % 1e18));
            used[offset] = true;
        }
        from = bound(from, 0, 799);
        uint256 to = from + bound(span, 0, 799 - from);
        uint256 expected = PremiumStream.NONE;
        for (uint256 offset = from; offset <= to; ++offset) {
            if (used[offset]) {
                expected = first + offset;
                break;
            }
        }
        assertEq(_buckets.next(first + from, first + to), expected, "first used bucket");
    }

    /**
     * @notice Up to any time, the books earned each premium pro rata to the time elapsed until its bucket's end
     * (within a wei per cover), keep active exactly the covers whose bucket has not ended, and have earned every
     * premium once the last bucket ended.
     */
    function testFuzz_advance_earnsProRataUntilEachBucketEnd(uint256 seed, uint256 elapsed) public {
        (PremiumStream.Books memory books, Cover[COVERS] memory covers, uint256 lastEnd) = _addCovers(seed);
        uint256 total = books.unearned;
        uint256 time = START + bound(elapsed, 0, lastEnd + 3 * DAY - START);
        books.advance(_buckets, time);

        uint256 expectedEarned;
        uint256 expectedActive;
        for (uint256 i; i < COVERS; ++i) {
            Cover memory c = covers[i];
            uint256 until = Math.min(time, c.expiresAt);
            expectedEarned += Math.mulDiv(c.premium, until - START, c.expiresAt - START);
            if (c.expiresAt > time) expectedActive += c.amount;
        }
        uint256 earned = total - books.unearned;
        assertLe(earned, expectedEarned + COVERS, "earned at most pro rata");
        assertGe(earned + COVERS + 1, expectedEarned, "earned at least pro rata, less rounding");
        assertEq(books.active, expectedActive, "active covers");
        assertEq(books.time, time, "books' time");
        assertLe(books.carry, PremiumStream.RATE_SCALE - 1, "carry below one unit");
        if (time >= lastEnd) {
            assertEq(books.unearned, 0, "all earned after the last end");
            assertEq(books.rate, 0, "nothing streams after the last end");
        }
    }

    /// @notice Bringing the books forward in two steps, as a pool does between actions, changes nothing.
    function testFuzz_advance_inStepsEqualsAtOnce(uint256 seed, uint256 first, uint256 second) public {
        (PremiumStream.Books memory once, , uint256 lastEnd) = _addCovers(seed);
        PremiumStream.Books memory steps = PremiumStream.Books(once.rate, once.unearned, once.active, 0, START);
        uint256 middle = START + bound(first, 0, lastEnd + DAY - START);
        uint256 end = middle + bound(second, 0, lastEnd + 2 * DAY - middle);
        steps.advance(_buckets, middle);
        steps.advance(_buckets, end);
        once.advance(_buckets, end);
        assertEq(steps.rate, once.rate, "rate");
        assertEq(steps.unearned, once.unearned, "unearned");
        assertEq(steps.active, once.active, "active");
        assertEq(steps.carry, once.carry, "carry");
        assertEq(steps.time, once.time, "time");
    }

    /// @notice A writer that expires bucket by bucket, clearing each, ends with the books of the view.
    function testFuzz_expire_bucketByBucketMatchesAdvance(uint256 seed, uint256 elapsed) public {
        (PremiumStream.Books memory view_, , uint256 lastEnd) = _addCovers(seed);
        PremiumStream.Books memory written = PremiumStream.Books(view_.rate, view_.unearned, view_.active, 0, START);
        uint256 time = START + bound(elapsed, 0, lastEnd + DAY - START);
        view_.advance(_buckets, time);

        uint256 index = START / DAY + 1;
        while (written.rate != 0) {
            index = _buckets.next(index, time / DAY);
            if (index == PremiumStream.NONE) break;
            written.expire(_buckets, index);
            delete _buckets.at[index];
            ++index;
        }
        written.finish(time);
        assertEq(written.unearned, view_.unearned, "unearned");
        assertEq(written.active, view_.active, "active");
        assertEq(written.rate, view_.rate, "rate");
        assertEq(written.carry, view_.carry, "carry");
    }

    /// @dev Adds `COVERS` random covers now (START) and returns the books they start, the covers and the last end.
    function _addCovers(
        uint256 seed
    ) private returns (PremiumStream.Books memory books, Cover[COVERS] memory covers, uint256 lastEnd) {
        books.time = START;
        for (uint256 i; i < COVERS; ++i) {
            seed = uint256(keccak256(abi.encode(seed, i)));
            uint256 amount = 1 + (seed % 1e24);
            uint256 premium = 1 + ((seed >> 80) % amount);
            uint256 expiresAt = PremiumStream.bucketEnd(START + 1 + ((seed >> 160) % (400 * DAY)));
            books.rate += _buckets.add(expiresAt, amount, premium);
            books.unearned += premium;
            books.active += amount;
            covers[i] = Cover(amount, premium, expiresAt);
            if (expiresAt > lastEnd) lastEnd = expiresAt;
        }
    }
}
