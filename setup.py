"""The package build compiles the message catalogues into it (see ``safecampus.core.catalogues``):
``pip install .`` gives a package whose ``.mo`` files are in place, so nothing is written at run time."""

import importlib.util
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


def _catalogues():
    spec = importlib.util.spec_from_file_location(
        "safecampus_catalogues", HERE / "src" / "safecampus" / "core" / "catalogues.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildWithCatalogues(build_py):
    """``build_py``, then each ``django.po`` copied into the build gets its ``django.mo``."""

    def run(self):
        super().run()
        if not self.editable_mode:  # an editable install reads src/: `make messages` compiles there
            _catalogues().compile_catalogues(Path(self.build_lib) / "safecampus")


setup(cmdclass={"build_py": BuildWithCatalogues})
