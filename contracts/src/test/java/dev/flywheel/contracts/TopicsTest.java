package dev.flywheel.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void pipelineTopicsAreNamedAfterThePipeline() {
        assertThat(Topics.forPipeline("card-fraud")).extracting(Topic::name).allSatisfy(
                name -> assertThat(name).startsWith("flywheel.card-fraud."));
        assertThat(Topics.events("card-fraud").name()).isEqualTo("flywheel.card-fraud.events");
    }

    @Test
    void aPipelineNameThatCannotBeATopicNameIsRefused() {
        assertThatThrownBy(() -> Topics.events("Card Fraud"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Card Fraud");
    }

    @Test
    void docsDescribeEveryTopic() throws IOException {
        Path doc = Path.of("..", "docs", "events.md");
        String text = Files.readString(doc);
        List<Topic<?, ?>> all = new ArrayList<>(Topics.forPipeline("pipeline"));
        all.addAll(Topics.platform());

        for (Topic<?, ?> topic : all) {
            String documented = topic.name().replace("flywheel.pipeline.", "flywheel.<pipeline>.");
            assertThat(text).as("docs/events.md mentions %s", documented).contains("`" + documented + "`");
        }
    }
}
