"""The six stages of the pipeline, one module each: load the previous stage's table, process it, save its own."""
