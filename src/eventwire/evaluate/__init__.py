"""Scorers that compare eventwire's output with gold data in the field's formats."""
