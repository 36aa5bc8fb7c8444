"""Reference values for the card-fraud features, computed with pandas as the Fraud Detection Handbook defines them.

An implementation independent of the Java topology: `HandbookReferenceTest` runs the topology over the same
simulated CSV and compares its vectors with the rows written here (within 1e-6).

Definitions (FRAUD-DATA.md section 2, `BaselineFeatureTransformation.ipynb`):
  * tx_during_weekend: Saturday or Sunday (UTC); tx_during_night: hour <= 6 (UTC);
  * customer_nb_tx_{n}d, customer_avg_amount_{n}d: the customer's transactions with time in (t - n days, t],
    the current one included (pandas time-based rolling, closed on the right);
  * terminal_nb_tx_{n}d, terminal_risk_{n}d: the terminal's transactions with time in (t - (n+7) d, t - 7 d],
    as rolling(n+7 days) minus rolling(7 days); risk = frauds / transactions, 0 for an empty window.
    The risk uses TX_FRAUD of every transaction in that window. The topology only counts labels known at t
    (label_time <= t); the two agree because every simulated label arrives at most 7 days after its
    transaction (checked below), so every label of that window is known by t.

Windows are rolled in hours (24 n) rather than pandas' 'D', which pandas 3 treats as a calendar day.

Usage (from the repository root):
    ./mvnw -B -o -pl feature-service test -Dtest=HandbookReferenceTest
        # writes feature-service/target/handbook-reference/transactions.csv and transactions.labels.csv
    pip install --no-index --find-links /opt/pypi/files --find-links /opt/pypi-more/files pandas numpy
    python3 feature-service/src/test/python/handbook_features.py \
        feature-service/target/handbook-reference feature-service/src/test/resources/reference
"""

import argparse
import hashlib
import pathlib

import pandas as pd

DELAY_DAYS = 7
WINDOWS_DAYS = (1, 7, 30)
FEATURES = (
    ["tx_amount", "tx_during_weekend", "tx_during_night"]
    + [f"customer_{kind}_{n}d" for n in WINDOWS_DAYS for kind in ("nb_tx", "avg_amount")]
    + [f"terminal_{kind}_{n}d" for n in WINDOWS_DAYS for kind in ("nb_tx", "risk")]
)
INPUTS = ("transactions.csv", "transactions.labels.csv")


def load(folder: pathlib.Path) -> pd.DataFrame:
    tx = pd.read_csv(folder / INPUTS[0], dtype={"transaction_id": str, "customer_id": str, "terminal_id": str})
    labels = pd.read_csv(folder / INPUTS[1], dtype={"transaction_id": str})
    tx["tx_datetime"] = pd.to_datetime(tx["tx_datetime"], utc=True)
    labels["label_time"] = pd.to_datetime(labels["label_time"], utc=True)
    tx = tx.merge(labels[["transaction_id", "tx_fraud", "label_time"]], on="transaction_id", how="left",
                  validate="one_to_one")
    if tx["tx_fraud"].isna().any():
        raise SystemExit("some transactions have no label")
    longest_delay = (tx["label_time"] - tx["tx_datetime"]).max()
    if longest_delay > pd.Timedelta(days=DELAY_DAYS):
        raise SystemExit(f"a label arrives {longest_delay} after its transaction; the comparison needs <= 7 days")
    # Time order, ties in emission (id) order: the order the topology reads them in.
    tx["emitted"] = tx["transaction_id"].astype(int)
    return tx.sort_values(["tx_datetime", "emitted"], kind="stable").reset_index(drop=True)


def rolling(series: pd.Series, days: int):
    return series.rolling(f"{24 * days}h", closed="right")


def customer_features(tx: pd.DataFrame) -> pd.DataFrame:
    parts = []
    for _, group in tx.groupby("customer_id", sort=False):
        amounts = group.set_index("tx_datetime")["tx_amount"]
        columns = {}
        for n in WINDOWS_DAYS:
            count = rolling(amounts, n).count()
            columns[f"customer_nb_tx_{n}d"] = count.to_numpy()
            columns[f"customer_avg_amount_{n}d"] = (rolling(amounts, n).sum() / count).to_numpy()
        parts.append(pd.DataFrame(columns, index=group.index))
    return pd.concat(parts)


def terminal_features(tx: pd.DataFrame) -> pd.DataFrame:
    parts = []
    for _, group in tx.groupby("terminal_id", sort=False):
        frauds = group.set_index("tx_datetime")["tx_fraud"].astype(float)
        frauds_in_delay = rolling(frauds, DELAY_DAYS).sum()
        count_in_delay = rolling(frauds, DELAY_DAYS).count()
        columns = {}
        for n in WINDOWS_DAYS:
            count = rolling(frauds, n + DELAY_DAYS).count() - count_in_delay
            fraud_count = rolling(frauds, n + DELAY_DAYS).sum() - frauds_in_delay
            columns[f"terminal_nb_tx_{n}d"] = count.to_numpy()
            columns[f"terminal_risk_{n}d"] = (fraud_count / count).fillna(0).to_numpy()
        parts.append(pd.DataFrame(columns, index=group.index))
    return pd.concat(parts)


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", type=pathlib.Path, help="folder holding transactions.csv and its labels")
    parser.add_argument("output", type=pathlib.Path, help="folder to write the reference files to")
    parser.add_argument("--every", type=int, default=4, help="keep transactions whose id is a multiple of this")
    args = parser.parse_args()

    tx = load(args.inputs)
    features = pd.DataFrame({
        "transaction_id": tx["transaction_id"],
        "tx_amount": tx["tx_amount"],
        "tx_during_weekend": (tx["tx_datetime"].dt.weekday >= 5).astype(int),
        "tx_during_night": (tx["tx_datetime"].dt.hour <= 6).astype(int),
    }).join(customer_features(tx)).join(terminal_features(tx))
    kept = features[tx["emitted"] % args.every == 0][["transaction_id"] + FEATURES]

    args.output.mkdir(parents=True, exist_ok=True)
    kept.to_csv(args.output / "card-fraud-handbook-features.csv", index=False, float_format="%.12g")
    with open(args.output / "card-fraud-handbook-inputs.sha256", "w") as digests:
        for name in INPUTS:
            digests.write(f"{sha256(args.inputs / name)}  {name}\n")
    frauds = int(tx["tx_fraud"].sum())
    print(f"{len(tx)} transactions ({frauds} frauds), {len(kept)} reference rows written to {args.output}")


if __name__ == "__main__":
    main()
