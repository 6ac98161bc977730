package org.greenwave.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The AsyncAPI document names every topic the code uses, and every schema it references exists. */
class AsyncApiTest {

    @Test
    void documentsEveryTopicAndReferencesExistingSchemas() throws Exception {
        JsonNode doc = new ObjectMapper(new YAMLFactory())
                .readTree(AsyncApiTest.class.getResourceAsStream("/asyncapi.yaml"));
        assertThat(doc.path("asyncapi").asText()).isEqualTo("3.0.0");
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(c -> addresses.add(c.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL);

        List<String> refs = new ArrayList<>();
        doc.path("components").path("messages").forEach(m -> {
            String ref = m.path("payload").path("schema").path("$ref").asText();
            if (!ref.isEmpty()) {
                refs.add(ref);
            }
        });
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            assertThat(AsyncApiTest.class.getResource("/" + ref)).as(ref).isNotNull();
        }
    }
}
