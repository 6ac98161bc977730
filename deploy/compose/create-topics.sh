#!/usr/bin/env bash
# Creates greenwave's topics (idempotent) from topics.conf: "name partitions cleanup.policy retention.ms" per line.
# Usage: create-topics.sh BOOTSTRAP CONF   (runs in the apache/kafka image, see compose.yaml)
set -euo pipefail
bootstrap="$1"
conf="$2"
kafka_topics=/opt/kafka/bin/kafka-topics.sh
while read -r name partitions cleanup retention; do
  case "$name" in ''|'#'*) continue ;; esac
  "$kafka_topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 1 \
    --config "cleanup.policy=$cleanup" --config "retention.ms=$retention"
done < "$conf"
"$kafka_topics" --bootstrap-server "$bootstrap" --list
