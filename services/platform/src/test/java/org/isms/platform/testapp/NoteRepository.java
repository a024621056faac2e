package org.isms.platform.testapp;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.isms.platform.paging.TenantRepository;

@ApplicationScoped
public class NoteRepository implements TenantRepository<Note, UUID> {
}
