package dev.stitch.jit;

import dev.stitch.mem.CodeArena;
import dev.stitch.mem.WxPolicy;
import dev.stitch.stencil.Uop;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ArrayTable}: arrays in native memory shared by frames that do not own them. */
class ArrayTableTest {
    @Test
    void handlesCountFromZeroAndTheTableGrows() {
        try (ArrayTable table = new ArrayTable()) {
            long first = table.address();
            for (int i = 0; i < 40; i++) {
                assertThat(table.allocate(i)).isEqualTo(i);
            }
            assertThat(table.count()).isEqualTo(40);
            assertThat(table.address()).isNotEqualTo(first);
            assertThat(table.array(39).byteSize()).isEqualTo(39 * 8);
            table.array(39).setAtIndex(JAVA_LONG, 38, -5);
            assertThat(table.array(39).getAtIndex(JAVA_LONG, 38)).isEqualTo(-5);
            assertThat(table.array(7).getAtIndex(JAVA_LONG, 6)).isZero();
            assertThatThrownBy(() -> table.array(40)).isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessage("no array with handle 40; this table has 40");
            assertThatThrownBy(() -> table.allocate(-1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aFrameOnATableSeesItsArraysAndAddsToIt() {
        try (ArrayTable table = new ArrayTable(); Frame frame = Frame.allocate(2, 4, table)) {
            table.allocate(3);
            assertThat(frame.arrayCount()).isEqualTo(1);
            assertThat(frame.newArray(5)).isEqualTo(1);
            assertThat(table.count()).isEqualTo(2);
            assertThat(frame.array(1).byteSize()).isEqualTo(40);
            frame.setLocals(new long[] {7, 8, 9}, 2);
            long[] back = new long[2];
            frame.getLocals(back, 2);
            assertThat(back).containsExactly(7, 8);
            frame.push(1).push(2);
            long[] stack = new long[4];
            assertThat(frame.getStack(stack)).isEqualTo(2);
            assertThat(stack).startsWith(1, 2);
        }
    }

    @Test
    void theBudgetCountsTheElementsAndEveryBlockOfTheTable() {
        try (ArrayTable table = new ArrayTable(4096)) {
            assertThat(table.byteLimit()).isEqualTo(4096);
            assertThat(table.bytesUsed()).as("the first block: 8 entries of 16 bytes").isEqualTo(128);
            assertThat(table.bytesNeeded(10)).isEqualTo(80);
            table.allocate(10);
            assertThat(table.bytesNeeded(0)).as("an empty array still takes 8 bytes").isEqualTo(8);
            table.allocate(0);
            assertThat(table.bytesUsed()).isEqualTo(128 + 80 + 8);
            for (int i = 2; i < 8; i++) {
                table.allocate(1);
            }
            assertThat(table.bytesNeeded(1)).as("the 9th array grows the table to 16 entries").isEqualTo(8 + 256);
            table.allocate(1);
            assertThat(table.bytesUsed()).isEqualTo(128 + 80 + 8 + 6 * 8 + 8 + 256);
            assertThat(table.bytesFree()).isEqualTo(4096 - table.bytesUsed());
        }
    }

    @Test
    void anArrayPastTheLimitIsRefusedAndTheOthersStayAsTheyWere() {
        try (ArrayTable table = new ArrayTable(1024)) {
            int kept = table.allocate(100);
            table.array(kept).setAtIndex(JAVA_LONG, 99, 7);
            assertThat(table.bytesFree()).isEqualTo(1024 - 128 - 800);
            assertThatThrownBy(() -> table.allocate(13)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("array memory limit reached: an array of 13 elements needs 104 bytes, 96 of the "
                            + "1024-byte limit free");
            assertThat(table.count()).isEqualTo(1);
            assertThat(table.bytesUsed()).isEqualTo(928);
            assertThat(table.array(kept).getAtIndex(JAVA_LONG, 99)).isEqualTo(7);
            assertThat(table.allocate(12)).as("what fits still fits").isEqualTo(1);
            assertThat(table.bytesFree()).isZero();
        }
    }

    @Test
    void theLimitMustBeInRange() {
        assertThatThrownBy(() -> new ArrayTable(1023)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("array memory limit must be 1024..1125899906842624 bytes, got 1023");
        assertThatThrownBy(() -> new ArrayTable((1L << 50) + 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("array memory limit must be 1024..1125899906842624 bytes, got 1125899906842625");
        try (ArrayTable table = new ArrayTable()) {
            assertThat(table.byteLimit()).isEqualTo(ArrayTable.DEFAULT_BYTE_LIMIT)
                    .isBetween(ArrayTable.MIN_BYTE_LIMIT, 1L << 30);
        }
    }

    @Test
    void aConfinedTableServesItsThreadOnly() throws Exception {
        try (ArrayTable table = ArrayTable.confined(1 << 20); Frame frame = Frame.allocate(1, 8, table);
             CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP)) {
            int handle = table.allocate(4);
            table.array(handle).setAtIndex(JAVA_LONG, 1, 77);
            Trace trace = Trace.builder("t", new SymbolTable()).enter()
                    .constant(handle).constant(1).add(Uop.ALOAD, 7).exit(1).build();
            CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
            assertThat(compiled.invoke(frame)).isEqualTo(1);
            assertThat(frame.pop()).isEqualTo(77);
            AtomicReference<Throwable> other = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                try {
                    compiled.invoke(frame);
                } catch (Throwable t) {
                    other.set(t);
                }
            });
            thread.start();
            thread.join();
            assertThat(other.get()).isInstanceOf(WrongThreadException.class);
            assertThatThrownBy(() -> ArrayTable.confined(1)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("array memory limit must be");
        }
    }

    @Test
    void aClosedTableCannotBeUsed() {
        ArrayTable table = new ArrayTable();
        table.close();
        assertThat(table.isClosed()).isTrue();
        assertThatThrownBy(() -> table.allocate(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTraceReadsArraysAddedAfterTheFrameWasMade() {
        try (ArrayTable table = new ArrayTable(); Frame frame = Frame.allocate(1, 8, table);
             CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP)) {
            Trace trace = Trace.builder("t", new SymbolTable()).enter()
                    .load(0).constant(2).add(Uop.ALOAD, 7).exit(1).build();
            CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
            for (int i = 0; i < 20; i++) {
                table.array(table.allocate(3)).setAtIndex(JAVA_LONG, 2, 100 + i);
            }
            frame.setLocal(0, 19);
            assertThat(compiled.invoke(frame)).isEqualTo(1);
            assertThat(frame.pop()).isEqualTo(119);
            frame.setLocal(0, 20); // no such array: exits with the stack unchanged
            assertThat(compiled.invoke(frame)).isEqualTo(7);
            assertThat(frame.stack()).containsExactly(20, 2);
        }
    }

    private static ArrayTable closing;

    /** An upcall that tries to free the arrays of the trace that is calling it. */
    static long closeTheTable(long x) {
        closing.close();
        return x;
    }

    @Test
    void aTableCannotBeClosedWhileATraceOnItRuns() throws Exception {
        try (ArrayTable table = new ArrayTable(); Frame frame = Frame.allocate(1, 8, table);
             SymbolTable symbols = new SymbolTable(); CodeArena arena = CodeArena.create(WxPolicy.DUAL_MAP)) {
            closing = table;
            symbols.upcall("close_table", java.lang.invoke.MethodHandles.lookup().findStatic(ArrayTableTest.class,
                    "closeTheTable", java.lang.invoke.MethodType.methodType(long.class, long.class)));
            int handle = table.allocate(4);
            Trace trace = Trace.builder("close", symbols).enter()
                    .constant(1).call("close_table", 1).add(Uop.DROP)
                    .constant(handle).constant(3).constant(42).add(Uop.ASTORE, 7)
                    .exit(0).build();
            CompiledTrace compiled = new TraceCompiler().compile(trace, arena);
            assertThatThrownBy(() -> compiled.invoke(frame)).isInstanceOf(TraceUpcallException.class)
                    .cause().isInstanceOf(IllegalStateException.class);
            assertThat(table.isClosed()).isFalse();
            assertThat(table.array(handle).getAtIndex(JAVA_LONG, 3)).as("the trace stopped at the failed call").isZero();
        } finally {
            closing = null;
        }
    }
}
