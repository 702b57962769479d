package org.cec.portal.directory.internal.search;

import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code Directory}: how many contractors search finds, and from where. CRITICAL while the stored
 * contractors were never read (search would find none of them); WARN when their last reading failed
 * (search answers with the previous ones) or a partner source failed to give its contractors (its
 * previous list is kept); a source still being read for the first time is said, and is no warning.
 */
@Component(
        service = HealthCheck.class,
        property = {HealthCheck.NAME + "=Directory", HealthCheck.TAGS + "=cec-portal"})
public final class DirectoryHealthCheck implements HealthCheck {

    private final IndexStatus index;

    @Activate
    public DirectoryHealthCheck(@Reference IndexStatus index) {
        this.index = index;
    }

    @Override
    public Result execute() {
        IndexStatus.Status s = index.status();
        FormattingResultLog log = new FormattingResultLog();
        if (!s.storeRead()) {
            log.critical("The stored contractors could not be read yet: {}", s.storeFailure());
        } else if (!s.storeFailure().isEmpty()) {
            log.warn(
                    "The last reading of the stored contractors failed (search answers with the previous ones): {}",
                    s.storeFailure());
        }
        log.info("{} contractor(s) in the index, {} active and searchable", s.contractors(), s.searchable());
        for (IndexStatus.Source source : s.sources()) {
            if (!source.failure().isEmpty()) {
                log.warn(
                        "Source {} failed to give its contractors ({}); {} kept from before",
                        source.id(),
                        source.failure(),
                        source.contractors());
            } else if (!source.read()) {
                log.info("Source {} is being read for the first time", source.id());
            } else {
                log.info("Source {}: {} contractor(s)", source.id(), source.contractors());
            }
        }
        return new Result(log);
    }
}
