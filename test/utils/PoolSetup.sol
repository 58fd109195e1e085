// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {DAOAccessManager} from "../../contracts/governance/DAOAccessManager.sol";
import {CapitalPool} from "../../contracts/pool/CapitalPool.sol";
import {ICapitalPool} from "../../contracts/pool/interfaces/ICapitalPool.sol";
import {CoverBook} from "../../contracts/cover/CoverBook.sol";
import {ICoverBook} from "../../contracts/cover/interfaces/ICoverBook.sol";
import {TestStablecoin} from "../../contracts/local/TestStablecoin.sol";

/**
 * @notice Deploys a stablecoin pool and the cover book behind a fresh AccessManager administered by the
 * deployer (the test), wired as the Pool Ignition module wires them (the pool's cover book, the cover book's
 * claims module `claims`, CLAIMS_ROLE on assessor rewards), and one assessed product.
 */
library PoolSetup {
    uint64 internal constant CLAIMS_ROLE = 2;

    struct System {
        DAOAccessManager manager;
        TestStablecoin token;
        CapitalPool pool;
        CoverBook book;
        uint256 productId;
    }

    function deploy(address treasury, address claims) internal returns (System memory s) {
        s.manager = new DAOAccessManager(address(this));
        s.token = new TestStablecoin();
        s.pool = new CapitalPool(
            IERC20Metadata(address(s.token)),
            CapitalPool.Config("Pool", "cdUSD", address(s.manager), 1 days, 9_000, 7 days, 2 days)
        );
        s.book = new CoverBook(CoverBook.Config(address(s.manager), 1 days, treasury, 1_000, 500));

        s.pool.setCoverBook(address(s.book));
        s.book.setClaimsModule(claims);
        bytes4[] memory rewardFns = new bytes4[](1);
        rewardFns[0] = ICapitalPool.payAssessorReward.selector;
        s.manager.setTargetFunctionRole(address(s.pool), rewardFns, CLAIMS_ROLE);
        s.manager.grantRole(CLAIMS_ROLE, claims, 0);

        s.productId = s.book.addProduct(
            ICoverBook.ProductParams({
                name: "Protocol cover",
                riskType: ICoverBook.RiskType.SmartContract,
                pool: address(s.pool),
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
    }
}
