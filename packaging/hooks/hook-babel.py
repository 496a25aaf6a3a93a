# Replaces PyInstaller's hook-babel.py: babel comes only with courlan (trafilatura's URL
# checks), whose language filter the app never uses; its 35 MB of locale data stay out.
from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("babel", includes=["global.dat"])
