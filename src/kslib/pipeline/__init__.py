"""From a parsed report to published pages: the processed-data contract (write and load), the
project layout, notebook parameters and context, atomic outputs and the render pool."""
