"""One place that loads models: packaged defaults and user-chosen names."""
