package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdCommandTest {

    @Test
    void shouldPrintTheUuidOfAnObjectIdAndTheObjectIdOfThatUuid() {
        CommandOutput forward = CommandOutput.run("id", "5ca4bbc7a2dd94ee5816238c");
        CommandOutput back = CommandOutput.run("id", forward.out().trim());

        assertThat(forward.exitCode()).isZero();
        assertThat(forward.out().trim()).isEqualTo("5ca4bbc7-a2dd-894e-8e58-16238c000000");
        assertThat(back.exitCode()).isZero();
        assertThat(back.out().trim()).isEqualTo("5ca4bbc7a2dd94ee5816238c");
    }

    @Test
    void shouldAcceptTheShellsObjectIdNotation() {
        assertThat(CommandOutput.run("id", "ObjectId(\"5CA4BBC7A2DD94EE5816238C\")").out().trim())
                .isEqualTo("5ca4bbc7-a2dd-894e-8e58-16238c000000");
    }

    @Test
    void shouldRefuseAUuidTheRuleDidNotMakeWithExitCode2() {
        CommandOutput output = CommandOutput.run("id", "123e4567-e89b-12d3-a456-426614174000");

        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("was not made from an ObjectId");
    }

    @Test
    void shouldRefuseSomethingThatIsNeitherWithExitCode2() {
        CommandOutput output = CommandOutput.run("id", "42");

        assertThat(output.exitCode()).isEqualTo(2);
        assertThat(output.err()).contains("neither an ObjectId", "nor a UUID");
    }
}
