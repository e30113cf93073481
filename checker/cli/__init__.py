"""The `check` command: options, configuration, baseline and the batch runner."""
