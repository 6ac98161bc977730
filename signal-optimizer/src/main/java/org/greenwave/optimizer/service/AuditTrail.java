package org.greenwave.optimizer.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.greenwave.contracts.signal.AuditEntry;
import org.greenwave.optimizer.config.OptimizerConfig;

/**
 * The queryable side of the audit trail: the most recent entries per intersection, in memory. The durable record
 * is the {@code signal.audit} topic, from which this is rebuilt on start; entries are deduplicated by id.
 */
@ApplicationScoped
public class AuditTrail {

    private final int perIntersection;
    private final Map<String, Deque<AuditEntry>> entries = new HashMap<>();
    private final Set<String> ids = new HashSet<>();

    public AuditTrail(OptimizerConfig config) {
        this.perIntersection = config.auditEntriesPerIntersection();
    }

    public synchronized void remember(AuditEntry entry) {
        if (!ids.add(entry.id())) {
            return;
        }
        Deque<AuditEntry> list = entries.computeIfAbsent(entry.intersectionId(), k -> new ArrayDeque<>());
        list.addLast(entry);
        while (list.size() > perIntersection) {
            ids.remove(list.removeFirst().id());
        }
    }

    /** Newest first, optionally for one intersection and one action (null: all). */
    public synchronized List<AuditEntry> query(String intersectionId, String action, String actor, int limit) {
        List<AuditEntry> out = new ArrayList<>();
        for (var e : entries.entrySet()) {
            if (intersectionId != null && !intersectionId.equals(e.getKey())) {
                continue;
            }
            for (AuditEntry a : e.getValue()) {
                if ((action == null || action.equals(a.action())) && (actor == null || actor.equals(a.actor()))) {
                    out.add(a);
                }
            }
        }
        out.sort(Comparator.comparing(AuditEntry::at).reversed());
        return out.size() > limit ? out.subList(0, limit) : out;
    }
}
