package org.allyledger.writeapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.allyledger.api.Problem;
import org.allyledger.api.ProblemException;
import org.allyledger.api.auth.Caller;
import org.allyledger.eventstore.ConcurrencyConflictException;
import org.allyledger.eventstore.EventMetadata;
import org.allyledger.eventstore.EventStore;
import org.allyledger.eventstore.IdempotencyRecord;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The one command path of the write services: decide, append the decision's events with the actor and subject in
 * their metadata, answer. With an {@code Idempotency-Key}, the first answer is stored in the same transaction as
 * the events; a retry with the same key and request replays it and writes nothing, and the same key with another
 * request is refused. Work that is not one HTTP request (each row of an import, each commitment of a sweep) takes
 * the same path through {@link #run}.
 */
@ApplicationScoped
public class CommandExecutor {
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final int MAX_KEY_LENGTH = 200;
    /**
     * A client that named no version is never answered 409 for a concurrent writer: it is decided again on the new
     * state, after a jittered pause that grows, so writers of one hot stream (many allies pledging to one initiative)
     * spread out instead of colliding again.
     */
    private static final int MAX_CONFLICT_RETRIES = 25;
    private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(2);
    private static final Duration LONGEST_RETRY_PAUSE = Duration.ofMillis(100);
    private static final String FIND = "select fingerprint, status, body, etag, location from idempotency_keys"
            + " where caller = $1 and key = $2";

    private final EventStore store;
    private final Pool pool;
    private final ObjectMapper json;

    public CommandExecutor(EventStore store, Pool pool, ObjectMapper json) {
        this.store = store;
        this.pool = pool;
        this.json = json;
    }

    /**
     * @param idempotencyKey  the request's Idempotency-Key header, or null
     * @param request         what identifies the request for the key: method, path and body
     * @param retryOnConflict true when the client named no version (no If-Match): a concurrent write is then
     *                        answered by loading and deciding again, a few times, instead of a 409
     * @param command         loads, decides and returns the events to append and the answer
     */
    public Uni<Response> execute(String idempotencyKey, EventMetadata metadata, String request, boolean retryOnConflict,
                                 Supplier<Uni<Decision>> command) {
        if (idempotencyKey == null) {
            return run(metadata, retryOnConflict, command).map(decision -> respond(decision.result()));
        }
        checkKey(idempotencyKey);
        String caller = metadata.actor();
        String fingerprint = sha256(request);
        // a key is new far more often than it is retried: the command runs at once, and its write, atomic with the
        // key's record, is refused when the key was recorded before; only then is the stored answer read and replayed
        return retrying(retryOnConflict, Uni.createFrom().deferred(() -> command.get().flatMap(decision -> {
                    CommandResult result = decision.result();
                    IdempotencyRecord answer = record(caller, idempotencyKey, fingerprint, result);
                    // the body as recorded: the same bytes a replay sends, written once
                    return store.appendAll(decision.appends(), decision.claims(), metadata, answer)
                            .replaceWith(() -> respond(result, answer.body()));
                })))
                .onFailure().recoverWithUni(failure -> answerOfConcurrentTwin(caller, idempotencyKey, fingerprint, failure));
    }

    /**
     * Decides and appends, without an Idempotency-Key; the metadata names the actor and the subject.
     *
     * @param retryOnConflict true when no version was named: a concurrent change is decided again on the new state
     * @return the decision, once its events are appended
     */
    public Uni<Decision> run(EventMetadata metadata, boolean retryOnConflict, Supplier<Uni<Decision>> command) {
        Uni<Decision> attempt = Uni.createFrom().deferred(() -> command.get()
                .flatMap(decision -> store.appendAll(decision.appends(), decision.claims(), metadata, null).replaceWith(decision)));
        return retrying(retryOnConflict, attempt);
    }

    /**
     * Runs a command for the calling principal: the event metadata names them as actor and {@code subject} as
     * the employee acted for. Without {@code If-Match}, a concurrent change is decided again on the new state.
     */
    public Uni<Response> execute(Caller caller, String idempotencyKey, String subject, String request, String ifMatch,
                                 Supplier<Uni<Decision>> command) {
        EventMetadata metadata = new EventMetadata(caller.actor(), subject,
                idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString());
        return execute(idempotencyKey, metadata, request, ifMatch == null, command);
    }

    /**
     * For work that writes many streams in transactions of its own (a bulk import, a sweep): with an
     * {@code Idempotency-Key}, the first answer is recorded once the work is done and replayed to retries.
     * The work itself must be safe to repeat, since a crash before the record is written repeats it.
     */
    public Uni<Response> executeBatch(Caller caller, String idempotencyKey, String request, Supplier<Uni<CommandResult>> work) {
        if (idempotencyKey == null) {
            return work.get().map(CommandExecutor::respond);
        }
        checkKey(idempotencyKey);
        String fingerprint = sha256(request);
        return find(caller.actor(), idempotencyKey).flatMap(stored -> {
            if (stored != null) {
                return Uni.createFrom().item(replay(stored, fingerprint));
            }
            return work.get().flatMap(result -> store.appendAll(List.of(), List.of(), null, record(caller.actor(), idempotencyKey, fingerprint, result))
                            .replaceWith(() -> respond(result)))
                    .onFailure().recoverWithUni(failure -> answerOfConcurrentTwin(caller.actor(), idempotencyKey, fingerprint, failure));
        });
    }

    /**
     * A request whose key has an answer gets that answer, however its own attempt failed: a retry's rule refusals (a
     * duplicate it itself caused, a conflict on the stream it wrote, the key already recorded) are the first
     * request's doing, not the client's. Without a stored answer the failure stands.
     */
    private Uni<Response> answerOfConcurrentTwin(String caller, String key, String fingerprint, Throwable failure) {
        return find(caller, key).map(raced -> {
            if (raced == null) {
                throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
            }
            return replay(raced, fingerprint);
        });
    }

    private IdempotencyRecord record(String caller, String key, String fingerprint, CommandResult result) {
        return new IdempotencyRecord(caller, key, fingerprint, result.status(), write(result.body()),
                result.version() == null ? null : result.version().toString(), result.location());
    }

    private static void checkKey(String idempotencyKey) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new ProblemException(Problem.invalid("The Idempotency-Key header is invalid.",
                    List.of(new Problem.FieldError("Idempotency-Key", "must be 1-" + MAX_KEY_LENGTH + " characters"))));
        }
    }

    private static <T> Uni<T> retrying(boolean retryOnConflict, Uni<T> attempt) {
        return retryOnConflict
                ? attempt.onFailure(ConcurrencyConflictException.class).retry()
                        .withBackOff(FIRST_RETRY_PAUSE, LONGEST_RETRY_PAUSE).withJitter(0.5).atMost(MAX_CONFLICT_RETRIES)
                : attempt;
    }

    private Uni<IdempotencyRecord> find(String caller, String key) {
        return pool.preparedQuery(FIND).execute(Tuple.of(caller, key)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            Row row = rows.iterator().next();
            return new IdempotencyRecord(caller, key, row.getString(0), row.getInteger(1), row.getString(2),
                    row.getString(3), row.getString(4));
        });
    }

    private static Response replay(IdempotencyRecord stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new ProblemException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request."));
        }
        Response.ResponseBuilder response = Response.status(stored.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(stored.body())
                .header(REPLAYED_HEADER, "true");
        if (stored.etag() != null) {
            response.tag(new EntityTag(stored.etag()));
        }
        if (stored.location() != null) {
            response.location(URI.create(stored.location()));
        }
        return response.build();
    }

    private static Response respond(CommandResult result) {
        return respond(result, result.body());
    }

    /** @param body the result's body, or its JSON text */
    private static Response respond(CommandResult result, Object body) {
        Response.ResponseBuilder response = Response.status(result.status()).type(MediaType.APPLICATION_JSON).entity(body);
        if (result.version() != null) {
            response.tag(new EntityTag(result.version().toString()));
        }
        if (result.location() != null) {
            response.location(URI.create(result.location()));
        }
        return response.build();
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String request) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(request.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
