package org.cec.portal.intake.internal.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One answer to a question of an IntakeSection plugin, keyed by section id and version, with the
 * titles shown at the time (table {@code intake_request_answer}).
 */
@Entity
@Table(name = "intake_request_answer")
public class RequestAnswerEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "request_id", nullable = false)
    private long requestId;

    @Column(name = "section_id", nullable = false, length = 40)
    private String sectionId;

    @Column(name = "section_version", nullable = false)
    private int sectionVersion;

    @Column(name = "section_title", nullable = false, length = 200)
    private String sectionTitle;

    @Column(name = "field_id", nullable = false, length = 40)
    private String fieldId;

    @Column(name = "field_label", nullable = false, length = 200)
    private String fieldLabel;

    @Column(name = "answer", nullable = false, length = 2000)
    private String answer;

    @Column(name = "answer_label", nullable = false, length = 200)
    private String answerLabel = "";

    @Column(name = "ordinal", nullable = false)
    private int ordinal;

    protected RequestAnswerEntity() {}

    @SuppressWarnings("checkstyle:ParameterNumber")
    public RequestAnswerEntity(
            long requestId,
            String sectionId,
            int sectionVersion,
            String sectionTitle,
            String fieldId,
            String fieldLabel,
            String answer,
            String answerLabel,
            int ordinal) {
        this.requestId = requestId;
        this.sectionId = sectionId;
        this.sectionVersion = sectionVersion;
        this.sectionTitle = sectionTitle;
        this.fieldId = fieldId;
        this.fieldLabel = fieldLabel;
        this.answer = answer;
        this.answerLabel = answerLabel == null ? "" : answerLabel;
        this.ordinal = ordinal;
    }

    public long requestId() {
        return requestId;
    }

    public String sectionId() {
        return sectionId;
    }

    public int sectionVersion() {
        return sectionVersion;
    }

    public String sectionTitle() {
        return sectionTitle;
    }

    public String fieldId() {
        return fieldId;
    }

    public String fieldLabel() {
        return fieldLabel;
    }

    public String answer() {
        return answer;
    }

    /** The label the form showed for a chosen option; empty for text and number answers. */
    public String answerLabel() {
        return answerLabel == null ? "" : answerLabel;
    }

    /** The answer as staff read it: the option's label with its value, or the answer itself. */
    public String answerShown() {
        return answerLabel().isEmpty() ? answer : answerLabel() + " (" + answer + ")";
    }

    public int ordinal() {
        return ordinal;
    }
}
