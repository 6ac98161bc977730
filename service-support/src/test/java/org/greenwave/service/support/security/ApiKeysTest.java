package org.greenwave.service.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keysAreKnownByTheirHashOnly() {
        ApiKeys keys = new ApiKeys();
        keys.add("parking", List.of(ApiKeys.sha256("s3cret-counter-key").toUpperCase()), Set.of("device"),
                Set.of("parking-occupancy:write"));
        keys.addKey("demo", "demo-key", Set.of("device"), Set.of("detector-readings:write", "parking-occupancy:write"));

        assertThat(keys.holder("s3cret-counter-key").group()).isEqualTo("parking");
        assertThat(keys.holder("s3cret-counter-key").permissions()).containsExactly("parking-occupancy:write");
        assertThat(keys.holder("demo-key").permissions()).hasSize(2);
        assertThat(keys.holder("s3cret-counter-key ")).isNull();
        assertThat(keys.holder("")).isNull();
        assertThat(keys.holder(null)).isNull();
        assertThat(ApiKeys.sha256("test-detector-key"))
                .isEqualTo("53c621c6d4e57cf45c7ff2f23011978a50153aa74780212abdab61cf81d5917b");
    }

    @Test
    void aMalformedHashIsAConfigurationError() {
        assertThatThrownBy(() -> new ApiKeys().add("g", List.of("not-a-hash"), Set.of(), Set.of()))
                .hasMessageContaining("64 hex characters");
    }
}
