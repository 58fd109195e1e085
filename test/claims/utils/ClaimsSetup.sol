// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {CapitalPool} from "../../../contracts/pool/CapitalPool.sol";
import {CoverBook} from "../../../contracts/cover/CoverBook.sol";
import {ICoverBook} from "../../../contracts/cover/interfaces/ICoverBook.sol";
import {CoverClaims} from "../../../contracts/claims/CoverClaims.sol";
import {ICoverClaims} from "../../../contracts/claims/interfaces/ICoverClaims.sol";
import {LocalPriceFeed} from "../../../contracts/local/LocalPriceFeed.sol";
import {WETH9} from "../../../contracts/local/WETH9.sol";
import {GovernanceSetup} from "../../governance/utils/GovernanceSetup.sol";

/**
 * @notice The whole stack for the claims Solidity tests, with no mocks: the governance core of
 * {GovernanceSetup}, a WETH {CapitalPool}, the {CoverBook} with an assessed and a parametric product, a
 * {LocalPriceFeed} and {CoverClaims}, wired with the roles of the Ignition modules.
 * @dev The test contract is the AccessManager's admin (it stands in for the Timelock).
 */
abstract contract ClaimsSetup is GovernanceSetup {
    uint64 internal constant GUARDIAN_ROLE = 1;
    uint64 internal constant CLAIMS_ROLE = 2;
    int256 internal constant TRIGGER = 95_000_000;
    /// @dev The parametric product's confirmation window and waiting period.
    uint256 internal constant CONFIRMATION_WINDOW = 1 days;
    uint256 internal constant WAITING = 1 hours;

    WETH9 internal weth;
    CapitalPool internal pool;
    CoverBook internal coverBook;
    LocalPriceFeed internal feed;
    CoverClaims internal claims;
    uint256 internal assessedProduct;
    uint256 internal parametricProduct;

    function _deployClaims() internal {
        _deployCore();
        weth = new WETH9();
        feed = new LocalPriceFeed(8, "tUSD / USD", 100_000_000);
        pool = new CapitalPool(
            IERC20Metadata(address(weth)),
            CapitalPool.Config("WETH pool", "cdWETH", address(manager), 3 days, 9_000, 7 days, 2 days)
        );
        coverBook = new CoverBook(CoverBook.Config(address(manager), 3 days, TREASURY, 1_000, 500));
        claims = new CoverClaims(
            address(manager),
            coverBook,
            staking,
            TREASURY,
            ICoverClaims.ClaimParameters({
                votingPeriod: 3 days,
                lateVoteExtension: 12 hours,
                maxExtensions: 2,
                cooldown: 2 days,
                escalationTimeout: 21 days,
                redemptionWindow: 90 days,
                gracePeriod: 30 days,
                quorumBps: 1_000,
                rewardBps: 100,
                claimDeposit: 0.05 ether,
                escalationBond: 0.5 ether,
                rewardAmountBps: 50,
                quorumMissFeeBps: 2_000
            }),
            3 days
        );

        manager.grantRole(CLAIMS_ROLE, address(claims), 0);
        pool.setCoverBook(address(coverBook));
        coverBook.setClaimsModule(address(claims));
        _setRole(address(pool), CapitalPool.payAssessorReward.selector, bytes4(0), CLAIMS_ROLE);
        _setRole(address(claims), CoverClaims.escalateAsGuardian.selector, bytes4(keccak256("pause()")), GUARDIAN_ROLE);

        assessedProduct = coverBook.addProduct(_product("Smart contract cover", address(0), 0));
        parametricProduct = coverBook.addProduct(_product("Depeg cover", address(feed), TRIGGER));
        _setParametricTerms();

        // Underwriting capital.
        vm.deal(address(this), 10_000 ether);
        weth.deposit{value: 5_000 ether}();
        weth.approve(address(pool), type(uint256).max);
        pool.deposit(5_000 ether, address(this));
    }

    /// @dev Gives `buyer` WETH and buys a cover of `amount` for `period` on `productId`.
    function _buyCover(address buyer, uint256 productId, uint256 amount, uint256 period) internal returns (uint256) {
        vm.deal(buyer, 100 ether);
        vm.startPrank(buyer);
        weth.deposit{value: 100 ether}();
        weth.approve(address(coverBook), type(uint256).max);
        uint256 coverId = coverBook.buyCover(productId, amount, period, 100 ether);
        vm.stopPrank();
        return coverId;
    }

    /// @dev The parametric product's trigger rule: Etherisc-like, with a one-hour waiting period.
    function _setParametricTerms() private {
        coverBook.setParametricTerms(
            parametricProduct,
            ICoverBook.ParametricTerms({
                recoveryPrice: 99_900_000,
                referencePrice: 100_000_000,
                confirmationWindow: uint32(CONFIRMATION_WINDOW),
                waitingPeriod: uint32(WAITING),
                heartbeat: 1 days,
                heartbeatTolerance: 30 minutes,
                triggerBufferBps: 300,
                payoutRule: ICoverBook.PayoutRule.Full
            })
        );
    }

    function _product(
        string memory name,
        address priceFeed,
        int256 trigger
    ) private view returns (ICoverBook.ProductParams memory) {
        return
            ICoverBook.ProductParams({
                name: name,
                riskType: priceFeed == address(0) ? ICoverBook.RiskType.SmartContract : ICoverBook.RiskType.DepegMarket,
                pool: address(pool),
                baseRateBps: 250,
                surchargeBps: 750,
                capacityRatioBps: 9_000,
                minPeriod: 7 days,
                maxPeriod: 365 days,
                active: true,
                priceFeed: priceFeed,
                triggerPrice: trigger
            });
    }

    function _setRole(address target, bytes4 first, bytes4 second, uint64 role) private {
        bytes4[] memory selectors = new bytes4[](second == bytes4(0) ? 1 : 2);
        selectors[0] = first;
        if (second != bytes4(0)) selectors[1] = second;
        manager.setTargetFunctionRole(target, selectors, role);
    }
}
