package org.allyledger.eventstore;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The last fold of recently used streams, so that loading one reads only the events written after it: a command's
 * cost does not grow with its stream's history. A fold is a pure function of a stream's events, which are never
 * changed, so a cached fold is never wrong, only possibly behind; the load reads what it lacks. Bounded in entries.
 */
final class FoldCache {
    private record Key(String type, String streamId) {
    }

    /** A fold, and when it was last known to be the stream's newest. */
    record Fold<S>(Loaded<S> loaded, long confirmedAtNanos) {
    }

    private final Cache<Key, Fold<?>> folds;

    FoldCache(long maximumStreams) {
        this.folds = Caffeine.newBuilder().maximumSize(maximumStreams).build();
    }

    @SuppressWarnings("unchecked")
    <S> Fold<S> get(StreamType<S, ?> type, String streamId) {
        return (Fold<S>) folds.getIfPresent(new Key(type.name(), streamId));
    }

    /** Keeps the newer of what is cached and {@code loaded}, confirmed now. */
    <S> void offer(StreamType<S, ?> type, String streamId, Loaded<S> loaded) {
        if (loaded.version() == 0) {
            return;
        }
        Fold<S> fresh = new Fold<>(loaded, System.nanoTime());
        folds.asMap().merge(new Key(type.name(), streamId), fresh,
                (cached, offered) -> cached.loaded().version() > offered.loaded().version() ? cached : offered);
    }

    /** After this service appended to a stream: a fold at the version the writer read moves on by the appended events. */
    <S, E> void appended(StreamType<S, E> type, StreamAppend<? extends E> append) {
        if (append.events().isEmpty()) {
            return;
        }
        folds.asMap().computeIfPresent(new Key(type.name(), append.streamId()), (key, cached) -> {
            @SuppressWarnings("unchecked") Loaded<S> before = (Loaded<S>) cached.loaded();
            if (before.version() != append.expectedVersion()) {
                return before.version() >= append.newVersion() ? cached : null;
            }
            return new Fold<>(new Loaded<>(type.applyAll(before.state(), append.events()), append.newVersion()), System.nanoTime());
        });
    }
}
