"""Dutch people's names: word lists, the name grammar, and what vetoes a name.

Used by the PERSON recognizers (`recognizers/nl/nl_person_recognizer.py`,
`nl_ner_person_recognizer.py`) and by column profiling through their
`validate_value`.  The lists and their sources are described in README.md.
"""
