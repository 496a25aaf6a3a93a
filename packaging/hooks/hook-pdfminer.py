# Replaces the contributed hook-pdfminer.py: pdfminer.six without its CJK CMaps (7.9 MB), which
# only PDFs in predefined Chinese, Japanese or Korean encodings need (the model reads English).
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("pdfminer", excludes=["cmap/**"])
