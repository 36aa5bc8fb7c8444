package dev.flywheel.training;

import dev.flywheel.kafka.local.KafkaBrokerTestResource;
import dev.flywheel.testing.ServiceEndpointsTestBase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerTestResource.class, restrictToAnnotatedClass = false)
class TrainingServiceEndpointsTest extends ServiceEndpointsTestBase {
}
