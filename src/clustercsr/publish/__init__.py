"""The pip-only renderer of the Quarto sources: config → parse → execute → convert → lay out → write."""
