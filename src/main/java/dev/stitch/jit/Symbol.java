package dev.stitch.jit;

import dev.stitch.stencil.CallResult;

/**
 * An external function a trace can call: its name, its ordinal in its {@link SymbolTable} (the
 * bit that stands for it in stencil symbol masks), its address, how many 64-bit integer arguments
 * it takes, what it returns, and whether it is a Java upcall (a trace that may call into Java
 * cannot be invoked as a critical downcall, and checks after each such call whether it threw).
 */
public record Symbol(String name, int ordinal, long address, int arity, CallResult result, boolean upcall) {
    @Override
    public String toString() {
        return name + "/" + arity + (upcall ? " (Java upcall)" : "") + " at 0x" + Long.toHexString(address);
    }
}
