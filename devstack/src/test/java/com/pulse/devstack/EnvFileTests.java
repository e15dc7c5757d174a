package com.pulse.devstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EnvFileTests {

    @Test
    void writtenFileReadsBackTheSameValues(@TempDir Path dir) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("PULSE_PG_URL", "jdbc:postgresql://127.0.0.1:5/pulse?user=postgres&x=1");
        values.put("PULSE_KAFKA_BOOTSTRAP", "127.0.0.1:6");
        values.put("ODD", "it's");
        Path file = dir.resolve("devstack.env");

        EnvFile.write(file, values);

        assertThat(EnvFile.read(file)).containsExactlyEntriesOf(values);
        assertThat(Files.readString(file)).contains("export PULSE_PG_URL='jdbc:postgresql://127.0.0.1:5/pulse?user=postgres&x=1'");
        assertThat(dir.resolve("devstack.env.tmp")).doesNotExist();
    }

    @Test
    void shellSourcingTheFileSeesTheSameValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("devstack.env");
        EnvFile.write(file, Map.of("PULSE_PG_URL", "jdbc:postgresql://h:1/pulse?user=postgres", "ODD", "a'b $c"));

        Process shell = new ProcessBuilder("bash", "-c", "source '" + file + "' && printf '%s|%s' \"$PULSE_PG_URL\" \"$ODD\"")
                .redirectErrorStream(true).start();

        assertThat(new String(shell.getInputStream().readAllBytes())).isEqualTo("jdbc:postgresql://h:1/pulse?user=postgres|a'b $c");
    }

    @Test
    void parsesHandWrittenLines() {
        Map<String, String> values = EnvFile.parse("""
                # comment

                export A=plain
                B="double quoted"
                  export C='single'
                not a line
                """);

        assertThat(values).containsExactly(Map.entry("A", "plain"), Map.entry("B", "double quoted"), Map.entry("C", "single"));
    }
}
