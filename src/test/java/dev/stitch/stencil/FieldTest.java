package dev.stitch.stencil;

import dev.stitch.mem.Architecture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A field's bit arithmetic, which compiling uses instead of its kind's patch, writes exactly the
 * bytes the patch writes, for every field of every register-shape and stack-shape stencil and
 * values around every edge: registers, small and large operands, slots, negative values; and
 * it takes exactly the values the patch accepts, leaving the rest to the patch's message.
 */
class FieldTest {
    private static final long PLACE = 0x10_0000L;

    private static long[] values(Random random) {
        LongStream edges = LongStream.of(0, 1, 5, 13, 15, 16, 30, 31, 32, -1, -8, 8, 0xFF8, 0xFFF, 0x1000, 0x1008, 0xFFFF,
                0x1_0000, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, -0x8000_0000L, -0x8000_0001L,
                0xFFFF_FFFF_FFFFL, 0x1_0000_0000_0000L, Long.MIN_VALUE, Long.MAX_VALUE);
        return LongStream.concat(edges, random.longs(40)).toArray();
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyFieldFillsWhatItsKindPatchesAndTakesWhatItAccepts(Architecture arch) {
        Random random = new Random(20261203);
        long[] values = values(random);
        java.util.List<Stencil> stencils = new java.util.ArrayList<>(Backend.of(arch).registerStencils().forms());
        for (CallStrategy strategy : CallStrategy.values()) {
            stencils.addAll(StencilLibrary.of(arch, strategy).all());
        }
        int checked = 0;
        for (Stencil stencil : stencils) {
            byte[] code = Arrays.copyOf(stencil.code(), stencil.codeSize() + Field.WINDOW);
            assertThat(stencil.fieldCount() + stencil.otherHoleCount()).isEqualTo(stencil.holeCount());
            for (int f = 0; f < stencil.fieldCount(); f++) {
                Field field = stencil.field(f);
                for (long value : values) {
                    byte[] patched = code.clone();
                    boolean refused = false;
                    try {
                        field.kind().apply(patched, field.offset(), PLACE + field.offset(), value);
                    } catch (HoleException e) {
                        refused = true;
                    }
                    assertThat(field.takes(value)).as("%s %s takes %d", stencil.name(), field, value).isEqualTo(!refused);
                    if (!refused) {
                        byte[] filled = code.clone();
                        Bytes.putLong(filled, field.offset(), field.fill(Bytes.getLong(code, field.offset()), value));
                        assertThat(filled).as("%s %s with %d", stencil.name(), field, value).isEqualTo(patched);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(5000);
    }

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void aPlannableStencilCopiedBeforeLayoutIsWhatCopyingAndPatchingItMakes(Architecture arch) {
        Random random = new Random(20261204);
        int checked = 0;
        for (Stencil stencil : Backend.of(arch).registerStencils().forms()) {
            if (!stencil.plannable()) {
                continue;
            }
            for (int round = 0; round < 20; round++) {
                // registers the stencil's kinds take, and operands it holds (small, for slots and immediates)
                long[] values = new long[Field.SOURCES];
                for (int v = 0; v < 4; v++) {
                    values[v] = 4 + random.nextInt(arch == Architecture.AARCH64 ? 12 : 4);
                }
                long operand = random.nextInt(3) == 0 ? random.nextLong() : random.nextInt(256);
                values[4] = operand;
                values[5] = operand * 8;
                values[6] = ~operand;
                int length = stencil.codeSize() - stencil.tailJumpBytes();
                byte[] expected = new byte[length + Field.WINDOW];
                stencil.copyCode(expected, 0, stencil.codeSize());
                boolean refused = false;
                for (Hole hole : stencil.holes()) {
                    int source = Field.source(hole.value());
                    if (source >= 0) {
                        try {
                            hole.kind().apply(expected, hole.offset(), hole.offset(), values[source] + hole.addend());
                        } catch (HoleException e) {
                            refused = true;
                        }
                    }
                }
                byte[] planned = new byte[length + Field.WINDOW];
                try {
                    assertThat(stencil.copyPlanned(planned, 0, values)).isEqualTo(length);
                } catch (HoleException e) {
                    assertThat(refused).as("%s refused %s", stencil.name(), e.getMessage()).isTrue();
                    continue;
                }
                assertThat(refused).as(stencil.name()).isFalse();
                assertThat(Arrays.copyOf(planned, length)).as("%s with %s", stencil.name(), Arrays.toString(values))
                        .isEqualTo(Arrays.copyOf(expected, length));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(200);
    }
}
