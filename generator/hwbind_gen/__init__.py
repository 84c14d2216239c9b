"""hwbind's generator: YAML API specs in, C++ bindings out (see spec/README.md)."""
