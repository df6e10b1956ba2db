"""Provides the Conduct stage's rules: the call record, notes and questions during a call."""
