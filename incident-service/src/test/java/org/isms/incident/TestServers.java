package org.isms.incident;

import io.quarkus.test.common.QuarkusTestResource;
import org.isms.testing.KafkaResource;
import org.isms.testing.OidcResource;
import org.isms.testing.PostgresResource;

/** Real PostgreSQL and Kafka and the test token key, for every @QuarkusTest of this module. */
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = KafkaResource.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = OidcResource.class, restrictToAnnotatedClass = false)
public class TestServers {
}
