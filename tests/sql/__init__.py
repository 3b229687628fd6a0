"""sql tests."""
