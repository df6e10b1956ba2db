"""Provides the Prepare stage's rules: the question bank and scheduling checks."""
