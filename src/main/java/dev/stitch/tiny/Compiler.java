package dev.stitch.tiny;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a {@link SyntaxTree} to a {@link Program}: function 0 is the top level, then the
 * functions in the order they were defined. All names are known before any body is compiled, so
 * a function may be called before its definition.
 */
final class Compiler {
    private Compiler() {}

    static Program compile(SyntaxTree tree, SourceText source) {
        List<FunctionDecl> declarations = tree.functions();
        Map<String, FunctionDecl> byName = new HashMap<>();
        Map<String, Integer> indexByName = new HashMap<>();
        for (int i = 0; i < declarations.size(); i++) {
            FunctionDecl declaration = declarations.get(i);
            byName.put(declaration.name(), declaration);
            indexByName.put(declaration.name(), i + 1);
        }
        FunctionCode[] functions = new FunctionCode[declarations.size() + 1];
        functions[0] = new FunctionCompiler(byName, indexByName)
                .compile(FunctionCode.TOP_LEVEL, 0, List.of(), tree.topLevel(), 1);
        for (int i = 0; i < declarations.size(); i++) {
            FunctionDecl declaration = declarations.get(i);
            functions[i + 1] = new FunctionCompiler(byName, indexByName).compile(declaration.name(), i + 1,
                    declaration.parameters(), declaration.body(), declaration.position().line());
        }
        return new Program(source.fileName(), List.of(functions));
    }
}
