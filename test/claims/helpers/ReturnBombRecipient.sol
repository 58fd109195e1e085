// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ICoverClaims} from "../../../contracts/claims/interfaces/ICoverClaims.sol";

/**
 * @notice A hostile recipient: while `hostile`, it answers every ETH transfer with a revert carrying a huge
 * payload (a return-data bomb), so that a caller copying the return data runs out of gas whatever its limit.
 * It files claims (paying the deposit), escalates (paying the bond) and sells its cover NFT, to be owed ETH by
 * {ICoverClaims-redeemPayout}, {ICoverClaims-settleClaim} and {ICoverClaims-resolveEscalation}; once tamed it
 * takes its credit with {ICoverClaims-withdrawCredit}.
 */
contract ReturnBombRecipient is IERC721Receiver {
    /// @notice Bytes of revert data the bomb returns.
    uint256 public constant BOMB_SIZE = 300_000;

    ICoverClaims public immutable claims;
    bool public hostile = true;

    constructor(ICoverClaims claims_) {
        claims = claims_;
    }

    function file(uint256 coverId, uint256 amount) external payable returns (uint256) {
        return claims.submitClaim{value: msg.value}(coverId, amount, "ipfs://bomb");
    }

    function escalate(uint256 claimId) external payable {
        claims.escalate{value: msg.value}(claimId);
    }

    function sellCover(IERC721 book, uint256 coverId, address to) external {
        book.transferFrom(address(this), to, coverId);
    }

    function setHostile(bool value) external {
        hostile = value;
    }

    function withdrawCredit() external returns (uint256) {
        return claims.withdrawCredit();
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (hostile) {
            // solhint-disable-next-line no-inline-assembly
            assembly {
                revert(0, BOMB_SIZE)
            }
        }
    }
}
