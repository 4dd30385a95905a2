package dev.stitch.x64;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A corpus of single x86-64 instructions, each written as Intel-syntax text and as the
 * {@link X64Assembler} call that should give the same bytes. {@link #check()} runs the whole text
 * through one llvm-mc batch and requires that both Stitch's {@link X64TextAssembler} and the API
 * give exactly LLVM's bytes for every line.
 */
final class X64Corpus {
    /** One line of the corpus and the API call for it. */
    record Case(String text, Consumer<X64Assembler> api) {}

    private final List<Case> cases = new ArrayList<>();

    /** Adds {@code text}, assembled through the API by {@code api}. */
    X64Corpus add(String text, Consumer<X64Assembler> api) {
        cases.add(new Case(text, api));
        return this;
    }

    int size() {
        return cases.size();
    }

    /** Compares LLVM's bytes with the text assembler's and the API's for every case. */
    void check() {
        assertThat(cases).isNotEmpty();
        List<String> lines = cases.stream().map(Case::text).toList();
        List<byte[]> llvm = X64LlvmMc.encode(lines);
        HexFormat hex = HexFormat.ofDelimiter(" ");
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            String expected = hex.formatHex(llvm.get(i));
            String text;
            try {
                text = hex.formatHex(X64TextAssembler.assemble(c.text(), "corpus").bytes());
            } catch (RuntimeException e) {
                text = "threw " + e.getMessage().lines().findFirst().orElse("");
            }
            String api;
            try {
                X64Assembler asm = new X64Assembler();
                c.api().accept(asm);
                api = hex.formatHex(asm.finish());
            } catch (RuntimeException e) {
                api = "threw " + e.getMessage();
            }
            if (!expected.equals(text) || !expected.equals(api)) {
                mismatches.add(c.text() + ": llvm [" + expected + "], text [" + text + "], api [" + api + "]");
            }
        }
        assertThat(mismatches).as("lines whose bytes differ from llvm-mc's (of " + cases.size() + ")")
                .isEmpty();
    }

    // ---------------------------------------------------------------- text helpers

    static String sizeText(int bytes) {
        return switch (bytes) {
            case 1 -> "byte ptr ";
            case 2 -> "word ptr ";
            case 4 -> "dword ptr ";
            case 8 -> "qword ptr ";
            default -> "";
        };
    }

    /** The Intel-syntax text of {@code m}, with its size. */
    static String text(Mem m) {
        StringBuilder sb = new StringBuilder(sizeText(m.size())).append('[');
        boolean any = false;
        if (m.rip()) {
            sb.append("rip");
            any = true;
        }
        if (m.base() != null) {
            sb.append(m.base().name());
            any = true;
        }
        if (m.index() != null) {
            sb.append(any ? " + " : "").append(m.index().name()).append('*').append(m.scale());
            any = true;
        }
        if (!any) {
            sb.append(m.disp());
        } else if (m.disp() > 0) {
            sb.append(" + ").append(m.disp());
        } else if (m.disp() < 0) {
            sb.append(" - ").append(-(long) m.disp());
        }
        return sb.append(']').toString();
    }

    /** {@code {disp32} } before an instruction whose memory operand forces a 32-bit displacement. */
    static String prefix(Mem m) {
        return m.forceDisp32() ? "{disp32} " : "";
    }
}
