package dev.stitch.tiny;

/**
 * Why a run stopped early: the file, the source line of the instruction that failed, and what
 * went wrong (such as {@code division by zero}). {@link #toString()} is the message the command
 * line prints: {@code file:line: runtime error: message}.
 */
public record RuntimeError(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": runtime error: " + message;
    }
}
