package dev.stitch.fuzz;

import java.util.SplittableRandom;

/**
 * Writes random valid trace files ({@code .uops} text) for {@link TraceFuzzTest}'s corpus: every
 * uop, labels, forward jumps around blocks, if/else, counted loops (backward jumps), calls of every
 * arity, array accesses that may fail, guards and divisions that may exit, and sometimes a
 * {@code LOOP} back to the start that a counting guard ends. Statements leave the stack as they
 * found it, so every path meets with one depth, as the parser requires.
 */
final class TraceGenerator {
    private static final String[] BINARY = {"ADD", "SUB", "MUL", "AND", "OR", "XOR", "SHL", "SHR", "USHR", "LT", "LE",
        "GT", "GE", "EQ", "NE"};
    private static final String[] CONSTANTS = {"0", "1", "-1", "2", "3", "5", "63", "64", "0x7fffffffffffffff",
        "0x8000000000000000", "-9223372036854775808", "0xffff_ffff", "1_000_000", "-0x2a", "+7", "4"};
    /** Local 7 counts LOOP rounds and locals 5 and 6 count loops: statements never store to them. */
    private static final int LOCALS = 5;

    private final SplittableRandom random;
    private final StringBuilder out = new StringBuilder();
    private int labels;
    private int exitValue = 10;

    private TraceGenerator(long seed) {
        random = new SplittableRandom(seed);
    }

    static String generate(long seed) {
        return new TraceGenerator(seed).trace();
    }

    private String trace() {
        out.append("# generated\nENTER\n");
        boolean loops = random.nextInt(5) == 0;
        if (loops) {
            line("top:");
        }
        statements(2 + random.nextInt(6), 0);
        if (loops) {
            // count local 7 down; LOOP while it stays positive (it starts at 0..5, so at most a few rounds)
            line("LOAD 7");
            line("CONST 1");
            line("SUB");
            line("DUP");
            line("STORE 7");
            line("CONST 0");
            line("GT");
            line("GUARD_TRUE " + exitValue++);
            line(random.nextBoolean() ? "LOOP" : "JUMP top");
        } else {
            line("EXIT " + random.nextInt(10));
        }
        return out.toString();
    }

    private void line(String text) {
        out.append(random.nextInt(3) == 0 ? "\t" : "    ").append(text).append('\n');
    }

    private String label() {
        return "L" + labels++;
    }

    private void statements(int n, int depth) {
        for (int i = 0; i < n; i++) {
            statement(depth);
        }
    }

    /** A statement: the stack is as deep after it as before. */
    private void statement(int depth) {
        int choice = random.nextInt(depth < 2 ? 12 : 8);
        switch (choice) {
            case 0, 1 -> {
                expression(2);
                line("STORE " + random.nextInt(LOCALS));
            }
            case 2 -> {
                expression(2);
                if (random.nextInt(3) != 0) {
                    // a guard that usually holds, so that the code after it runs too
                    line("CONST " + (1000 + random.nextInt(1000)));
                    line(random.nextBoolean() ? "NE" : "LT");
                }
                line((random.nextBoolean() ? "GUARD_TRUE " : "GUARD_FALSE ") + exitValue++);
            }
            case 3 -> {
                expression(2);
                line(random.nextBoolean() ? "CALL print_long" : "CALL print_char 1");
            }
            case 4 -> {
                handle();
                index();
                expression(1);
                line("ASTORE " + exitValue++);
            }
            case 5 -> {
                expression(1);
                line("DROP");
            }
            case 6, 7 -> {
                expression(1);
                line("DUP");
                line("STORE " + random.nextInt(LOCALS));
                line("DROP");
            }
            case 8, 9 -> {
                String skip = label();
                expression(2);
                line((random.nextBoolean() ? "JUMP_IF_FALSE " : "JUMP_IF_TRUE ") + skip);
                statements(1 + random.nextInt(3), depth + 1);
                out.append(skip).append(":\n");
            }
            case 10 -> {
                String otherwise = label();
                String end = label();
                expression(2);
                line("JUMP_IF_FALSE " + otherwise);
                statements(1 + random.nextInt(3), depth + 1);
                line("JUMP " + end);
                out.append(otherwise).append(": ");
                statements(1 + random.nextInt(2), depth + 1);
                out.append(end).append(":\n");
            }
            default -> {
                // a counted loop over local 5 or 6 (by nesting depth), up to four rounds
                int counter = 5 + Math.min(depth, 1);
                String head = label();
                String end = label();
                line("CONST " + random.nextInt(5));
                line("STORE " + counter);
                out.append(head).append(":\n");
                line("LOAD " + counter);
                line("JUMP_IF_FALSE " + end);
                statements(1 + random.nextInt(3), depth + 1);
                line("LOAD " + counter);
                line("CONST 1");
                line("SUB");
                line("STORE " + counter);
                line("JUMP " + head);
                out.append(end).append(":\n");
            }
        }
    }

    /** Pushes an array handle: mostly one of the test frames' arrays of length 3 and 8 (handles 2 and 3). */
    private void handle() {
        if (random.nextInt(6) == 0) {
            expression(0);
        } else {
            line("CONST " + (random.nextInt(6) == 0 ? random.nextInt(4) : 2 + random.nextInt(2)));
        }
    }

    /** Pushes an index: mostly one inside the arrays of length 3 and 8. */
    private void index() {
        if (random.nextInt(4) == 0) {
            expression(1);
        } else {
            line("CONST " + random.nextInt(3));
        }
    }

    /** Code that pushes one value. */
    private void expression(int depth) {
        int choice = depth <= 0 ? random.nextInt(2) : random.nextInt(14);
        switch (choice) {
            case 0 -> line("CONST " + (random.nextBoolean() ? CONSTANTS[random.nextInt(CONSTANTS.length)]
                    : Integer.toString(random.nextInt(8))));
            case 1 -> line("LOAD " + random.nextInt(8));
            case 2, 3, 4 -> {
                expression(depth - 1);
                expression(depth - 1);
                line(BINARY[random.nextInt(BINARY.length)]);
            }
            case 5 -> {
                expression(depth - 1);
                line(random.nextBoolean() ? "NEG" : "NOT");
            }
            case 6 -> {
                expression(depth - 1);
                expression(depth - 1);
                line((random.nextBoolean() ? "DIV " : "REM ") + exitValue++);
            }
            case 7 -> {
                handle();
                index();
                line("ALOAD " + exitValue++);
            }
            case 8 -> {
                handle();
                line("ALEN " + exitValue++);
            }
            case 9 -> {
                String[] calls = {"CALL labs", "CALL abs 1", "CALL mix3 3", "CALL mix4", "CALL fail 1"};
                int pick = random.nextInt(random.nextInt(8) == 0 ? calls.length : calls.length - 1);
                int arity = pick <= 1 ? 1 : pick == 2 ? 3 : pick == 3 ? 4 : 1;
                for (int i = 0; i < arity; i++) {
                    expression(0);
                }
                line(calls[pick]);
            }
            case 10 -> line("CALL getpid 0");
            case 11 -> {
                expression(depth - 1);
                expression(0);
                line("SWAP");
                line(BINARY[random.nextInt(BINARY.length)]);
            }
            case 12 -> {
                expression(depth - 1);
                expression(0);
                line("OVER");
                line("ADD");
                line("XOR");
            }
            default -> {
                expression(depth - 1);
                line("DUP");
                line("MUL");
            }
        }
    }
}
