package org.cec.portal.api.directory;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A partner's own list of contractors. Register one as an OSGi service: its contractors appear in
 * search within a second, tagged with the source's {@link #label()}; unregister it (stop the
 * bundle) and they are gone. The directory keeps them in memory only: nothing of a source is stored.
 * <pre>{@code
 * @Component
 * public final class MemberSource implements ContractorSource {
 *     public String id() { return "members"; }
 *     public String label() { return "Member network"; }
 *     public List<Contractor> contractors() { return members.current(); }
 *     public long revision() { return members.revision(); }
 * }
 * }</pre>
 */
@ConsumerType
public interface ContractorSource {

    /**
     * A stable id, 1 to 32 of {@code a-z 0-9 -}, starting with a letter, other than {@code built-in}
     * and {@code demo}. It prefixes the ids of its contractors ({@code members:42}), so keep it across
     * versions. Of two sources with the same id only the first registered is used.
     */
    String id();

    /** The name shown beside its contractors (for example "Member network"), or a {@code %key} of the plugin's messages. */
    String label();

    /**
     * The contractors as they are now. Their ids are the source's own (1 to 64 of {@code a-z 0-9 -});
     * their {@code source} is replaced by {@link #id()}. A contractor that is not valid (no business
     * name, an unknown service) is left out and logged. Called when the source is registered and
     * whenever {@link #revision()} changes; it may take its time, search goes on with the previous list.
     */
    List<Contractor> contractors();

    /**
     * A number that changes whenever {@link #contractors()} would answer differently, for example the
     * file's modification time. The directory asks it about once a second; the default, a constant,
     * means the list is read once.
     */
    default long revision() {
        return 0;
    }
}
