package org.isms.platform.testapp;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import org.isms.platform.outbox.EventRoutes;

/** The test application's own event type and topic, next to the contract's. */
@Alternative
@Priority(1)
@ApplicationScoped
public class NoteRoutes extends EventRoutes {
    static final String TOPIC = "isms.note.events";
    static final String SOURCE = "/isms/platform-test";

    @Override
    public String topicOf(String type) {
        return NoteService.CREATED.equals(type) ? TOPIC : super.topicOf(type);
    }
}
