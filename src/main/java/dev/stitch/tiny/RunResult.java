package dev.stitch.tiny;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link Program#run} ended: completed, or stopped by a {@link RuntimeError}. Either way
 * everything the program printed before has been written to the output stream and flushed.
 */
public record RunResult(Optional<RuntimeError> error) {
    private static final RunResult COMPLETED = new RunResult(Optional.empty());

    public RunResult {
        Objects.requireNonNull(error, "error");
    }

    /** The result of a run that reached the end of the top level (or a top-level {@code return}). */
    public static RunResult completed() {
        return COMPLETED;
    }

    /** The result of a run stopped by {@code error}. */
    public static RunResult failed(RuntimeError error) {
        return new RunResult(Optional.of(error));
    }

    /** True if the run completed without a runtime error. */
    public boolean ok() {
        return error.isEmpty();
    }
}
