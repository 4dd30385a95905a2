package dev.stitch.tiny;

import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the variable reads of one function that may run before the variable was assigned.
 *
 * <p>Reading an unassigned variable is a runtime error, but every 64-bit value is a valid integer,
 * so no value can mark "unassigned". Instead the compiler gives each variable that has such a
 * read a hidden flag slot, set on every assignment and checked by the read
 * ({@link Opcode#CHECK_DEFINED}). Most reads, and nearly all reads in hot loops, are after a
 * definite assignment and compile to a plain {@link Opcode#LOAD}.
 *
 * <p>The analysis walks the statements with the set of variables assigned on every path so far.
 * Only statements assign (expressions cannot), so the set only grows along a path: the state at a
 * loop head is therefore the state on entry, and the state after a loop is the state after its
 * condition. {@code null} stands for "unreachable" (after {@code break}, {@code continue},
 * {@code return}), which meets any other state as that state.
 */
final class DefiniteAssignment {
    private final Set<Expr.Variable> uncertainReads = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> checkedVariables = new LinkedHashSet<>();
    private final Set<String> variables = new LinkedHashSet<>();

    /** What the analysis found for one function. */
    record Result(Set<Expr.Variable> uncertainReads, Set<String> checkedVariables, Set<String> variables) {
        /** True if {@code read} may run before its variable is assigned. */
        boolean isUncertain(Expr.Variable read) {
            return uncertainReads.contains(read);
        }
    }

    private DefiniteAssignment() {}

    /**
     * Analyses a function body (or the top-level statements) whose parameters are assigned on
     * entry. {@link Result#variables()} lists every variable named in it, parameters first, then
     * in order of first appearance.
     */
    static Result analyze(List<String> parameters, List<Stmt> body) {
        DefiniteAssignment analysis = new DefiniteAssignment();
        analysis.variables.addAll(parameters);
        analysis.statements(body, new HashSet<>(parameters));
        return new Result(analysis.uncertainReads, analysis.checkedVariables, analysis.variables);
    }

    /** The state after {@code statements}, or null if their end is unreachable. */
    private Set<String> statements(List<Stmt> statements, Set<String> assigned) {
        for (Stmt statement : statements) {
            assigned = statement(statement, assigned);
        }
        return assigned;
    }

    private Set<String> statement(Stmt statement, Set<String> assigned) {
        switch (statement) {
            case Stmt.Assign assign -> {
                reads(assign.value(), assigned);
                variables.add(assign.name());
                if (assigned != null) {
                    assigned = copy(assigned);
                    assigned.add(assign.name());
                }
                return assigned;
            }
            case Stmt.AssignElement element -> {
                reads(element.array(), assigned);
                reads(element.index(), assigned);
                reads(element.value(), assigned);
                return assigned;
            }
            case Stmt.CallStatement call -> {
                reads(call.call(), assigned);
                return assigned;
            }
            case Stmt.If branch -> {
                reads(branch.condition(), assigned);
                Set<String> then = statements(branch.then(), assigned);
                Set<String> otherwise = statements(branch.otherwise(), assigned);
                return meet(then, otherwise);
            }
            case Stmt.While loop -> {
                reads(loop.condition(), assigned);
                statements(loop.body(), assigned);
                return assigned;
            }
            case Stmt.Break ignored -> {
                return null;
            }
            case Stmt.Continue ignored -> {
                return null;
            }
            case Stmt.Return ret -> {
                if (ret.hasValue()) {
                    reads(ret.value(), assigned);
                }
                return null;
            }
        }
    }

    private void reads(Expr expr, Set<String> assigned) {
        switch (expr) {
            case Expr.Literal ignored -> { }
            case Expr.Variable variable -> {
                variables.add(variable.name());
                // A read in unreachable code never runs, so it needs no check.
                if (assigned != null && !assigned.contains(variable.name())) {
                    uncertainReads.add(variable);
                    checkedVariables.add(variable.name());
                }
            }
            case Expr.Unary unary -> reads(unary.operand(), assigned);
            case Expr.Binary binary -> {
                reads(binary.left(), assigned);
                reads(binary.right(), assigned);
            }
            case Expr.Logical logical -> {
                reads(logical.left(), assigned);
                reads(logical.right(), assigned);
            }
            case Expr.Call call -> call.arguments().forEach(argument -> reads(argument, assigned));
            case Expr.Index index -> {
                reads(index.array(), assigned);
                reads(index.index(), assigned);
            }
        }
    }

    private static Set<String> meet(Set<String> a, Set<String> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Set<String> both = copy(a);
        both.retainAll(b);
        return both;
    }

    private static Set<String> copy(Set<String> set) {
        return new HashSet<>(set);
    }
}
