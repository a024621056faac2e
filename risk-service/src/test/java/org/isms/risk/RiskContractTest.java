package org.isms.risk;

import io.quarkus.test.junit.QuarkusTest;
import org.isms.testing.ServiceContractTest;

/** risk-service keeps the promises every service makes: health, metrics, OpenAPI, schema, token checks. */
@QuarkusTest
class RiskContractTest extends ServiceContractTest {
}
