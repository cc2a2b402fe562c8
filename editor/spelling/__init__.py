"""Spell checking without Qt: the tokenizer, dictionaries per language, and the checker.

``editor.spelling.service`` carries it onto Qt's thread pool for the window.
"""
