package org.isms.platform.outbox;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import org.isms.events.EventTypes;

/** The topic each event type goes on: {@link EventTypes#topicOf}, the explicit map of the event contract. */
@DefaultBean
@ApplicationScoped
public class EventRoutes {
    /** The topic of a type; an unlisted type is refused (IllegalArgumentException), never sent somewhere made up. */
    public String topicOf(String type) {
        return EventTypes.topicOf(type);
    }
}
