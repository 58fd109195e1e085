// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/**
 * @title Ballots
 * @notice A voter's ballots on claims, packed 4 bits per claim and 64 claims per storage word: whether the voter
 * voted, how, and whether they took their reward. A first vote on a claim whose word holds another of the voter's
 * claims costs a warm write instead of a fresh slot.
 * @dev Claim `id` lives in word `id / 64` at bit offset `4 × (id % 64)`. The caller loads the word once
 * ({locate}, then its own read), tests and sets flags on the loaded value ({has}, {add}) and writes it back once,
 * so a vote reads and writes its ballot word exactly once. Only the low 3 of the 4 bits are used.
 */
library Ballots {
    /// @dev The voter voted on the claim.
    uint256 internal constant VOTED = 1;
    /// @dev The vote was "yes" (meaningful with {VOTED}).
    uint256 internal constant SUPPORT = 2;
    /// @dev The voter took their reward for the claim.
    uint256 internal constant REWARDED = 4;

    /// @dev Where claim `claimId`'s ballot is: the voter's word index and the bit offset inside that word.
    function locate(uint256 claimId) internal pure returns (uint256 word, uint256 shift) {
        return (claimId >> 6, (claimId & 63) << 2);
    }

    /// @dev Whether `flag` is set for the claim at `shift` in the loaded word `bits`.
    function has(uint256 bits, uint256 shift, uint256 flag) internal pure returns (bool) {
        return bits & (flag << shift) != 0;
    }

    /// @dev The loaded word `bits` with `flags` added for the claim at `shift`; other claims' bits are untouched.
    function add(uint256 bits, uint256 shift, uint256 flags) internal pure returns (uint256) {
        return bits | (flags << shift);
    }

    /// @dev The ballot of claim `claimId` in a voter's map `ballots` (word index → word).
    function read(
        mapping(uint256 word => uint256 bits) storage ballots,
        uint256 claimId
    ) internal view returns (bool voted, bool support, bool rewarded) {
        (uint256 word, uint256 shift) = locate(claimId);
        uint256 bits = ballots[word];
        return (has(bits, shift, VOTED), has(bits, shift, SUPPORT), has(bits, shift, REWARDED));
    }
}
