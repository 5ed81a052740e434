"""The code's shape, checked: the README's module map names every module that exists and nothing
that does not, and the extractor's fingerprint covers exactly what extraction reads."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from store.extraction import LEXICON_FILES
from store.lexicon.english import word_list
from store.library.fingerprint import EXTRACTION_DIR, fingerprinted_files

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("bot", "handlers", "store")


def _module_map() -> dict[str, set[str]]:
    """Directory -> the module file names the README's "Where things go" block lists for it."""
    readme = (ROOT / "README.md").read_text()
    block = readme.split("## Where things go", 1)[1].split("```", 2)[1]
    listed: dict[str, set[str]] = {}
    directory = ""
    for line in block.splitlines():
        if (
            line and not line[0].isspace()
        ):  # a new entry: a directory, or a file such as manifest.yml
            head = re.match(r"^([a-z_/]+/)\s", line)
            directory = head.group(1) if head else ""
        if not directory:
            continue
        for name in re.findall(r"(?<![/\w])([a-z_]+\.py)\b", line):
            listed.setdefault(directory, set()).add(name)
    return listed


def _modules_on_disk() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            relative = path.relative_to(ROOT)
            if "migrations" in relative.parts or path.name == "__init__.py":
                continue
            found.setdefault(f"{relative.parent.as_posix()}/", set()).add(path.name)
    return found


def test_the_readme_module_map_lists_every_module_and_only_real_ones() -> None:
    listed, on_disk = _module_map(), _modules_on_disk()
    for directory, names in on_disk.items():
        assert names <= listed.get(directory, set()), (
            directory,
            names - listed.get(directory, set()),
        )
    for directory, names in listed.items():
        real = (
            {p.name for p in (ROOT / directory).glob("*.py")}
            if (ROOT / directory).is_dir()
            else set()
        )
        assert names <= real, (directory, names - real)


def test_store_keeps_few_flat_modules_and_one_subpackage_per_role() -> None:
    flat = [p.name for p in (ROOT / "store").glob("*.py") if p.name != "__init__.py"]
    assert len(flat) <= 6, flat
    for role in ("extraction", "search", "library", "persistence", "lexicon"):
        init = ROOT / "store" / role / "__init__.py"
        assert init.is_file() and init.read_text().startswith('"""'), role


def test_the_fingerprint_covers_every_extraction_module_and_only_the_lexicons_extraction_reads() -> (
    None
):
    files = fingerprinted_files()
    assert set(EXTRACTION_DIR.glob("*.py")) <= set(files)
    lexicons = {p.name for p in files if p.suffix == ".toml"}
    assert lexicons == set(LEXICON_FILES)
    assert "queries.toml" not in lexicons  # a search-only table: editing it re-extracts nothing
    assert word_list() in files  # which words are English tells a title from a name


def test_extraction_reads_exactly_the_lexicon_files_it_declares() -> None:
    """Extract a seed article in a fresh interpreter (no loader has cached anything yet), every
    module's ``load_toml`` recording the file it reads."""
    script = """
import json, sys
from pathlib import Path
import store.lexicon as lexicon
read = set()
original = lexicon.load_toml
def recording(name):
    read.add(name)
    return original(name)
lexicon.load_toml = recording
from store.extraction import dates, quantities, sentences
from store.extraction.extract import extract
for module in (dates, quantities, sentences):
    module.load_toml = recording
extract(Path(sys.argv[1]).read_text(), published=None)
print(json.dumps(sorted(read)))
"""
    seed = next((ROOT / "seeds").glob("*.txt"))
    done = subprocess.run(
        [sys.executable, "-c", script, str(seed)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert set(json.loads(done.stdout)) == set(LEXICON_FILES)
