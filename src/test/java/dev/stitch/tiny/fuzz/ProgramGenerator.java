package dev.stitch.tiny.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates random, well-formed tiny programs that always terminate, for {@link DifferentialFuzzTest}.
 *
 * <p>Shape of a program: up to three functions {@code f0..f2} (function {@code k} calls only
 * functions below {@code k}, in loops of few iterations too), sometimes a recursive function
 * {@code rec} (at most 16 calls deep) called from anywhere, then a top level that assigns its scalar
 * variables and arrays and runs random statements. Loops are always
 * {@code iD = 0; while iD < K { iD = iD + 1; ... }} with {@code K <= 50}, nested at most two deep,
 * and the counter {@code iD} is never assigned anywhere else (so {@code continue} and {@code break}
 * are safe). Runtime errors are generated on purpose, but rarely: division or remainder by a value
 * that may be zero, array indexes that may be out of bounds, a variable assigned only on one branch
 * (undefined variable), and an integer used as an array (not an array). For the register shape,
 * some programs have more scalars than registers to pin them in (up to 12) and some assignments
 * expressions deep enough that stack slots spill to memory.
 */
final class ProgramGenerator {
    private static final String[] BINARY = {"+", "-", "*", "/", "%", "<<", ">>", ">>>", "<", "<=", ">", ">=", "==",
        "!=", "&", "^", "|", "&&", "||"};
    private static final String[] COMPARISONS = {"<", "<=", ">", ">=", "==", "!="};
    private static final String[] EDGE_LITERALS = {"0", "1", "-1", "2", "63", "64", "0x7fffffffffffffff",
        "0x8000000000000000", "0xffffffff", "0x100000000", "-9223372036854775807", "1_000_000_007"};

    private final SplittableRandom random;
    private final StringBuilder out = new StringBuilder();
    private int indent;

    /** The scope being generated: its scalar variables, arrays (with a known minimum length) and loop depth. */
    private final List<String> scalars = new ArrayList<>();
    private final List<String> arrays = new ArrayList<>();
    private int loopDepth;
    /** Functions callable from the code being generated: indexes below this. */
    private int callableFunctions;
    /** Per function: number of int parameters, whether it takes an array last. */
    private final List<int[]> signatures = new ArrayList<>();
    /** Statements left in the current program, to bound its size. */
    private int budget;
    /** The product of the loop bounds around the current point, to bound the run time. */
    private int iterations = 1;
    /** True while generating a function (not the top level). */
    private boolean inFunction;

    /** Which deliberate errors this program may contain (each is decided once per program). */
    private final boolean mayDivideByZero;
    private final boolean mayIndexOutOfBounds;
    private final boolean mayIndexANonArray;
    /** True if the program has the recursive function {@code rec}, called beside loops and inside them. */
    private final boolean hasRecursion;

    private ProgramGenerator(long seed) {
        this.random = new SplittableRandom(seed);
        this.mayDivideByZero = random.nextInt(4) == 0;
        this.mayIndexOutOfBounds = random.nextInt(4) == 0;
        this.mayIndexANonArray = random.nextInt(12) == 0;
        this.hasRecursion = random.nextInt(4) == 0;
    }

    /** The program for {@code seed}: the same seed always gives the same text. */
    static String generate(long seed) {
        return new ProgramGenerator(seed).program();
    }

    private String program() {
        if (hasRecursion) {
            line("fn rec(n) { if n < 1 { return 0 } return (n * 3 + rec(n - 1)) % 1000 }");
        }
        int functions = random.nextInt(4);
        for (int k = 0; k < functions; k++) {
            signatures.add(new int[] {1 + random.nextInt(2), random.nextInt(3) == 0 ? 0 : 1});
        }
        inFunction = true;
        for (int k = 0; k < functions; k++) {
            function(k);
        }
        inFunction = false;
        // the top level
        scalars.clear();
        arrays.clear();
        callableFunctions = functions;
        budget = 10 + random.nextInt(20);
        String[] names = {"a", "b", "c", "d", "e", "f", "g", "h", "j", "k", "l", "m"};
        // sometimes more live locals than any register file pins (x86-64 has 7 registers for them)
        int scalarCount = random.nextInt(4) == 0 ? 6 + random.nextInt(7) : 2 + random.nextInt(3);
        for (int k = 0; k < scalarCount; k++) {
            line(names[k] + " = " + literal());
            scalars.add(names[k]);
        }
        int arrayCount = 1 + random.nextInt(2);
        for (int k = 0; k < arrayCount; k++) {
            String name = k == 0 ? "xs" : "ys";
            line(name + " = array(" + (1 + random.nextInt(12)) + ")");
            arrays.add(name);
        }
        if (random.nextInt(8) == 0) {
            // maybe undefined: assigned on one branch only, read later
            line("if " + condition(2) + " { u = " + expression(2) + " }");
            scalars.add("u");
        }
        if (random.nextInt(4) != 0) {
            budget--;
            loop(); // most programs have a hot loop at the top level
        }
        statements(3 + random.nextInt(6));
        line("print(" + String.join(", ", scalars) + ")");
        return out.toString();
    }

    private void function(int k) {
        int[] signature = signatures.get(k);
        scalars.clear();
        arrays.clear();
        callableFunctions = k;
        budget = 4 + random.nextInt(8);
        List<String> params = new ArrayList<>();
        for (int p = 0; p < signature[0]; p++) {
            params.add("p" + p);
            scalars.add("p" + p);
        }
        if (signature[1] == 1) {
            params.add("arr");
            arrays.add("arr");
        }
        line("fn f" + k + "(" + String.join(", ", params) + ") {");
        indent++;
        line("r = " + expression(2));
        scalars.add("r");
        statements(1 + random.nextInt(4));
        if (random.nextInt(5) == 0) {
            line("return");
        } else {
            line("return " + expression(3));
        }
        indent--;
        line("}");
    }

    private void statements(int count) {
        for (int k = 0; k < count && budget > 0; k++) {
            statement();
        }
    }

    private void statement() {
        budget--;
        int choice = random.nextInt(100);
        if (choice < 30) {
            assignment();
        } else if (choice < 40) {
            arrayWrite();
        } else if (choice < 42) {
            arrayAllocation();
        } else if (choice < 50) {
            print();
        } else if (choice < 62) {
            ifStatement();
        } else if (choice < 88 && loopDepth < 2) {
            loop();
        } else if (choice < 93 && callsAllowed()) {
            line(call(2));
        } else if (choice < 96 && loopDepth > 0) {
            line("if " + condition(2) + " { " + (random.nextBoolean() ? "break" : "continue") + " }");
        } else if (choice < 98 && (inFunction || random.nextInt(4) == 0)) {
            // an early return: from a function (maybe out of a loop), or the end of the program
            line("if " + condition(2) + " { return" + (inFunction ? " " + expression(2) : "") + " }");
        } else {
            assignment();
        }
    }

    private void assignment() {
        List<String> assignable = scalars.stream().filter(s -> !s.equals("u") && !s.matches("i[0-9]")).toList();
        if (assignable.isEmpty() || (random.nextInt(6) == 0 && scalars.size() < 8)) {
            // a new variable: its value may not read it
            String target = "t" + scalars.size();
            line(target + " = " + expression(3));
            scalars.add(target);
        } else {
            // sometimes an expression deeper than the registers the stack slots get, so values spill
            line(assignable.get(random.nextInt(assignable.size())) + " = "
                    + expression(random.nextInt(8) == 0 ? 5 + random.nextInt(3) : 3));
        }
    }

    private void arrayWrite() {
        if (arrays.isEmpty()) {
            assignment();
            return;
        }
        String array = pick(arrays);
        line(array + "[" + index(array) + "] = " + expression(3));
    }

    /**
     * A new array for an array variable: inside a loop, allocations the trace makes. Mostly 1..13
     * long; sometimes a size that may be zero (a later {@code % len} divides by it) or negative
     * (the allocation itself fails, inside a trace too).
     */
    private void arrayAllocation() {
        if (arrays.isEmpty()) {
            assignment();
            return;
        }
        String size = random.nextInt(10) == 0 ? expression(1) + " % 5" : "abs(" + expression(2) + ") % 13 + 1";
        line(pick(arrays) + " = array(" + size + ")");
    }

    private void print() {
        int n = random.nextInt(4);
        List<String> args = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            args.add(expression(2));
        }
        line("print(" + String.join(", ", args) + ")");
    }

    private void ifStatement() {
        line("if " + condition(3) + " {");
        block(1 + random.nextInt(3));
        int kind = random.nextInt(3);
        if (kind == 1) {
            line("} else {");
            block(1 + random.nextInt(2));
        } else if (kind == 2) {
            line("} else if " + condition(2) + " {");
            block(1 + random.nextInt(2));
            line("} else {");
            block(1);
        }
        line("}");
    }

    private void block(int count) {
        indent++;
        int before = scalars.size();
        statements(count);
        if (budget <= 0 && count > 0) {
            line("print()");
        }
        // variables first assigned in a branch may be undefined after it: forget them
        while (scalars.size() > before) {
            scalars.remove(scalars.size() - 1);
        }
        indent--;
    }

    private void loop() {
        int bound = 1 + random.nextInt(loopDepth == 0 ? 50 : 20);
        int cap = inFunction ? 100 : 2000;
        if (iterations * bound > cap) {
            bound = Math.max(1, cap / iterations);
        }
        String counter = "i" + loopDepth;
        line(counter + " = 0");
        line("while " + counter + " < " + bound + " {");
        indent++;
        line(counter + " = " + counter + " + 1");
        indent--;
        int savedIterations = iterations;
        iterations *= bound;
        loopDepth++;
        scalars.add(counter);
        int before = scalars.size();
        block(1 + random.nextInt(4));
        while (scalars.size() >= before) {
            scalars.remove(scalars.size() - 1);
        }
        loopDepth--;
        iterations = savedIterations;
        line("}");
        if (random.nextInt(3) == 0) {
            line("print(" + counter + ")");
        }
    }

    private String condition(int depth) {
        int choice = random.nextInt(10);
        if (choice < 5 || depth <= 0) {
            return expression(depth - 1) + " " + COMPARISONS[random.nextInt(COMPARISONS.length)] + " "
                    + expression(depth - 1);
        } else if (choice < 7) {
            return "(" + condition(depth - 1) + ") && (" + condition(depth - 1) + ")";
        } else if (choice < 9) {
            return "(" + condition(depth - 1) + ") || (" + condition(depth - 1) + ")";
        } else {
            return "!(" + condition(depth - 1) + ")";
        }
    }

    private String expression(int depth) {
        if (depth <= 0) {
            return leaf();
        }
        int choice = random.nextInt(100);
        if (choice < 20) {
            return leaf();
        } else if (choice < 55) {
            String op = BINARY[random.nextInt(BINARY.length)];
            String right = expression(depth - 1);
            if ((op.equals("/") || op.equals("%")) && !(mayDivideByZero && random.nextInt(4) == 0)) {
                right = "((" + right + ") | 1)"; // never zero, most of the time
            } else if ((op.equals("/") || op.equals("%")) && loopDepth > 0 && random.nextBoolean()) {
                // zero in some iteration of a hot loop, maybe
                right = "(i" + random.nextInt(loopDepth) + " - " + random.nextInt(40) + ")";
            }
            return "(" + expression(depth - 1) + " " + op + " " + right + ")";
        } else if (choice < 63) {
            return "(" + "-~!".charAt(random.nextInt(3)) + "(" + expression(depth - 1) + "))";
        } else if (choice < 72) {
            String name = new String[] {"abs", "min", "max"}[random.nextInt(3)];
            return name.equals("abs") ? "abs(" + expression(depth - 1) + ")"
                    : name + "(" + expression(depth - 1) + ", " + expression(depth - 1) + ")";
        } else if (choice < 82 && !arrays.isEmpty()) {
            String array = pick(arrays);
            return array + "[" + index(array) + "]";
        } else if (choice < 86 && !arrays.isEmpty()) {
            return "len(" + pick(arrays) + ")";
        } else if (choice < 92 && callsAllowed()) {
            return call(depth - 1);
        } else if (choice < 92 && hasRecursion) {
            return "rec((" + expression(depth - 1) + ") & 15)";
        } else if (choice < 93 && mayIndexANonArray) {
            // an integer that is probably no array
            return "len(" + expression(depth - 1) + " + 1000)";
        } else {
            return condition(depth - 1);
        }
    }

    /** Calls are bounded: only in loops of few iterations (fewer in a function, whose callers may loop). */
    private boolean callsAllowed() {
        return callableFunctions > 0 && iterations <= (inFunction ? 20 : 200);
    }

    private String call(int depth) {
        int f = random.nextInt(callableFunctions);
        int[] signature = signatures.get(f);
        List<String> args = new ArrayList<>();
        for (int p = 0; p < signature[0]; p++) {
            args.add(expression(Math.min(depth, 1)));
        }
        if (signature[1] == 1) {
            args.add(arrays.isEmpty() ? "array(3)" : pick(arrays));
        }
        return "f" + f + "(" + String.join(", ", args) + ")";
    }

    private String index(String array) {
        int choice = random.nextInt(10);
        if (choice < 6 || !mayIndexOutOfBounds) {
            if (loopDepth > 0 && random.nextBoolean()) {
                return "i" + random.nextInt(loopDepth) + " % len(" + array + ")";
            }
            return "abs(" + expression(1) + ") % len(" + array + ")";
        } else if (choice < 8 && loopDepth > 0) {
            return "i" + random.nextInt(loopDepth) + " % len(" + array + ")";
        } else if (choice < 9 && loopDepth > 0) {
            return "i" + random.nextInt(loopDepth) + " - " + random.nextInt(3); // may be out of bounds
        } else {
            return expression(1); // likely out of bounds
        }
    }

    private String leaf() {
        if (random.nextInt(3) == 0 || scalars.isEmpty()) {
            return literal();
        }
        return pick(scalars);
    }

    private String literal() {
        if (random.nextInt(5) == 0) {
            return EDGE_LITERALS[random.nextInt(EDGE_LITERALS.length)];
        }
        return Integer.toString(random.nextInt(200) - 50);
    }

    private String pick(List<String> names) {
        return names.get(random.nextInt(names.size()));
    }

    private void line(String text) {
        out.append("    ".repeat(indent)).append(text).append('\n');
    }
}
