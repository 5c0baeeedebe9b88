package org.allyledger.reporting.people;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** One person as reporting knows them: the organisational attributes that reports group by, no personal data. */
@Entity
@Table(name = "people")
public class PersonRow extends PanacheEntityBase {
    @Id
    @Column(name = "employee_id")
    public String employeeId;
    public String department;
    public String location;
    @Column(name = "work_model")
    public String workModel;
    public boolean active;
    @Column(name = "stream_version")
    public long streamVersion;
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    static PersonRow registered(String employeeId) {
        PersonRow row = new PersonRow();
        row.employeeId = employeeId;
        return row;
    }

    /** Takes the person's attributes as of the event; an older version than the one held changes nothing. */
    boolean describe(long version, String department, String location, String workModel, boolean active, OffsetDateTime at) {
        if (version <= streamVersion) {
            return false;
        }
        this.streamVersion = version;
        this.department = department;
        this.location = location;
        this.workModel = workModel;
        this.active = active;
        this.updatedAt = at;
        return true;
    }

    /** The person left; they no longer count in any headcount from this version on. */
    boolean depart(long version, OffsetDateTime at) {
        return describe(version, department, location, workModel, false, at);
    }
}
