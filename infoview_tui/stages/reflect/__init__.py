"""Provides the Reflect stage's rules: search over past conversations and the insights figures."""
