package dev.stitch.tiny;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles the body of one function (or the top level) to stack bytecode.
 *
 * <p>Slots: parameters first, then the variables in order of first appearance, then one flag slot
 * for each variable that {@link DefiniteAssignment} found may be read before it is assigned.
 *
 * <p>Shapes the JIT can count on: a {@code while} loop is
 * {@code head: condition; JUMP_IF_FALSE exit; body; JUMP head; exit:}, so its head is the target
 * of the backward {@code JUMP} (and of {@code continue}), and the operand stack is empty at the
 * head. Conditions of {@code if} and {@code while} compile to jumps: {@code &&}, {@code ||} and
 * {@code !} never materialise a 0/1 there, and a constant condition needs no test.
 */
final class FunctionCompiler {
    private final Map<String, FunctionDecl> functions;
    private final Map<String, Integer> functionIndex;
    private final CodeBuilder code = new CodeBuilder();
    private final Map<String, Integer> slots = new HashMap<>();
    private final Map<String, Integer> flagSlots = new HashMap<>();
    private final List<String> slotNames = new ArrayList<>();
    private final Deque<Loop> loops = new ArrayDeque<>();
    private DefiniteAssignment.Result assignment;

    /** The labels {@code continue} and {@code break} jump to. */
    private record Loop(CodeBuilder.Label head, CodeBuilder.Label exit) {}

    FunctionCompiler(Map<String, FunctionDecl> functions, Map<String, Integer> functionIndex) {
        this.functions = functions;
        this.functionIndex = functionIndex;
    }

    FunctionCode compile(String name, int index, List<String> parameters, List<Stmt> body, int definitionLine) {
        assignment = DefiniteAssignment.analyze(parameters, body);
        for (String variable : assignment.variables()) {
            slots.put(variable, slotNames.size());
            slotNames.add(variable);
        }
        for (String variable : assignment.checkedVariables()) {
            flagSlots.put(variable, slotNames.size());
            slotNames.add("?" + variable);
        }
        code.line(definitionLine);
        statements(body);
        if (code.reachable()) {
            // Falling off the end returns 0.
            code.emitConstant(0);
            code.emit(Opcode.RETURN);
        }
        return code.build(name, index, parameters.size(), slotNames, definitionLine);
    }

    private void statements(List<Stmt> statements) {
        for (Stmt statement : statements) {
            statement(statement);
        }
    }

    private void statement(Stmt statement) {
        code.line(statement.position().line());
        switch (statement) {
            case Stmt.Assign assign -> {
                value(assign.value());
                code.line(assign.position().line());
                store(assign.name());
            }
            case Stmt.AssignElement element -> {
                value(element.array());
                value(element.index());
                value(element.value());
                code.line(element.position().line());
                code.emit(Opcode.ASTORE);
            }
            case Stmt.CallStatement call -> {
                if (call.call().name().equals(Builtin.PRINT.spelling())) {
                    print(call.call()); // nothing to discard
                } else {
                    value(call.call());
                    code.emit(Opcode.POP);
                }
            }
            case Stmt.If branch -> ifStatement(branch);
            case Stmt.While loop -> whileStatement(loop);
            case Stmt.Break ignored -> code.jump(Opcode.JUMP, loops.peek().exit());
            case Stmt.Continue ignored -> code.jump(Opcode.JUMP, loops.peek().head());
            case Stmt.Return ret -> {
                if (ret.hasValue()) {
                    value(ret.value());
                } else {
                    code.emitConstant(0);
                }
                code.line(ret.position().line());
                code.emit(Opcode.RETURN);
            }
        }
    }

    private void store(String variable) {
        code.emit(Opcode.STORE, slots.get(variable));
        Integer flag = flagSlots.get(variable);
        if (flag != null) {
            code.emitConstant(1);
            code.emit(Opcode.STORE, flag);
        }
    }

    private void ifStatement(Stmt.If branch) {
        CodeBuilder.Label otherwise = new CodeBuilder.Label();
        condition(branch.condition(), otherwise, false);
        statements(branch.then());
        if (branch.otherwise().isEmpty()) {
            code.bind(otherwise);
            return;
        }
        CodeBuilder.Label end = new CodeBuilder.Label();
        if (code.reachable()) {
            code.jump(Opcode.JUMP, end);
        }
        code.bind(otherwise);
        statements(branch.otherwise());
        code.bind(end);
    }

    private void whileStatement(Stmt.While loop) {
        Loop labels = new Loop(new CodeBuilder.Label(), new CodeBuilder.Label());
        code.bind(labels.head());
        condition(loop.condition(), labels.exit(), false);
        loops.push(labels);
        statements(loop.body());
        loops.pop();
        if (code.reachable()) {
            code.line(loop.position().line());
            code.jump(Opcode.JUMP, labels.head());
        }
        code.bind(labels.exit());
    }

    /**
     * Code that jumps to {@code target} if {@code expr}'s truth (non-zero) equals
     * {@code jumpIfTrue}, and falls through otherwise.
     */
    private void condition(Expr expr, CodeBuilder.Label target, boolean jumpIfTrue) {
        switch (expr) {
            case Expr.Literal literal -> {
                if ((literal.value() != 0) == jumpIfTrue) {
                    code.line(literal.position().line());
                    code.jump(Opcode.JUMP, target);
                }
            }
            case Expr.Unary unary when unary.operator() == UnaryOperator.NOT ->
                    condition(unary.operand(), target, !jumpIfTrue);
            case Expr.Logical logical -> {
                // a && b jumps when false if either is false; a || b jumps when true if either is true.
                boolean decidesEarly = logical.operator() == LogicalOperator.OR;
                if (decidesEarly == jumpIfTrue) {
                    condition(logical.left(), target, jumpIfTrue);
                    condition(logical.right(), target, jumpIfTrue);
                } else {
                    CodeBuilder.Label skip = new CodeBuilder.Label();
                    condition(logical.left(), skip, !jumpIfTrue);
                    condition(logical.right(), target, jumpIfTrue);
                    code.bind(skip);
                }
            }
            default -> {
                value(expr);
                code.line(expr.position().line());
                code.jump(jumpIfTrue ? Opcode.JUMP_IF_TRUE : Opcode.JUMP_IF_FALSE, target);
            }
        }
    }

    /** Code that pushes the value of {@code expr}. */
    private void value(Expr expr) {
        switch (expr) {
            case Expr.Literal literal -> {
                code.line(literal.position().line());
                code.emitConstant(literal.value());
            }
            case Expr.Variable variable -> load(variable);
            case Expr.Unary unary -> {
                value(unary.operand());
                code.line(unary.position().line());
                switch (unary.operator()) {
                    case NEGATE -> code.emit(Opcode.NEG);
                    case COMPLEMENT -> code.emit(Opcode.NOT);
                    case NOT -> {
                        code.emitConstant(0);
                        code.emit(Opcode.EQ);
                    }
                }
            }
            case Expr.Binary binary -> {
                value(binary.left());
                value(binary.right());
                code.line(binary.position().line());
                code.emit(binary.operator().opcode());
            }
            case Expr.Logical logical -> {
                CodeBuilder.Label isFalse = new CodeBuilder.Label();
                CodeBuilder.Label end = new CodeBuilder.Label();
                code.expectDepth(isFalse, code.depth());
                condition(logical, isFalse, false);
                code.line(logical.position().line());
                code.emitConstant(1);
                code.jump(Opcode.JUMP, end);
                code.bind(isFalse);
                code.emitConstant(0);
                code.bind(end);
            }
            case Expr.Call call -> call(call);
            case Expr.Index index -> {
                value(index.array());
                value(index.index());
                code.line(index.position().line());
                code.emit(Opcode.ALOAD);
            }
        }
    }

    private void load(Expr.Variable variable) {
        code.line(variable.position().line());
        int slot = slots.get(variable.name());
        if (assignment.isUncertain(variable)) {
            code.emit(Opcode.CHECK_DEFINED, flagSlots.get(variable.name()), slot);
        }
        code.emit(Opcode.LOAD, slot);
    }

    private void call(Expr.Call call) {
        Optional<Builtin> builtin = Builtin.named(call.name());
        if (builtin.isPresent()) {
            builtinCall(builtin.get(), call);
            return;
        }
        code.line(call.position().line());
        FunctionDecl callee = functions.get(call.name());
        if (callee == null) {
            // A runtime error rather than a compile error: the program may never make this call.
            code.emitError("unknown function " + call.name(), 1);
            return;
        }
        int expected = callee.parameters().size();
        if (call.arguments().size() != expected) {
            code.emitError(wrongArgumentCount(call.name(), expected, call.arguments().size()), 1);
            return;
        }
        for (Expr argument : call.arguments()) {
            value(argument);
        }
        code.line(call.position().line());
        code.emit(Opcode.CALL, functionIndex.get(call.name()), expected);
    }

    private void builtinCall(Builtin builtin, Expr.Call call) {
        code.line(call.position().line());
        if (builtin == Builtin.PRINT) {
            print(call);
            code.emitConstant(0); // print(...) used as a value is 0
            return;
        }
        if (call.arguments().size() != builtin.arity()) {
            code.emitError(wrongArgumentCount(call.name(), builtin.arity(), call.arguments().size()), 1);
            return;
        }
        for (Expr argument : call.arguments()) {
            value(argument);
        }
        code.line(call.position().line());
        switch (builtin) {
            case ARRAY -> code.emit(Opcode.NEW_ARRAY);
            case LEN -> code.emit(Opcode.ALEN);
            default -> code.emitBuiltinCall(builtin);
        }
    }

    private void print(Expr.Call call) {
        for (Expr argument : call.arguments()) {
            value(argument);
        }
        code.line(call.position().line());
        code.emit(Opcode.PRINT, call.arguments().size());
    }

    private static String wrongArgumentCount(String function, int expected, int got) {
        return "wrong number of arguments for " + function + ": expected " + expected + ", got " + got;
    }
}
