package org.cec.portal.platform.internal.testunit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An entity of the test module "notes", whose table comes from its migration. */
@Entity
@Table(name = "notes_note")
public class Note {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "text", nullable = false)
    private String text;

    protected Note() {}

    public Note(String text) {
        this.text = text;
    }

    public Long id() {
        return id;
    }

    public String text() {
        return text;
    }
}
