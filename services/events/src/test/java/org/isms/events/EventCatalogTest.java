package org.isms.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/asyncapi.yaml and EventTypes name the same event types, on the same topics. */
class EventCatalogTest {
    static final Path ASYNCAPI = Path.of("../../docs/asyncapi.yaml");

    @Test
    void shouldDocumentExactlyTheTypesTheCodeDefines() throws IOException {
        String doc = Files.readString(ASYNCAPI);
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\s+name: (isms\\.[a-z-]+\\.[a-z-]+\\.v\\d+)\\s*$").matcher(doc);
        while (m.find()) {
            documented.add(m.group(1));
        }
        Set<String> coded = Arrays.stream(EventTypes.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(f -> {
                    try {
                        return (String) f.get(null);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(coded);
        // and every constant has its topic in the routing map
        assertThat(new TreeSet<>(EventTypes.all())).isEqualTo(coded);
    }

    @Test
    void shouldDocumentEachTypeOnTheTopicItIsRoutedTo() throws IOException {
        String doc = Files.readString(ASYNCAPI);
        // each channel block: "address: <topic>" followed by the message refs it carries
        Matcher channel = Pattern.compile("(?ms)^  \\w+:\\n    address: (isms\\.[a-z]+\\.events)\\n(.*?)(?=^  \\w+:\\n|^operations:)")
                .matcher(doc);
        java.util.Map<String, String> refs = new java.util.HashMap<>();
        while (channel.find()) {
            Matcher ref = Pattern.compile("#/components/messages/(\\w+)").matcher(channel.group(2));
            while (ref.find()) {
                refs.put(ref.group(1), channel.group(1));
            }
        }
        Matcher message = Pattern.compile("(?m)^    (\\w+):\\n      name: (isms\\.[a-z-]+\\.[a-z-]+\\.v\\d+)").matcher(doc);
        int checked = 0;
        while (message.find()) {
            assertThat(refs.get(message.group(1))).as("channel of " + message.group(2))
                    .isEqualTo(EventTypes.topicOf(message.group(2)));
            checked++;
        }
        assertThat(checked).isEqualTo(EventTypes.all().size());
    }

    @Test
    void shouldDocumentEveryTopic() throws IOException {
        String doc = Files.readString(ASYNCAPI);
        for (String topic : Topics.ALL) {
            if (topic.endsWith(".dlq")) {
                assertThat(doc).contains("address: 'isms.{service}.dlq'");
            } else {
                assertThat(doc).contains("address: " + topic);
            }
        }
    }
}
