package org.isms.audit;

import io.quarkus.test.junit.QuarkusTest;
import org.isms.testing.ServiceContractTest;

/** audit-service keeps the promises every service makes: health, metrics, OpenAPI, schema, token checks. */
@QuarkusTest
class AuditContractTest extends ServiceContractTest {
}
