package dev.stitch.tiny;

import java.util.ArrayList;
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
 * condition. After {@code break}, {@code continue} or {@code return} the rest of a block is
 * unreachable, and an unreachable branch of an {@code if} meets the other as that other.
 *
 * <p>There is one set for the whole walk, and a trail of what each assignment added to it, so that
 * leaving a branch or a loop body takes back only what that branch added: the work is linear in the
 * number of statements (times the nesting depth, which the parser bounds), however many variables
 * there are. Copying the set at every assignment made 80,000 variables take minutes.
 */
final class DefiniteAssignment {
    private final Set<Expr.Variable> uncertainReads = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<String> checkedVariables = new LinkedHashSet<>();
    private final Set<String> variables = new LinkedHashSet<>();
    /** The variables assigned on every path to the current statement. */
    private final Set<String> assigned = new HashSet<>();
    /** What {@link #assigned} gained, in order, so that a branch can be taken back. */
    private final List<String> trail = new ArrayList<>();
    /** False once the current statement cannot run (after a break, continue or return). */
    private boolean reachable = true;

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
        analysis.assigned.addAll(parameters);
        analysis.statements(body);
        return new Result(analysis.uncertainReads, analysis.checkedVariables, analysis.variables);
    }

    private void statements(List<Stmt> statements) {
        for (Stmt statement : statements) {
            statement(statement);
        }
    }

    private void statement(Stmt statement) {
        switch (statement) {
            case Stmt.Assign assign -> {
                reads(assign.value());
                variables.add(assign.name());
                if (reachable) {
                    assign(assign.name());
                }
            }
            case Stmt.AssignElement element -> {
                reads(element.array());
                reads(element.index());
                reads(element.value());
            }
            case Stmt.CallStatement call -> reads(call.call());
            case Stmt.If branch -> {
                reads(branch.condition());
                branches(branch.then(), branch.otherwise());
            }
            case Stmt.While loop -> {
                reads(loop.condition());
                boolean entered = reachable;
                int mark = trail.size();
                statements(loop.body());
                takeBack(mark);
                reachable = entered;
            }
            case Stmt.Break ignored -> reachable = false;
            case Stmt.Continue ignored -> reachable = false;
            case Stmt.Return ret -> {
                if (ret.hasValue()) {
                    reads(ret.value());
                }
                reachable = false;
            }
        }
    }

    /** Walks both branches of an {@code if} and leaves their meet as the state. */
    private void branches(List<Stmt> then, List<Stmt> otherwise) {
        boolean entered = reachable;
        int mark = trail.size();
        statements(then);
        boolean thenReachable = reachable;
        List<String> thenAdded = new ArrayList<>(trail.subList(mark, trail.size()));
        takeBack(mark);
        reachable = entered;
        statements(otherwise);
        boolean otherwiseReachable = reachable;
        if (!thenReachable) {
            return; // the state after the otherwise branch is the meet, reachable or not
        }
        Set<String> otherwiseAdded = otherwiseReachable ? new HashSet<>(trail.subList(mark, trail.size())) : null;
        takeBack(mark);
        reachable = true;
        for (String name : thenAdded) {
            if (otherwiseAdded == null || otherwiseAdded.contains(name)) {
                assign(name);
            }
        }
    }

    private void assign(String name) {
        if (assigned.add(name)) {
            trail.add(name);
        }
    }

    /** Undoes the assignments recorded since the trail had {@code mark} entries. */
    private void takeBack(int mark) {
        for (int i = trail.size() - 1; i >= mark; i--) {
            assigned.remove(trail.remove(i));
        }
    }

    private void reads(Expr expr) {
        switch (expr) {
            case Expr.Literal ignored -> { }
            case Expr.Variable variable -> {
                variables.add(variable.name());
                // A read in unreachable code never runs, so it needs no check.
                if (reachable && !assigned.contains(variable.name())) {
                    uncertainReads.add(variable);
                    checkedVariables.add(variable.name());
                }
            }
            case Expr.Unary unary -> reads(unary.operand());
            case Expr.Binary binary -> {
                reads(binary.left());
                reads(binary.right());
            }
            case Expr.Logical logical -> {
                reads(logical.left());
                reads(logical.right());
            }
            case Expr.Call call -> call.arguments().forEach(this::reads);
            case Expr.Index index -> {
                reads(index.array());
                reads(index.index());
            }
        }
    }
}
