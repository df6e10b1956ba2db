"""Provides each stage's pure rules (identify, prepare, conduct, follow up, reflect) and the Dashboard agenda."""
