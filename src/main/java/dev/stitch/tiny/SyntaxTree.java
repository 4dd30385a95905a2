package dev.stitch.tiny;

import java.util.List;

/**
 * A parsed program: its functions in the order they were defined, and the top-level statements
 * (everything else at top level) in the order they run.
 */
record SyntaxTree(List<FunctionDecl> functions, List<Stmt> topLevel) {
    SyntaxTree {
        functions = List.copyOf(functions);
        topLevel = List.copyOf(topLevel);
    }
}
