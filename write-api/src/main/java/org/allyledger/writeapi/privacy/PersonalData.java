package org.allyledger.writeapi.privacy;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Each person's personal data is sealed under their own data key; erasing them destroys the key. */
@ApplicationScoped
public class PersonalData {
    /** What readers see in place of an erased person's name. */
    public static final String ERASED_NAME = "erased person";

    private final DataKeys keys;

    public PersonalData(DataKeys keys) {
        this.keys = keys;
    }

    /** For writing the person's text: their key, made on first use. */
    public Uni<PersonalText> sealing(String personId) {
        return keys.keyFor(personId).map(key -> new PersonalText(personId, key));
    }

    /** For reading the person's text: their key, or none once erased. */
    public Uni<PersonalText> reading(String personId) {
        return keys.existing(personId).map(key -> new PersonalText(personId, key.orElse(null)));
    }

    /** Destroys the person's key: every copy of their sealed text, wherever it went, can no longer be read. */
    public Uni<Boolean> erase(String personId) {
        return keys.destroy(personId);
    }
}
