package org.greenwave.dashboard.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.util.concurrent.atomic.AtomicInteger;
import org.greenwave.contracts.Json;

/** Named server-sent events to every open dashboard ({@code GET /api/events}). */
@ApplicationScoped
public class Broadcaster {

    private volatile Sse sse;
    private volatile SseBroadcaster broadcaster;
    private final AtomicInteger clients = new AtomicInteger();

    /** Registers a browser's stream (the first one also gives us the SSE factory). */
    public synchronized void register(SseEventSink sink, Sse sse) {
        if (this.sse == null) {
            this.sse = sse;
            this.broadcaster = sse.newBroadcaster();
            this.broadcaster.onClose(s -> clients.decrementAndGet());
            this.broadcaster.onError((s, e) -> {
            });
        }
        broadcaster.register(sink);
        clients.incrementAndGet();
    }

    /** Builds one event (for the first message to a new client). */
    public OutboundSseEvent event(Sse sse, String name, Object data) {
        return sse.newEventBuilder().name(name).mediaType(MediaType.TEXT_PLAIN_TYPE)
                .data(String.class, json(data)).reconnectDelay(2000).build();
    }

    /** Sends an event to every open dashboard; nothing happens while none is open. */
    public void send(String name, Object data) {
        SseBroadcaster b = broadcaster;
        if (b == null || clients.get() <= 0) {
            return;
        }
        b.broadcast(event(sse, name, data));
    }

    public int clients() {
        return Math.max(0, clients.get());
    }

    static String json(Object data) {
        return data instanceof String s ? s : new String(Json.toBytes(data), java.nio.charset.StandardCharsets.UTF_8);
    }
}
