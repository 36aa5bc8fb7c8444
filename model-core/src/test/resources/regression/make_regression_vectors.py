"""Reference values for the regression families (model-core RegressionFamiliesTest), from scikit-learn.

A synthetic regression task, later rows held out as training does:
    y = 3 + 2 x0 - 1.5 x1 + 0.8 x2 x3 + 2 sin(2 x4) + 0.01 amount + N(0, 0.3)
with x0..x4 ~ N(0, 1) and amount = 50 + 40 |N(0, 1)| on an amount-like scale (standardisation matters to a network).
The product and the sine are what a linear model cannot learn and trees and networks can.

Written to regression_vectors.json:
  * the rows (train, test) and labels;
  * sklearn.linear_model.LinearRegression: intercept, coefficients, predictions on the test rows and their
    root_mean_squared_error, mean_absolute_error, r2_score: the Java OLS must match to about 1e-8;
  * sklearn.dummy.DummyRegressor(strategy="mean"): the baseline's metrics;
  * sklearn.ensemble.HistGradientBoostingRegressor and sklearn.neural_network.MLPRegressor (fixed seeds): their
    test RMSE and R2, which the Java xgboost and MLP must come close to (other libraries, so not equal).

Run (scikit-learn 1.9 and numpy 2 from the local wheels): python3 make_regression_vectors.py <output folder>
"""
import json
import sys

import numpy as np
from sklearn.dummy import DummyRegressor
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import LinearRegression
from sklearn.metrics import mean_absolute_error, r2_score, root_mean_squared_error
from sklearn.neural_network import MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler


def rows(n, rng):
    x = rng.standard_normal((n, 5))
    amount = 50 + 40 * np.abs(rng.standard_normal(n))
    y = (3 + 2 * x[:, 0] - 1.5 * x[:, 1] + 0.8 * x[:, 2] * x[:, 3] + 2 * np.sin(2 * x[:, 4]) + 0.01 * amount
         + 0.3 * rng.standard_normal(n))
    # rounded before anything is fitted, so the JSON holds exactly the rows scikit-learn saw
    return np.round(np.column_stack([x, amount]), 5), np.round(y, 5)


def metrics(y, predicted):
    return {"rmse": float(root_mean_squared_error(y, predicted)), "mae": float(mean_absolute_error(y, predicted)),
            "r2": float(r2_score(y, predicted))}


def main(folder):
    rng = np.random.default_rng(7)
    x_train, y_train = rows(2000, rng)
    x_test, y_test = rows(600, rng)

    linear = LinearRegression().fit(x_train, y_train)
    linear_predictions = linear.predict(x_test)
    dummy = DummyRegressor(strategy="mean").fit(x_train, y_train)
    boosted = HistGradientBoostingRegressor(max_iter=200, learning_rate=0.1, max_depth=4, random_state=0)
    boosted.fit(x_train, y_train)
    network = make_pipeline(StandardScaler(), MLPRegressor(hidden_layer_sizes=(32, 16), max_iter=500,
                                                           random_state=0)).fit(x_train, y_train)

    vectors = {
        "xTrain": x_train.tolist(), "yTrain": y_train.tolist(), "xTest": x_test.tolist(), "yTest": y_test.tolist(),
        "linear": {"intercept": float(linear.intercept_), "coefficients": linear.coef_.tolist(),
                   "predictions": linear_predictions.tolist(), **metrics(y_test, linear_predictions)},
        "mean": {"value": float(dummy.constant_[0][0]), **metrics(y_test, dummy.predict(x_test))},
        "histGradientBoosting": metrics(y_test, boosted.predict(x_test)),
        "mlp": metrics(y_test, network.predict(x_test)),
    }
    with open(f"{folder}/regression_vectors.json", "w") as out:
        json.dump(vectors, out)
    print({name: metrics_ for name, metrics_ in vectors.items() if name in ("mean", "histGradientBoosting", "mlp")})


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else ".")
