package io.dhcpsuite.dhcp.v6;

import static org.assertj.core.api.Assertions.assertThat;

import io.dhcpsuite.codec.Duid;
import io.dhcpsuite.config.ServerId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server DUID is made once and kept in the data directory. */
class ServerDuidTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void aGeneratedDuidLltIsKeptAndReadBackAtTheNextStart(@TempDir Path dir) throws Exception {
        Duid first = ServerDuid.load(ServerId.DEFAULTS, dir, CLOCK);
        assertThat(first.type()).isEqualTo(Duid.Type.LLT);
        assertThat(first.time()).isEqualTo(Instant.parse("2026-12-07T00:00:00Z").getEpochSecond() - Duid.EPOCH_2000);
        assertThat(Files.readString(dir.resolve(ServerDuid.FILE_NAME)).trim()).isEqualTo(first.toHex());
        Duid second = ServerDuid.load(ServerId.DEFAULTS, dir, Clock.offset(CLOCK, java.time.Duration.ofDays(3)));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aConfiguredDuidWinsOverTheFileAndReplacesIt(@TempDir Path dir) throws Exception {
        ServerDuid.load(ServerId.DEFAULTS, dir, CLOCK);
        Duid en = ServerDuid.load(new ServerId("EN", "01:02:03:04", 0, 0, 0, true), dir, CLOCK);
        assertThat(en.type()).isEqualTo(Duid.Type.EN);
        assertThat(en.enterpriseNumber()).isEqualTo(2495L);
        assertThat(en.toHex()).isEqualTo("00:02:00:00:09:bf:01:02:03:04");
        assertThat(Files.readString(dir.resolve(ServerDuid.FILE_NAME)).trim()).isEqualTo(en.toHex());
    }

    @Test
    void anUnreadableFileIsReplacedAndPersistFalseWritesNothing(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(ServerDuid.FILE_NAME), "not a duid\n");
        Duid made = ServerDuid.load(ServerId.DEFAULTS, dir, CLOCK);
        assertThat(Files.readString(dir.resolve(ServerDuid.FILE_NAME)).trim()).isEqualTo(made.toHex());
        Path other = dir.resolve("other");
        ServerDuid.load(new ServerId("LLT", "", 0, 0, 0, false), other, CLOCK);
        assertThat(Files.exists(other.resolve(ServerDuid.FILE_NAME))).isFalse();
    }
}
