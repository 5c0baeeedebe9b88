package org.allyledger.recognition.people;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;

/** A row of recognition's {@code people} table, written only by {@link org.allyledger.inbox.people.PeopleTable}. */
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
}
