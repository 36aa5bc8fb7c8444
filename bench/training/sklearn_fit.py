"""scikit-learn's side of the training benchmark (bench/training/run.sh): wall time of fitting each family's
scikit-learn counterpart on the same rows Flywheel fits, read from the same feature table.

    python sklearn_fit.py --dir TABLE_DIR --family logistic_regression|xgboost|mlp [--rows 1000000] [--threads 1]

Prints one line: fit side=sklearn family=... rows=... threads=... seconds=... estimator=...
Only the fit is timed (the pipeline's StandardScaler included where Flywheel standardises too), not the loading.
Thread limits are set before numpy loads (OMP/OpenBLAS variables) and again with threadpoolctl.

Where the estimators differ from Flywheel's training (model-core), as close as scikit-learn allows:
  logistic_regression  Flywheel: a one-unit network, Adam (lr 0.01), 10 epochs of mini-batches of 256,
                       balanced positive weight, no penalty. sklearn: LogisticRegression, lbfgs on the full batch
                       until converged (max_iter 1000), class_weight='balanced', its default L2 penalty C=1.
  xgboost              Flywheel: xgboost4j hist, 100 rounds, depth 6, eta 0.1, min_child_weight 1, balanced
                       scale_pos_weight, training log loss evaluated each round. sklearn (no xgboost wheel here):
                       HistGradientBoostingClassifier, max_iter 100, max_depth 6, learning_rate 0.1, no leaf-count
                       limit, min_samples_leaf 1, l2 0, class_weight='balanced', no early stopping.
  mlp                  Flywheel: 15-32-16-1 ReLU network on PyTorch (DJL), Adam lr 0.001, 8 epochs, batch 256,
                       balanced positive weight, no penalty. sklearn: MLPClassifier((32, 16)), adam lr 0.001,
                       8 epochs, batch 256, alpha 0, unweighted (MLPClassifier takes no class weights), no early stop.
"""
import argparse
import json
import os
import sys
import time


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", required=True)
    parser.add_argument("--family", required=True, choices=["logistic_regression", "xgboost", "mlp"])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()

    for variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ[variable] = str(args.threads)
    import warnings

    import numpy as np
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression
    from sklearn.neural_network import MLPClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    with open(os.path.join(args.dir, "table.json")) as meta_file:
        meta = json.load(meta_file)
    width = len(meta["features"])
    columns = width + len(meta["trailing"])
    rows = min(args.rows, meta["rows"])
    table = np.fromfile(os.path.join(args.dir, "table.f64"), dtype="<f8", count=rows * columns)
    table = table.reshape(rows, columns)
    x = np.ascontiguousarray(table[:, :width])
    y = table[:, width].astype(np.int64)

    if args.family == "logistic_regression":
        model = make_pipeline(StandardScaler(), LogisticRegression(class_weight="balanced", max_iter=1000))
    elif args.family == "xgboost":
        model = HistGradientBoostingClassifier(max_iter=100, max_depth=6, learning_rate=0.1, max_leaf_nodes=None,
                                               min_samples_leaf=1, l2_regularization=0.0, class_weight="balanced",
                                               early_stopping=False, random_state=42)
    else:
        model = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(32, 16), solver="adam",
                                                              learning_rate_init=0.001, batch_size=256, max_iter=8,
                                                              alpha=0.0, shuffle=True, tol=0.0,
                                                              n_iter_no_change=1_000_000, random_state=42))
    with threadpool_limits(limits=args.threads), warnings.catch_warnings():
        # MLPClassifier warns that 8 epochs did not converge: the epoch count is the point.
        warnings.simplefilter("ignore", ConvergenceWarning)
        started = time.perf_counter()
        cpu_started = time.process_time()
        model.fit(x, y)
        seconds = time.perf_counter() - started
        # The process's CPU time, every thread included: steadier than wall time on a shared machine.
        cpu_seconds = time.process_time() - cpu_started
    estimator = model.steps[-1][1] if hasattr(model, "steps") else model
    print(f"fit side=sklearn family={args.family} rows={rows} features={width} threads={args.threads} "
          f"seconds={seconds:.3f} cpu_seconds={cpu_seconds:.3f} estimator={type(estimator).__name__} "
          f"iterations={str(getattr(estimator, 'n_iter_', '-')).replace(' ', '')}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
