// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";

/**
 * @title GovernorProposalIndex
 * @notice Numbers proposals in the order they were created and remembers the block of each, so that a
 * client can show "the newest 20 proposals" with one call and read their {IGovernor-ProposalCreated}
 * events from a narrow block range, whatever the number of proposals.
 * @dev Without it a UI has to scan every `ProposalCreated` event since deployment (megabytes with
 * thousands of proposals) or run an indexer. Unlike OpenZeppelin's {GovernorStorage}, which stores every
 * proposal's calldata on-chain, this keeps one id and one block number per proposal (about 30k gas added
 * to {Governor-propose}); descriptions and actions stay in the event. Nothing here affects voting.
 */
abstract contract GovernorProposalIndex is Governor {
    /// @notice `start` is not below `count`, the number of proposals.
    error GovernorProposalIndexOutOfRange(uint256 start, uint256 count);

    /// @dev One counter for both maps (arrays would keep two lengths: a cold write more per proposal).
    uint256 private _proposalCount;
    mapping(uint256 index => uint256) private _proposalIds;
    /// @dev Creation blocks packed four to a slot as uint64 (a block number fits for any foreseeable chain).
    mapping(uint256 slot => uint256) private _packedBlocks;

    /// @notice How many proposals were created.
    function proposalCount() public view virtual returns (uint256) {
        return _proposalCount;
    }

    /**
     * @notice The proposal created `index`-th (from 0) and the block it was created in.
     * @dev Reverts with {GovernorProposalIndexOutOfRange} past the end.
     */
    function proposalAt(uint256 index) public view virtual returns (uint256 proposalId, uint256 createdBlock) {
        uint256 count = _proposalCount;
        if (index >= count) revert GovernorProposalIndexOutOfRange(index, count);
        return (_proposalIds[index], _blockAt(index));
    }

    /**
     * @notice Up to `limit` proposals from index `start` upward, with their creation blocks: one page of a
     * proposal list in one call. The page is shorter at the end of the index.
     * @dev Reverts with {GovernorProposalIndexOutOfRange} when `start` is at or past the end (and there is
     * at least one proposal); an empty index returns empty arrays.
     */
    function proposalPage(
        uint256 start,
        uint256 limit
    ) public view virtual returns (uint256[] memory proposalIds, uint256[] memory createdBlocks) {
        uint256 count = _proposalCount;
        if (count == 0) return (proposalIds, createdBlocks);
        if (start >= count) revert GovernorProposalIndexOutOfRange(start, count);
        uint256 end = count - start < limit ? count : start + limit;
        proposalIds = new uint256[](end - start);
        createdBlocks = new uint256[](end - start);
        for (uint256 i = start; i < end; ++i) {
            proposalIds[i - start] = _proposalIds[i];
            createdBlocks[i - start] = _blockAt(i);
        }
    }

    /// @dev Records the new proposal after {Governor-_propose} has validated and stored it.
    function _propose(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        string memory description,
        address proposer
    ) internal virtual override returns (uint256 proposalId) {
        proposalId = super._propose(targets, values, calldatas, description, proposer);
        uint256 index = _proposalCount;
        _proposalIds[index] = proposalId;
        // Each slot holds four blocks; the slot's other lanes belong to other proposals and stay intact.
        _packedBlocks[index / 4] |= uint256(uint64(block.number)) << ((index % 4) * 64);
        _proposalCount = index + 1;
    }

    function _blockAt(uint256 index) private view returns (uint256) {
        return uint64(_packedBlocks[index / 4] >> ((index % 4) * 64));
    }
}
