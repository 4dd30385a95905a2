package dev.stitch.tiny;

import java.util.List;

/** {@code fn name(parameters) { body }}. */
record FunctionDecl(String name, List<String> parameters, List<Stmt> body, Position position) {
    FunctionDecl {
        parameters = List.copyOf(parameters);
        body = List.copyOf(body);
    }
}
