package dev.flywheel.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flywheel.contracts.spec.SearchDimension;
import dev.flywheel.contracts.spec.SearchSpace;

class SearchSamplerTest {

    private static final SearchSpace SPACE = new SearchSpace(new LinkedHashMap<>(Map.of(
            "learningRate", new SearchDimension.Range(1e-4, 1e-1, true, false),
            "maxDepth", new SearchDimension.Range(3, 8, false, true),
            "hidden", new SearchDimension.Choice(List.of(List.of(16), List.of(32, 16))))));

    @Test
    void theSameSeedSamplesTheSameConfigurationsAndAnotherSeedOthers() {
        // Given / When
        List<Map<String, Object>> first = SearchSampler.sample(SPACE, 12, 7);
        List<Map<String, Object>> again = SearchSampler.sample(SPACE, 12, 7);
        List<Map<String, Object>> other = SearchSampler.sample(SPACE, 12, 8);

        // Then
        assertThat(first).hasSize(12).isEqualTo(again).isNotEqualTo(other).doesNotHaveDuplicates();
    }

    @Test
    void valuesStayInsideTheirRangesWithTheirTypes() {
        List<Map<String, Object>> configurations = SearchSampler.sample(SPACE, 400, 1);

        assertThat(configurations).allSatisfy(configuration -> {
            assertThat((Double) configuration.get("learningRate")).isBetween(1e-4, 1e-1);
            assertThat(configuration.get("maxDepth")).isInstanceOf(Integer.class);
            assertThat((Integer) configuration.get("maxDepth")).isBetween(3, 8);
            assertThat(configuration.get("hidden")).isIn(List.of(16), List.of(32, 16));
        });
        // Both ends of the integer range are drawn, and the log range covers its decades about evenly
        assertThat(configurations).extracting(c -> c.get("maxDepth")).contains(3, 8);
        long belowOneThousandth = configurations.stream().filter(c -> (Double) c.get("learningRate") < 1e-3).count();
        assertThat(belowOneThousandth).isBetween(90L, 180L);
    }

    @Test
    void aSmallDiscreteSpaceYieldsEachConfigurationOnce() {
        SearchSpace small = new SearchSpace(Map.of("hidden", new SearchDimension.Choice(List.of(List.of(8), List.of(16)))));

        assertThat(SearchSampler.sample(small, 10, 3)).extracting(c -> c.get("hidden"))
                .containsExactlyInAnyOrder(List.of(8), List.of(16));
    }
}
