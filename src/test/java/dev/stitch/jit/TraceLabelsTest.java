package dev.stitch.jit;

import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A trace keeps the labels it was written with, so that what it shows reads like its source. */
class TraceLabelsTest {
    private final SymbolTable symbols = new SymbolTable();

    @AfterEach
    void close() {
        symbols.close();
    }

    @Test
    void aParsedTraceKeepsItsLabels() {
        Trace trace = TraceParser.parse("""
                ENTER
                top: again: LOAD 0
                      JUMP_IF_FALSE done
                      JUMP @1
                done: EXIT 0
                end:
                """, "t.uops", symbols);
        assertThat(trace.labels(1)).containsExactly("top", "again");
        assertThat(trace.labels(4)).containsExactly("done");
        assertThat(trace.labels(0)).isEmpty();
        assertThat(trace.text(2)).isEqualTo("JUMP_IF_FALSE done");
        assertThat(trace.text(3)).isEqualTo("JUMP top"); // @1 has a name: the first label there
        assertThat(trace.text(1)).isEqualTo("LOAD 0");
        assertThat(trace.uop(2).text()).isEqualTo("JUMP_IF_FALSE @4");
    }

    @Test
    void aBuiltTraceWithoutLabelsWritesJumpTargetsAsIndexes() {
        Trace trace = Trace.builder("plain", symbols).enter().load(0).jump(Uop.JUMP_IF_TRUE, 1).exit(0).build();
        assertThat(trace.text(2)).isEqualTo("JUMP_IF_TRUE @1");
        assertThat(trace.labels(2)).isEqualTo(List.of());
    }

    @Test
    void labelsAreCheckedWhenTheyAreGiven() {
        Trace.Builder builder = Trace.builder("bad", symbols).enter();
        assertThatThrownBy(() -> builder.label("9lives")).isInstanceOf(TraceException.class)
                .hasMessage("trace bad: bad label name '9lives'; a label is letters, digits and _, starting with a letter or _");
        builder.label("top").load(0);
        assertThatThrownBy(() -> builder.label("top")).isInstanceOf(TraceException.class)
                .hasMessage("trace bad: duplicate label 'top'; it names uop 1 already");
        builder.exit(0).label("after");
        assertThatThrownBy(builder::build).isInstanceOf(TraceException.class)
                .hasMessage("trace bad: label 'after' names no uop; it follows the last one (uop 2)");
    }
}
