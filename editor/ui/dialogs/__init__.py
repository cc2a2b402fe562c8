"""Dialogs the main window opens: export, post helper."""
