package dev.stitch.stencil;

/**
 * A hole could not be patched: the word at its offset is not the instruction its kind expects,
 * or the value does not fit the field. The message names the hole kind, the offset, the value
 * and what is allowed.
 */
public final class HoleException extends IllegalArgumentException {
    public HoleException(String message) {
        super(message);
    }
}
