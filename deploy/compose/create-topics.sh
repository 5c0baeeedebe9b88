#!/bin/sh
# Generated from the topic declaration in event-contracts (Topics.DECLARED) by
# org.allyledger.deploy.TopicManifests; do not edit (deploy/README.md says how to regenerate it).
# Creates Ally Ledger's topics on the compose file's broker, or sets their configuration if they exist.
set -eu
topics=/opt/kafka/bin/kafka-topics.sh
configs=/opt/kafka/bin/kafka-configs.sh
broker=kafka:9092
$topics --bootstrap-server $broker --create --if-not-exists --topic allyledger.people.v1 --partitions 3 --replication-factor 1 --config cleanup.policy=delete --config retention.bytes=-1 --config retention.ms=-1
$configs --bootstrap-server $broker --alter --entity-type topics --entity-name allyledger.people.v1 --add-config cleanup.policy=delete,retention.bytes=-1,retention.ms=-1
$topics --bootstrap-server $broker --create --if-not-exists --topic allyledger.commitments.v1 --partitions 3 --replication-factor 1 --config cleanup.policy=delete --config retention.bytes=-1 --config retention.ms=-1
$configs --bootstrap-server $broker --alter --entity-type topics --entity-name allyledger.commitments.v1 --add-config cleanup.policy=delete,retention.bytes=-1,retention.ms=-1
$topics --bootstrap-server $broker --create --if-not-exists --topic allyledger.sponsorships.v1 --partitions 3 --replication-factor 1 --config cleanup.policy=delete --config retention.bytes=-1 --config retention.ms=-1
$configs --bootstrap-server $broker --alter --entity-type topics --entity-name allyledger.sponsorships.v1 --add-config cleanup.policy=delete,retention.bytes=-1,retention.ms=-1
$topics --bootstrap-server $broker --create --if-not-exists --topic allyledger.recognition.v1 --partitions 3 --replication-factor 1 --config cleanup.policy=delete --config retention.bytes=-1 --config retention.ms=-1
$configs --bootstrap-server $broker --alter --entity-type topics --entity-name allyledger.recognition.v1 --add-config cleanup.policy=delete,retention.bytes=-1,retention.ms=-1
$topics --bootstrap-server $broker --create --if-not-exists --topic allyledger.recognition.dead-letter --partitions 1 --replication-factor 1 --config cleanup.policy=delete --config retention.bytes=-1 --config retention.ms=2592000000
$configs --bootstrap-server $broker --alter --entity-type topics --entity-name allyledger.recognition.dead-letter --add-config cleanup.policy=delete,retention.bytes=-1,retention.ms=2592000000
$topics --bootstrap-server $broker --create --if-not-exists --topic allyledger.reporting.dead-letter --partitions 1 --replication-factor 1 --config cleanup.policy=delete --config retention.bytes=-1 --config retention.ms=2592000000
$configs --bootstrap-server $broker --alter --entity-type topics --entity-name allyledger.reporting.dead-letter --add-config cleanup.policy=delete,retention.bytes=-1,retention.ms=2592000000
