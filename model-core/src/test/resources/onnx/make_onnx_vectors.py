"""Makes the ONNX test models and their expected scores (run from the repository root).

Models are tiny torch networks exported with torch.onnx; expected scores come from Python's onnxruntime,
an implementation independent of the Java scorer under test.

  python -m venv /tmp/onnx-venv && /tmp/onnx-venv/bin/pip install torch onnx onnxruntime numpy   # local wheels
  /tmp/onnx-venv/bin/python model-core/src/test/resources/onnx/make_onnx_vectors.py

Writes:
  model-core/src/test/resources/onnx/classifier_{n1,n2,n}.onnx   one 4-feature network, three output shapes:
      [rows, 1] sigmoid, [rows, 2] softmax (column 1 = positive), [rows] sigmoid
  model-core/src/test/resources/onnx/expected.json               rows and each model's onnxruntime scores
  training-service/src/test/resources/onnx/amount_over_220.onnx  2 features (tx_amount, tx_during_night):
      sigmoid(0.1 * (tx_amount - 220)), the handbook's scenario-1 fraud pattern as a "model" to import
"""
import json
import pathlib

import numpy as np
import onnxruntime as ort
import torch

HERE = pathlib.Path("model-core/src/test/resources/onnx")
TRAINING = pathlib.Path("training-service/src/test/resources/onnx")


class Classifier(torch.nn.Module):
    def __init__(self, head):
        super().__init__()
        torch.manual_seed(0)
        self.body = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 1))
        self.head = head

    def forward(self, x):
        logit = self.body(x)
        if self.head == "n1":
            return torch.sigmoid(logit)
        if self.head == "n2":
            return torch.softmax(torch.cat([torch.zeros_like(logit), logit], dim=1), dim=1)
        return torch.sigmoid(logit).squeeze(1)


class AmountOver220(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(2, 1)
        with torch.no_grad():
            self.linear.weight.copy_(torch.tensor([[0.1, 0.0]]))
            self.linear.bias.fill_(-22.0)

    def forward(self, x):
        return torch.sigmoid(self.linear(x))


def export(model, width, path):
    model.eval()
    torch.onnx.export(model, torch.zeros(3, width), str(path), input_names=["features"],
                      output_names=["probability"], dynamic_axes={"features": {0: "rows"}, "probability": {0: "rows"}},
                      dynamo=False)


def scores(path, rows):
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    out = session.run(None, {"features": rows})[0]
    return (out[:, -1] if out.ndim == 2 else out).astype(float).tolist()


def main():
    rng = np.random.default_rng(7)
    rows = np.column_stack([rng.normal(size=16), rng.normal(size=16), rng.normal(size=16),
                            rng.uniform(0, 3, size=16)]).astype(np.float32)
    expected = {"features": ["x0", "x1", "noise", "amount"], "rows": rows.astype(float).tolist(), "scores": {}}
    for head in ["n1", "n2", "n"]:
        path = HERE / f"classifier_{head}.onnx"
        export(Classifier(head), 4, path)
        expected["scores"][head] = scores(path, rows)
    (HERE / "expected.json").write_text(json.dumps(expected, indent=1) + "\n")
    TRAINING.mkdir(parents=True, exist_ok=True)
    export(AmountOver220(), 2, TRAINING / "amount_over_220.onnx")
    check = scores(TRAINING / "amount_over_220.onnx", np.array([[300, 0], [100, 1]], dtype=np.float32))
    assert check[0] > 0.99 and check[1] < 0.01, check


if __name__ == "__main__":
    main()
