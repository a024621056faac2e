package org.isms.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.isms.testing.ServiceContractTest;

/** The platform alone already keeps the promises every service makes. */
@QuarkusTest
class PlatformContractTest extends ServiceContractTest {
}
