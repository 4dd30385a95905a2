package dev.stitch.jit;

import dev.stitch.stencil.Uop;

import java.util.Objects;

/**
 * One uop of a {@link Trace} with its arguments: {@code arg} is the constant of {@code CONST},
 * the local slot of {@code LOAD}/{@code STORE}, the exit value of the uops that can exit, the
 * argument count of {@code CALL}, and 0 otherwise; {@code symbol} is what {@code CALL} calls;
 * {@code target} is the index of the uop a jump goes to, or -1.
 */
public record TraceUop(Uop uop, long arg, Symbol symbol, int target) {
    public TraceUop {
        Objects.requireNonNull(uop, "uop");
    }

    /** The uop as a trace file writes it: {@code CONST 42}, {@code CALL labs 1}, {@code JUMP @7}. */
    public String text() {
        return switch (uop.arg()) {
            case NONE -> uop.name();
            case CONSTANT, LOCAL, EXIT_VALUE -> uop.name() + " " + arg;
            case TARGET -> uop.name() + " @" + target;
            case CALL -> uop.name() + " " + (symbol == null ? "?" : symbol.name()) + " " + arg;
        };
    }

    @Override
    public String toString() {
        return text();
    }
}
