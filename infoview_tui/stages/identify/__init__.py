"""Provides the Identify stage's rules: outreach templates, the message checker, the 3B7 routine."""
