"""Where findings are printed: one module per output format."""
