"""Produces keyed lines from stdin ("key:value", split at the first colon) to a Kafka topic with the
confluent-kafka client (librdkafka), as a Python data producer would; exits non-zero unless every record
was acknowledged. Usage: python3 produce.py <bootstrap servers> <topic> < lines"""
import sys

from confluent_kafka import Producer

bootstrap, topic = sys.argv[1], sys.argv[2]
failures = []


def delivered(error, message):
    if error is not None:
        failures.append(str(error))


producer = Producer({"bootstrap.servers": bootstrap, "acks": "all", "enable.idempotence": True})
count = 0
for line in sys.stdin:
    line = line.rstrip("\n")
    if not line:
        continue
    key, value = line.split(":", 1)
    producer.produce(topic, key=key.encode("utf-8"), value=value.encode("utf-8"), on_delivery=delivered)
    count += 1
left = producer.flush(30)
if left or failures:
    print(f"not delivered: {left} pending, failures {failures}", file=sys.stderr)
    sys.exit(1)
print(f"delivered {count} records to {topic}")
