# Replaces the contributed hook-spacy.py: the same collection without spaCy's test suite
# (which would add ~400 "hidden import not found" warnings once excluded, and megabytes if not).
from PyInstaller.utils.hooks import collect_data_files, collect_submodules

datas = collect_data_files("spacy", excludes=["**/tests/**"])
hiddenimports = collect_submodules("spacy", filter=lambda name: ".tests" not in name)
