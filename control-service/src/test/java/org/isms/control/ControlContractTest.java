package org.isms.control;

import io.quarkus.test.junit.QuarkusTest;
import org.isms.testing.ServiceContractTest;

/** control-service keeps the promises every service makes: health, metrics, OpenAPI, schema, token checks. */
@QuarkusTest
class ControlContractTest extends ServiceContractTest {
}
