"""Build hook only (everything else is in pyproject.toml): an installed kslib carries copies of the
project's notebooks (``notebooks/*.ipynb`` → ``kslib/notebooks/``), so it renders outside a checkout."""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithNotebooks(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "kslib" / "notebooks"
        target.mkdir(parents=True, exist_ok=True)
        for notebook in sorted(Path(__file__).parent.joinpath("notebooks").glob("*.ipynb")):
            self.copy_file(str(notebook), str(target / notebook.name))


setup(cmdclass={"build_py": BuildWithNotebooks})
