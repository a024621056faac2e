package org.isms.incident;

import io.quarkus.test.junit.QuarkusTest;
import org.isms.testing.ServiceContractTest;

/** incident-service keeps the promises every service makes: health, metrics, OpenAPI, schema, token checks. */
@QuarkusTest
class IncidentContractTest extends ServiceContractTest {
}
