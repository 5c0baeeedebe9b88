package org.allyledger.recognition.people;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A person as recognition needs them: whether they are active, and the department their nominations count for. */
@Entity
@Table(name = "people_replica")
public class ReplicatedPerson extends PanacheEntityBase {
    @Id
    @Column(name = "employee_id")
    public String employeeId;
    public String department;
    public boolean active;
    @Column(name = "stream_version")
    public long streamVersion;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    static ReplicatedPerson unseen(String employeeId) {
        ReplicatedPerson person = new ReplicatedPerson();
        person.employeeId = employeeId;
        return person;
    }

    /** Takes the person's state as of the event; an older version than the one held changes nothing. */
    boolean describe(long version, String department, boolean active, OffsetDateTime at) {
        if (version <= streamVersion) {
            return false;
        }
        this.streamVersion = version;
        this.department = department;
        this.active = active;
        this.updatedAt = at;
        return true;
    }
}
