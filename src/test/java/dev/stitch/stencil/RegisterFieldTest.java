package dev.stitch.stencil;

import dev.stitch.mem.Architecture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A register field's bit arithmetic, which compiling uses instead of its kind's patch, writes
 * exactly the bytes the patch writes, for every register hole of every register-shape stencil
 * and every register the kind takes; what it does not take is left to the patch.
 */
class RegisterFieldTest {
    private static final long PLACE = 0x10_0000L;

    @ParameterizedTest
    @EnumSource(Architecture.class)
    void everyRegisterFieldFillsWhatItsKindPatches(Architecture arch) {
        int checked = 0;
        for (Stencil stencil : Backend.of(arch).registerStencils().forms()) {
            byte[] code = Arrays.copyOf(stencil.code(), stencil.codeSize() + RegisterField.WINDOW);
            assertThat(stencil.registerFieldCount() + stencil.otherHoleCount()).isEqualTo(stencil.holeCount());
            for (int f = 0; f < stencil.registerFieldCount(); f++) {
                RegisterField field = stencil.registerField(f);
                for (int register = 0; register < 32; register++) {
                    byte[] patched = code.clone();
                    boolean refused = false;
                    try {
                        field.kind().apply(patched, field.offset(), PLACE + field.offset(), register);
                    } catch (HoleException e) {
                        refused = true;
                    }
                    assertThat(field.takes(register)).as("%s %s takes %d", stencil.name(), field, register).isEqualTo(!refused);
                    if (!refused) {
                        byte[] filled = code.clone();
                        Bytes.putLong(filled, field.offset(), field.fill(Bytes.getLong(code, field.offset()), register));
                        assertThat(filled).as("%s %s with %d", stencil.name(), field, register).isEqualTo(patched);
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1000);
    }
}
