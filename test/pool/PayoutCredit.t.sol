// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {TestBase} from "../utils/Vm.sol";
import {DAOAccessManager} from "../../contracts/governance/DAOAccessManager.sol";
import {CapitalPool} from "../../contracts/pool/CapitalPool.sol";
import {ICapitalPool} from "../../contracts/pool/interfaces/ICapitalPool.sol";
import {CoverBook} from "../../contracts/cover/CoverBook.sol";
import {ICoverBook} from "../../contracts/cover/interfaces/ICoverBook.sol";
import {BlocklistStablecoin} from "./helpers/BlocklistStablecoin.sol";

/**
 * @notice A claim payment the token refuses (the holder is blocklisted by the stablecoin's issuer) cannot block
 * the payout: the pool credits the holder, keeps the credit out of its assets, and the holder takes it to an
 * address that can receive. This test contract is the claims module.
 */
contract PayoutCreditTest is TestBase {
    DAOAccessManager internal manager;
    BlocklistStablecoin internal token;
    CapitalPool internal pool;
    CoverBook internal book;
    uint256 internal productId;
    address internal constant HOLDER = address(0xB10C);
    address internal constant SAFE = address(0x5AFE);

    function setUp() public {
        vm.warp(1_700_000_000);
        manager = new DAOAccessManager(address(this));
        token = new BlocklistStablecoin();
        pool = new CapitalPool(
            IERC20Metadata(address(token)),
            CapitalPool.Config("Pool", "cdUSD", address(manager), 1 days, 9_000, 7 days, 2 days)
        );
        book = new CoverBook(CoverBook.Config(address(manager), 1 days, address(0x7EA5), 1_000, 500));
        pool.setCoverBook(address(book));
        book.setClaimsModule(address(this));
        productId = book.addProduct(
            ICoverBook.ProductParams({
                name: "Protocol cover",
                riskType: ICoverBook.RiskType.SmartContract,
                pool: address(pool),
                baseRateBps: 300,
                surchargeBps: 1_200,
                capacityRatioBps: 8_000,
                minPeriod: 1 days,
                maxPeriod: 365 days,
                active: true,
                priceFeed: address(0),
                triggerPrice: 0
            })
        );
        token.mint(address(this), 100_000e6);
        token.approve(address(pool), type(uint256).max);
        pool.deposit(100_000e6, address(this));
        token.mint(HOLDER, 1_000e6);
        vm.startPrank(HOLDER);
        token.approve(address(book), type(uint256).max);
        book.buyCover(productId, 10_000e6, 30 days, 1_000e6);
        vm.stopPrank();
    }

    function test_attack_blocklistedHolderCannotBlockPayout_creditedAndWithdrawable() public {
        token.setBlocked(HOLDER, true);
        uint256 assetsBefore = pool.totalAssets();
        // Filing books the claim as the pool's liability: the share price falls then, not at payment.
        book.recordClaim(1, 1, 4_000e6);
        assertEq(pool.totalAssets(), assetsBefore - 4_000e6, "assets net of the filed claim");
        uint256 paid = book.payout(1, HOLDER, 4_000e6);
        assertEq(paid, 4_000e6, "paid (credited)");
        assertEq(pool.payoutCreditOf(HOLDER), 4_000e6, "credited to the holder");
        assertEq(book.cover(1).paidOut, 4_000e6, "the cover records the payout");
        // The credited payment consumed the liability and stays out of the pool's assets, exactly as a sent one
        // would; nothing else may pay it out.
        assertEq(pool.totalAssets(), assetsBefore - 4_000e6, "assets net of the credit");
        assertEq(pool.openLiabilities(), 0, "liability consumed");

        // Sending to itself still fails; to another address it goes through, once.
        vm.prank(HOLDER);
        vm.expectRevert();
        pool.withdrawPayoutCredit(HOLDER);
        vm.prank(HOLDER);
        assertEq(pool.withdrawPayoutCredit(SAFE), 4_000e6, "withdrawn");
        assertEq(token.balanceOf(SAFE), 4_000e6, "received");
        assertEq(pool.payoutCreditOf(HOLDER), 0, "credit cleared");
        assertEq(pool.totalAssets(), assetsBefore - 4_000e6, "assets unchanged by the withdrawal");
        vm.prank(HOLDER);
        vm.expectRevert(abi.encodeWithSelector(ICapitalPool.PoolNoPayoutCredit.selector, HOLDER));
        pool.withdrawPayoutCredit(SAFE);
    }

    function test_payout_toAnAcceptingHolder_isSentNotCredited() public {
        uint256 before = token.balanceOf(HOLDER);
        book.recordClaim(1, 1, 1_000e6);
        book.payout(1, HOLDER, 1_000e6);
        assertEq(token.balanceOf(HOLDER), before + 1_000e6, "sent");
        assertEq(pool.payoutCreditOf(HOLDER), 0, "nothing credited");
    }
}
