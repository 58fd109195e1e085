// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

/**
 * @title PremiumStream
 * @notice The premium-earning books of a pool: each cover's premium streams into capital at a constant rate from
 * its purchase to the end of its expiry bucket (the first multiple of {BUCKET_SIZE} at or after the second its
 * pool stops backing it), when its rate and its amount stop together.
 * @dev Each bucket stores the rate and the cover amount that stop at its end; a bitmap (one bit per bucket index,
 * 256 per word) marks the buckets that received a cover, so walking over empty days costs one read per 256 days.
 * {Books} is the running state in memory: {advance} brings it forward to a time in a view; a writer walks bucket
 * by bucket with {next} and {expire} to bound its work and clear what it processed. Streaming rounds down and
 * carries the remainder (below {RATE_SCALE}) to the next step; once nothing streams, the rounding dust of the
 * unearned premium is earned ({finish}). Bits are never cleared: indices at or before the books' time are never
 * read again.
 */
library PremiumStream {
    using SafeCast for uint256;

    /// @dev Granularity of expiry buckets (seconds).
    uint256 internal constant BUCKET_SIZE = 1 days;
    /// @dev Premium rates are assets per second scaled by this factor.
    uint256 internal constant RATE_SCALE = 1e18;
    /// @dev What {next} returns when no bucket in the range received a cover.
    uint256 internal constant NONE = type(uint256).max;

    /// @dev What stops at the end of one expiry bucket. Covers fit in 96 bits; rates (premium <= amount, scaled by
    /// 1e18 < 2^60) in 160.
    struct Bucket {
        uint96 cover;
        uint160 rate;
    }

    /// @dev The expiry buckets by index (bucket end / {BUCKET_SIZE}) and the bitmap of the indices ever used.
    struct Buckets {
        mapping(uint256 index => Bucket) at;
        mapping(uint256 word => uint256) used;
    }

    /// @dev The streaming books, in memory while they are advanced: the total rate, the premium not yet earned,
    /// the cover amount still running, the streaming remainder and the second they are up to.
    struct Books {
        uint256 rate;
        uint256 unearned;
        uint256 active;
        uint256 carry;
        uint256 time;
    }

    /// @dev The end of the expiry bucket of a cover backed until `backedUntil`.
    function bucketEnd(uint256 backedUntil) internal pure returns (uint256) {
        return Math.ceilDiv(backedUntil, BUCKET_SIZE) * BUCKET_SIZE;
    }

    /**
     * @dev Adds a cover of `amount` whose `premium` streams from now to `expiresAt` (a bucket end after now) and
     * returns the rate it adds; the caller adds it to the books' total rate.
     */
    function add(
        Buckets storage self,
        uint256 expiresAt,
        uint256 amount,
        uint256 premium
    ) internal returns (uint256 rate) {
        rate = (premium * RATE_SCALE) / (expiresAt - block.timestamp);
        uint256 index = expiresAt / BUCKET_SIZE;
        Bucket storage bucket = self.at[index];
        if (bucket.rate == 0) self.used[index >> 8] |= 1 << (index & 0xff);
        bucket.cover = (bucket.cover + amount).toUint96();
        bucket.rate = (bucket.rate + rate).toUint160();
    }

    /// @dev The first bucket index in [`from`, `to`] that received a cover, or {NONE}.
    function next(Buckets storage self, uint256 from, uint256 to) internal view returns (uint256) {
        while (from <= to) {
            uint256 bits = self.used[from >> 8] >> (from & 0xff);
            if (bits != 0) {
                // Lowest set bit: isolate it, then its position.
                uint256 found = from + Math.log2(bits & (~bits + 1));
                return found <= to ? found : NONE;
            }
            from = ((from >> 8) + 1) << 8;
        }
        return NONE;
    }

    /// @dev Whether a bucket ended after `time` and at or before `until` (then the books must be brought forward).
    function due(Buckets storage self, uint256 time, uint256 until) internal view returns (bool) {
        return time != until && next(self, time / BUCKET_SIZE + 1, until / BUCKET_SIZE) != NONE;
    }

    /**
     * @dev Streams `books` to the end of bucket `index` (after their time) and stops what that bucket holds.
     * Returns the bucket as it was; the caller deletes it when it writes the books.
     */
    function expire(
        Books memory books,
        Buckets storage self,
        uint256 index
    ) internal view returns (Bucket memory expired) {
        stream(books, index * BUCKET_SIZE);
        expired = self.at[index];
        books.rate -= expired.rate;
        books.active -= expired.cover;
    }

    /// @dev Brings `books` forward to `time` (at or after theirs) through every due bucket, without writing.
    function advance(Books memory books, Buckets storage self, uint256 time) internal view {
        if (books.time == time || books.rate == 0) return;
        uint256 index = books.time / BUCKET_SIZE + 1;
        uint256 lastIndex = time / BUCKET_SIZE;
        while (books.rate != 0) {
            index = next(self, index, lastIndex);
            if (index == NONE) break;
            expire(books, self, index);
            ++index;
        }
        finish(books, time);
    }

    /// @dev Streams premium from `books.time` to `until` (rounding down, the remainder carried over).
    function stream(Books memory books, uint256 until) internal pure {
        uint256 unearned = books.unearned;
        uint256 scaled;
        // Callers stream forward only (`until` >= `books.time`); the rate is below 2^160 (stored in 160 bits), the
        // elapsed time below 2^48 and the carry below 2^60, so the product and sum stay far below 2^256. The
        // subtraction takes at most what is unearned.
        unchecked {
            scaled = books.rate * (until - books.time) + books.carry;
            uint256 earned = scaled / RATE_SCALE;
            books.unearned = unearned - (earned < unearned ? earned : unearned);
        }
        books.carry = scaled % RATE_SCALE;
        books.time = until;
    }

    /// @dev Streams up to `time`; once no stream is left, rounding dust of the unearned premium is earned.
    function finish(Books memory books, uint256 time) internal pure {
        if (books.rate != 0) {
            stream(books, time);
        } else {
            books.unearned = 0;
            books.carry = 0;
            books.time = time;
        }
    }
}
