package org.isms.asset;

import io.quarkus.test.junit.QuarkusTest;
import org.isms.testing.ServiceContractTest;

/** asset-service keeps the promises every service makes: health, metrics, OpenAPI, schema, token checks. */
@QuarkusTest
class AssetContractTest extends ServiceContractTest {
}
