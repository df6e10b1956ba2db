"""Provides the Textual user interface: the app, its palette commands, screens and widgets. The only package that imports Textual."""
