"""Vocabularies: loaders for the tables in ``factlib/data/`` (numerals, magnitudes, units,
qualifiers, cues, ordinals, non-claims, the metric lexicon, script conversion) and the regex builders.

Nothing here imports from the rest of factlib: every other stage reads its words from here.
"""
