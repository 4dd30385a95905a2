package dev.stitch.a64;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HarnessSmokeTest {
    @Test
    void llvmMcRunsFromThisJvm() {
        assertThat(LlvmMc.encode(List.of("nop", "ret"))).containsExactly(0xd503201f, 0xd65f03c0);
        assertThat(LlvmMc.disassemble(List.of(0xd503201f, 0xffffffff))).containsExactly("nop", null);
        assertThat(LlvmMc.assembleObject("nop\n.word 5\n")).hasSize(8);
    }
}
