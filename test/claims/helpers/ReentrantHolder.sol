// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ICoverClaims} from "../../../contracts/claims/interfaces/ICoverClaims.sol";

/**
 * @notice An attacking cover holder: it files a claim and, when the claims module sends it ETH (its deposit
 * refund during {ICoverClaims-redeemPayout}, or its credit through {ICoverClaims-withdrawCredit}), re-enters
 * `redeemPayout` from `receive` and records how the re-entry ended.
 */
contract ReentrantHolder is IERC721Receiver {
    ICoverClaims public immutable claims;
    uint256 public claimId;
    uint256 public reentries;
    bytes public reentryError;
    bool public reentrySucceeded;

    constructor(ICoverClaims claims_) {
        claims = claims_;
    }

    function file(uint256 coverId, uint256 amount) external payable {
        claimId = claims.submitClaim{value: msg.value}(coverId, amount, "ipfs://attack");
    }

    function redeem() external returns (uint256) {
        return claims.redeemPayout(claimId);
    }

    /// @notice Takes a credited refund; the ETH arrives with all the gas, so `receive` re-enters from here.
    function withdraw() external returns (uint256) {
        return claims.withdrawCredit();
    }

    // solhint-disable-next-line no-complex-fallback
    receive() external payable {
        if (reentries > 0) return;
        reentries++;
        try claims.redeemPayout(claimId) {
            reentrySucceeded = true;
        } catch (bytes memory reason) {
            reentryError = reason;
        }
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}
