package dev.stitch.tiny;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled tiny program: its functions' bytecode, function 0 being the top-level statements.
 * Immutable; each {@link #run} starts afresh (new variables, new arrays), so a program may be run
 * any number of times, also from several threads at once.
 */
public final class Program {
    private final String fileName;
    private final List<FunctionCode> functions;

    Program(String fileName, List<FunctionCode> functions) {
        this.fileName = fileName;
        this.functions = List.copyOf(functions);
    }

    /** The file name given to {@link Tiny#compile}, used in runtime error messages. */
    public String fileName() {
        return fileName;
    }

    /** All functions; index {@code i} is the operand {@code f} of {@code CALL f n}, and 0 is the top level. */
    public List<FunctionCode> functions() {
        return functions;
    }

    /** The code of the top-level statements. */
    public FunctionCode topLevel() {
        return functions.get(0);
    }

    /** The function the program defines as {@code name}, if any. */
    public Optional<FunctionCode> function(String name) {
        return functions.stream().skip(1).filter(f -> f.name().equals(name)).findFirst();
    }

    /**
     * Interprets the program, printing to {@code out}; its arrays may take
     * {@link ArrayHeap#DEFAULT_LIMIT} bytes in all.
     *
     * @return completed, or the runtime error that stopped it; output printed before an error has
     *     been flushed to {@code out}
     */
    public RunResult run(PrintStream out) {
        return run(out, InterpreterHooks.NONE);
    }

    /**
     * Interprets the program, printing to {@code out} and calling {@code hooks} (for instance
     * a JIT's) on the events {@link InterpreterHooks} describes; its arrays may take
     * {@link ArrayHeap#DEFAULT_LIMIT} bytes in all.
     */
    public RunResult run(PrintStream out, InterpreterHooks hooks) {
        return run(out, hooks, ArrayHeap.DEFAULT_LIMIT);
    }

    /**
     * Interprets the program as {@link #run(PrintStream, InterpreterHooks)} does, its arrays
     * taking at most {@code maxMemory} bytes of native memory together; an {@code array(n)} that
     * would take more is the runtime error {@code out of memory: ...}.
     *
     * @param maxMemory the byte limit of the run's arrays, {@link ArrayHeap#MIN_LIMIT}..{@link ArrayHeap#MAX_LIMIT}
     * @throws IllegalArgumentException if {@code maxMemory} is outside that range
     */
    public RunResult run(PrintStream out, InterpreterHooks hooks, long maxMemory) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(hooks, "hooks");
        return new Interpreter(this, functions, new ArrayHeap(maxMemory), new ProgramOutput(out), hooks).run();
    }

    /** A listing of every function's bytecode, with constants, slot names, jump targets and lines. */
    public String disassemble() {
        StringBuilder listing = new StringBuilder();
        for (FunctionCode function : functions) {
            listing.append(Disassembler.listing(function, functions));
        }
        return listing.toString();
    }
}
