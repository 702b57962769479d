package org.cec.portal.directory.internal.choice;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.cec.portal.directory.internal.choice.Leads.Status;

/**
 * A contractor's report on a lead, as typed in the lead page's form or sent to the JSON API, checked:
 * the status (any of {@link Status} but {@code shared}), the date it happened ({@code yyyy-MM-dd}, not
 * before the lead was shared nor after tomorrow; today when none is given), the services performed (for
 * {@code job-done}: service ids, at most {@value #MAX_SERVICES}) and a note of at most {@value
 * #MAX_NOTE} characters. Problems are given per field as message keys ({@code directory.lead.error.*}).
 */
record LeadReport(Status status, LocalDate date, List<String> servicesPerformed, String note) {

    static final int MAX_NOTE = 500;
    static final int MAX_SERVICES = 10;
    private static final Pattern SERVICE_ID = Pattern.compile("[a-z][a-z0-9-]{0,63}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\r\\n\\t]]");

    /** A report that passed the checks, or the problems: field name to message key. */
    record Checked(Optional<LeadReport> report, Map<String, String> errors) {}

    /**
     * Checks what was sent. {@code statusValue}, {@code dateValue} and {@code note} may be null; {@code
     * services} may be empty.
     */
    static Checked check(
            String statusValue,
            String dateValue,
            List<String> services,
            String note,
            LocalDate sharedOn,
            LocalDate today) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Status> status = statusValue == null ? Optional.empty() : Status.of(statusValue.trim());
        if (status.isEmpty() || status.get() == Status.SHARED) {
            errors.put("status", "directory.lead.error.status");
        }
        LocalDate date = today;
        if (dateValue != null && !dateValue.isBlank()) {
            try {
                date = LocalDate.parse(dateValue.trim());
                if (date.isBefore(sharedOn) || date.isAfter(today.plusDays(1))) {
                    errors.put("date", "directory.lead.error.dateRange");
                }
            } catch (DateTimeParseException e) {
                errors.put("date", "directory.lead.error.date");
            }
        }
        LinkedHashSet<String> performed = new LinkedHashSet<>();
        for (String s : services) {
            String id = s == null ? "" : s.trim();
            if (!SERVICE_ID.matcher(id).matches()) {
                errors.put("servicesPerformed", "directory.lead.error.services");
            } else {
                performed.add(id);
            }
        }
        if (performed.size() > MAX_SERVICES) {
            errors.put("servicesPerformed", "directory.lead.error.services");
        }
        if (status.isPresent() && status.get() == Status.JOB_DONE && performed.isEmpty()) {
            errors.putIfAbsent("servicesPerformed", "directory.lead.error.servicesMissing");
        }
        String text = note == null ? "" : note.strip();
        if (text.length() > MAX_NOTE || CONTROL.matcher(text).find()) {
            errors.put("note", "directory.lead.error.note");
        }
        if (!errors.isEmpty()) {
            return new Checked(Optional.empty(), errors);
        }
        List<String> kept = status.get() == Status.JOB_DONE ? new ArrayList<>(performed) : List.of();
        return new Checked(Optional.of(new LeadReport(status.get(), date, List.copyOf(kept), text)), Map.of());
    }
}
