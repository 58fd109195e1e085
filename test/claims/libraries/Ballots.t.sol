// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {TestBase} from "../../utils/Vm.sol";
import {Ballots} from "../../../contracts/claims/libraries/Ballots.sol";

/// @notice The packed ballot map: each claim's flags are its own, whatever else is written in its word.
contract BallotsTest is TestBase {
    using Ballots for uint256;

    uint256 private constant ALL = Ballots.VOTED | Ballots.SUPPORT | Ballots.REWARDED;

    mapping(uint256 word => uint256 bits) private _ballots;

    /// @notice Every claim id has one place (word, 4-bit offset) and no two ids share it.
    function testFuzz_locate_isOneToOne(uint256 claimId) public pure {
        (uint256 word, uint256 shift) = Ballots.locate(claimId);
        assertLe(shift, 252, "offset inside the word");
        assertEq(shift % 4, 0, "4-bit aligned");
        assertEq(word * 64 + shift / 4, claimId, "the place gives back the id");
    }

    /// @notice Adding flags sets exactly those flags of that claim and leaves the rest of the word as it was.
    function testFuzz_add_setsOnlyThatClaim(uint256 claimId, uint256 before, uint8 flags) public pure {
        flags &= uint8(ALL);
        (, uint256 shift) = Ballots.locate(claimId);
        uint256 bits = before.add(shift, flags);
        assertEq(bits & ~(uint256(0xf) << shift), before & ~(uint256(0xf) << shift), "other claims untouched");
        assertEq((bits >> shift) & 0xf, ((before >> shift) & 0xf) | flags, "this claim's flags added");
        assertTrue(bits.has(shift, Ballots.VOTED) == ((before >> shift) & 1 != 0 || flags & 1 != 0), "voted");
        assertTrue(bits.has(shift, Ballots.REWARDED) == ((before >> shift) & 4 != 0 || flags & 4 != 0), "rewarded");
    }

    /**
     * @notice A random sequence of votes and rewards on claims that share words reads back, claim by claim, as a
     * plain per-claim record of the same sequence.
     */
    function testFuzz_read_matchesAPlainRecordAfterAnySequence(uint256 seed, uint256 base) public {
        // Ids around a word boundary, so that neighbours share and straddle words.
        base = bound(base, 1, type(uint64).max) * 64 + 32;
        uint256[96] memory model;
        for (uint256 step; step < 48; ++step) {
            seed = uint256(keccak256(abi.encode(seed, step)));
            uint256 offset = seed % 96;
            uint256 claimId = base - 48 + offset;
            uint256 flags =
                (seed >> 8) % 2 == 0
                    ? ((seed >> 16) % 2 == 0 ? Ballots.VOTED : Ballots.VOTED | Ballots.SUPPORT)
                    : Ballots.REWARDED;
            (uint256 word, uint256 shift) = Ballots.locate(claimId);
            _ballots[word] = _ballots[word].add(shift, flags);
            model[offset] |= flags;
        }
        for (uint256 offset; offset < 96; ++offset) {
            (bool voted, bool support, bool rewarded) = Ballots.read(_ballots, base - 48 + offset);
            assertTrue(voted == (model[offset] & Ballots.VOTED != 0), "voted");
            assertTrue(support == (model[offset] & Ballots.SUPPORT != 0), "support");
            assertTrue(rewarded == (model[offset] & Ballots.REWARDED != 0), "rewarded");
        }
    }

    /// @notice An empty map reads as "never voted" for any claim.
    function testFuzz_read_emptyMapHasNoBallot(uint256 claimId) public view {
        (bool voted, bool support, bool rewarded) = Ballots.read(_ballots, claimId);
        assertTrue(!voted && !support && !rewarded, "no ballot");
    }
}
