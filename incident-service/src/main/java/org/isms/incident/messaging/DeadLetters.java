package org.isms.incident.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Moves a SIEM record that can never become an alert to {@code isms.incident.dlq}: its key, value and headers, with
 * the reason and where it came from in the headers SmallRye's dead-letter strategy writes ({@code dead-letter-reason},
 * {@code dead-letter-topic}, {@code -partition}, {@code -offset}), so one DLQ reads alike whichever consumer wrote to
 * it. Sent with acks=all and awaited before the batch's offsets move on.
 */
@ApplicationScoped
public class DeadLetters {
    private final MutinyEmitter<String> dlq;

    public DeadLetters(@Channel("incident-dlq") MutinyEmitter<String> dlq) {
        this.dlq = dlq;
    }

    public Uni<Void> send(ConsumerRecord<String, String> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            headers.add(h);
        }
        headers.add("dead-letter-reason", bytes(reason.length() > 1000 ? reason.substring(0, 1000) : reason));
        headers.add("dead-letter-topic", bytes(record.topic()));
        headers.add("dead-letter-partition", bytes(Integer.toString(record.partition())));
        headers.add("dead-letter-offset", bytes(Long.toString(record.offset())));
        return dlq.sendMessage(Message.of(record.value() == null ? "" : record.value())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(record.key()).withHeaders(headers)
                        .build()));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
