package dev.stitch.a64;

import java.util.HashMap;
import java.util.Map;

/** Mnemonic -> syntax, filled by the syntax classes of each instruction group. */
final class SyntaxTable {
    private static final SyntaxTable INSTANCE = build();

    private final Map<String, InstructionSyntax> entries = new HashMap<>();

    private SyntaxTable() {}

    private static SyntaxTable build() {
        SyntaxTable table = new SyntaxTable();
        IntegerSyntax.register(table);
        MemorySyntax.register(table);
        FloatingPointSyntax.register(table);
        ControlSyntax.register(table);
        return table;
    }

    static SyntaxTable instance() {
        return INSTANCE;
    }

    /** Adds {@code mnemonic} (lower case); a mnemonic may be registered once. */
    void add(String mnemonic, InstructionSyntax syntax) {
        if (entries.putIfAbsent(mnemonic, syntax) != null) {
            throw new IllegalStateException("mnemonic '" + mnemonic + "' is registered twice");
        }
    }

    InstructionSyntax get(String mnemonic) {
        return entries.get(mnemonic);
    }

}
