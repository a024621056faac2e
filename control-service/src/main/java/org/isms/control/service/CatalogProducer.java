package org.isms.control.service;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.isms.control.catalog.Catalog;

/** The reference catalog, read and checked once at start: a broken catalog file stops the service there. */
public class CatalogProducer {
    @Produces
    @Singleton
    @Startup
    Catalog catalog() {
        return Catalog.load();
    }
}
