/**
 * Model-quality metrics of {@link dev.flywheel.contracts.spec.Metric}, computed from scores and labels as
 * scikit-learn computes them, so that offline evaluation (training-service) and live quality
 * (monitor-service) report the same number for the same data. Test vectors made with scikit-learn
 * ({@code src/test/python/metric_vectors.py}) keep them in step.
 */
package dev.flywheel.contracts.metric;
