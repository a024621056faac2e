package org.isms.platform.paging;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the streamed CSV exports every register offers ({@code isms.export.*}). */
@ConfigMapping(prefix = "isms.export")
public interface ExportConfig {
    /**
     * Rows read per keyset page (each page in a session of its own), so an export's memory stays bounded
     * whatever the size of the register.
     */
    @WithDefault("500")
    int pageSize();
}
