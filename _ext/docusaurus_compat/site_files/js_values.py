"""The value a JavaScript or TypeScript module exports, read from its syntax tree.

Docusaurus runs ``docusaurus.config.*`` and ``sidebars.*`` with Node.js. Their
values are almost always literals: objects, arrays, strings, template strings,
constants defined earlier in the file, JSON files and local modules they import,
and paths made with ``require.resolve``/``path.resolve(__dirname, …)``. Those are
computed here without running anything (tree-sitter's TypeScript grammar parses
both languages). Whatever needs the code to run (a function, a call into a
package, ``process.env``) becomes an :class:`Unknown` that says what it was and
where, so the reader of the value can name it in a message.
"""

from __future__ import annotations

import dataclasses
import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import tree_sitter
import tree_sitter_typescript

_LANGUAGE = tree_sitter.Language(tree_sitter_typescript.language_typescript())
MODULE_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".mts", ".cts")
# jiti (which Docusaurus loads these files with) finds `./x.ts` when asked for `./x.js`
_TS_FOR_JS = {".js": (".ts", ".tsx"), ".mjs": (".mts",), ".cjs": (".cts",)}
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "0": "\0"}
_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|\r\n|.)", re.S)


class JsSyntaxError(ValueError):
    """The file is not JavaScript or TypeScript that parses."""

    def __init__(self, path: Path, line: int) -> None:
        super().__init__(f"{path}:{line}: the file does not parse as JavaScript or TypeScript")
        self.path, self.line = path, line


@dataclasses.dataclass(frozen=True)
class Unknown:
    """A value only running the code could give."""

    what: str
    """A short description: ``"a function"``, ``"a call to yaml.load"``…"""
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.what} ({self.path}:{self.line})"


@dataclasses.dataclass(frozen=True)
class _Builtin:
    """A Node.js module the evaluator knows a few functions of (``path``)."""

    name: str


def _unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        body = match.group(1)
        if body.startswith("u{"):
            return chr(int(body[2:-1], 16))
        if body[0] in "ux" and len(body) > 1:
            return chr(int(body[1:], 16))
        if body in ("\n", "\r\n"):
            return ""  # a line continuation
        return _ESCAPES.get(body, body)

    return _ESCAPE.sub(replace, text)


def resolve_module(base: Path, specifier: str) -> Path | None:
    """The local file an import or require of ``specifier`` from ``base``'s folder names."""
    if not specifier.startswith((".", "/")):
        return None
    target = (base.parent / specifier) if not specifier.startswith("/") else Path(specifier)
    candidates = [target]
    candidates += [target.with_suffix(suffix) for suffix in _TS_FOR_JS.get(target.suffix, ())]
    candidates += [Path(f"{target}{suffix}") for suffix in (*MODULE_SUFFIXES, ".json")]
    candidates += [target / f"index{suffix}" for suffix in MODULE_SUFFIXES]
    return next((candidate for candidate in candidates if candidate.is_file()), None)


class Module:
    """One parsed module: its top-level bindings, evaluated on demand, and its export."""

    def __init__(self, path: Path, loader: Callable[[Path], Any] | None = None) -> None:
        self.path = path
        source = path.read_bytes()
        self.tree = tree_sitter.Parser(_LANGUAGE).parse(source)
        if self.tree.root_node.has_error:
            raise JsSyntaxError(path, _first_error_line(self.tree.root_node))
        self._load = loader or load_module_value
        self._bindings: dict[str, tree_sitter.Node | Any] = {}
        self._values: dict[str, Any] = {}
        self._export: tree_sitter.Node | None = None
        self._named_exports: dict[str, tree_sitter.Node] = {}
        self._scan(self.tree.root_node)

    # --- top-level statements -------------------------------------------------

    def _scan(self, program: tree_sitter.Node) -> None:
        for statement in program.named_children:
            kind = statement.type
            if kind in ("lexical_declaration", "variable_declaration"):
                self._declare(statement)
            elif kind == "import_statement":
                self._import(statement)
            elif kind == "export_statement":
                self._export_statement(statement)
            elif kind == "expression_statement":
                self._assignment(statement.named_children[0] if statement.named_children else None)

    def _declare(self, declaration: tree_sitter.Node, exported: bool = False) -> None:
        for declarator in declaration.named_children:
            if declarator.type != "variable_declarator":
                continue
            name, value = declarator.child_by_field_name("name"), declarator.child_by_field_name("value")
            if name is None or name.type != "identifier":
                continue
            key = _text(name)
            self._bindings[key] = value
            self._values.pop(key, None)
            if exported and value is not None:
                self._named_exports[key] = value

    def _import(self, statement: tree_sitter.Node) -> None:
        source = statement.child_by_field_name("source")
        clause = next((child for child in statement.named_children if child.type == "import_clause"), None)
        if source is None or clause is None:
            return
        specifier = self._string(source)
        for part in clause.named_children:
            if part.type == "identifier":  # import x from '…'
                self._bindings[_text(part)] = ("module", specifier, "default", part)
            elif part.type == "namespace_import":  # import * as x from '…'
                name = next((c for c in part.named_children if c.type == "identifier"), None)
                if name is not None:
                    self._bindings[_text(name)] = ("module", specifier, "*", part)
            elif part.type == "named_imports":  # import {a, b as c} from '…'
                for spec in part.named_children:
                    if spec.type != "import_specifier":
                        continue
                    original = spec.child_by_field_name("name")
                    alias = spec.child_by_field_name("alias") or original
                    if original is not None and alias is not None:
                        self._bindings[_text(alias)] = ("module", specifier, _text(original), spec)

    def _export_statement(self, statement: tree_sitter.Node) -> None:
        declaration = statement.child_by_field_name("declaration")
        if declaration is not None and declaration.type in ("lexical_declaration", "variable_declaration"):
            self._declare(declaration, exported=True)
            return
        value = statement.child_by_field_name("value")
        if value is not None and any(child.type == "default" for child in statement.children):
            self._export = value

    def _assignment(self, expression: tree_sitter.Node | None) -> None:
        if expression is None or expression.type != "assignment_expression":
            return
        left, right = expression.child_by_field_name("left"), expression.child_by_field_name("right")
        if left is not None and right is not None and _text(left) in ("module.exports", "exports.default"):
            self._export = right

    # --- values ---------------------------------------------------------------

    def exported(self) -> Any:
        """The default export (``export default``, ``module.exports =``)."""
        if self._export is None:
            if self._named_exports:
                return {name: self.evaluate(node) for name, node in self._named_exports.items()}
            return Unknown("no default export", str(self.path), 1)
        return self.evaluate(self._export)

    def binding(self, name: str, node: tree_sitter.Node) -> Any:
        if name in self._values:
            return self._values[name]
        if name not in self._bindings:
            return Unknown(f"the name {name}", str(self.path), _line(node))
        bound = self._bindings[name]
        self._values[name] = Unknown(f"the name {name} (defined in terms of itself)", str(self.path), _line(node))
        if isinstance(bound, tuple):
            value = self._imported(*bound)
        elif bound is None:
            value = None
        else:
            value = self.evaluate(bound)
        self._values[name] = value
        return value

    def _imported(self, _kind: str, specifier: str, name: str, node: tree_sitter.Node) -> Any:
        bare = specifier.removeprefix("node:")
        if bare == "path":
            return _Builtin("path") if name in ("*", "default") else _Builtin(f"path.{name}")
        target = resolve_module(self.path, specifier)
        if target is None:
            return Unknown(_missing_module(specifier), str(self.path), _line(node))
        value = self._load(target)
        if name in ("*", "default"):  # what require() gives: the module's export
            return value
        return value.get(name, Unknown(f"{name} from {specifier}", str(self.path), _line(node))) \
            if isinstance(value, dict) else Unknown(f"{name} from {specifier}", str(self.path), _line(node))

    def evaluate(self, node: tree_sitter.Node) -> Any:
        """The value of an expression (an :class:`Unknown` where the code would have to run)."""
        handler = getattr(self, f"_eval_{node.type}", None)
        if handler is None:
            return self._unknown(node)
        return handler(node)

    def _unknown(self, node: tree_sitter.Node, what: str | None = None) -> Unknown:
        if what is None:
            kind = node.type.replace("_", " ")
            is_function = "function" in node.type or node.type == "method_definition"
            what = "a function" if is_function else f"an expression ({kind})"
        return Unknown(what, str(self.path), _line(node))

    def _string(self, node: tree_sitter.Node) -> str:
        parts = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(_text(child))
            elif child.type == "escape_sequence":
                parts.append(_unescape(_text(child)))
        return "".join(parts)

    def _eval_string(self, node: tree_sitter.Node) -> str:
        return self._string(node)

    def _eval_template_string(self, node: tree_sitter.Node) -> Any:
        parts: list[str] = []
        for child in node.named_children:
            if child.type == "string_fragment":
                parts.append(_text(child))
            elif child.type == "escape_sequence":
                parts.append(_unescape(_text(child)))
            elif child.type == "template_substitution":
                value = self.evaluate(child.named_children[0]) if child.named_children else ""
                if isinstance(value, Unknown) or not isinstance(value, (str, int, float)) or isinstance(value, bool):
                    return value if isinstance(value, Unknown) else self._unknown(child)
                parts.append(_js_string(value))
        return "".join(parts)

    def _eval_number(self, node: tree_sitter.Node) -> int | float:
        text = _text(node).replace("_", "")
        try:
            return int(text, 0)
        except ValueError:
            return float(text)

    def _eval_true(self, _node: tree_sitter.Node) -> bool:
        return True

    def _eval_false(self, _node: tree_sitter.Node) -> bool:
        return False

    def _eval_null(self, _node: tree_sitter.Node) -> None:
        return None

    def _eval_undefined(self, _node: tree_sitter.Node) -> None:
        return None

    def _eval_identifier(self, node: tree_sitter.Node) -> Any:
        name = _text(node)
        if name == "__dirname":
            return str(self.path.parent)
        if name == "__filename":
            return str(self.path)
        if name == "undefined":
            return None
        return self.binding(name, node)

    def _eval_parenthesized_expression(self, node: tree_sitter.Node) -> Any:
        return self.evaluate(node.named_children[-1])

    def _eval_satisfies_expression(self, node: tree_sitter.Node) -> Any:
        return self.evaluate(node.named_children[0])

    _eval_as_expression = _eval_satisfies_expression
    _eval_non_null_expression = _eval_satisfies_expression

    def _eval_object(self, node: tree_sitter.Node) -> Any:
        result: dict[str, Any] = {}
        for member in node.named_children:
            if member.type == "pair":
                key_node, value_node = member.child_by_field_name("key"), member.child_by_field_name("value")
                if key_node is None or value_node is None:
                    continue
                key = self._key(key_node)
                if isinstance(key, Unknown):
                    continue
                result[key] = self.evaluate(value_node)
            elif member.type == "shorthand_property_identifier":
                result[_text(member)] = self.binding(_text(member), member)
            elif member.type == "spread_element":
                spread = self.evaluate(member.named_children[0])
                if isinstance(spread, dict):
                    result.update(spread)
                elif spread is not None:
                    return spread if isinstance(spread, Unknown) else self._unknown(member)
            elif member.type == "method_definition":
                name = member.child_by_field_name("name")
                if name is not None:
                    result[_text(name)] = self._unknown(member)
        return result

    def _key(self, node: tree_sitter.Node) -> Any:
        if node.type in ("property_identifier", "identifier"):
            return _text(node)
        if node.type == "string":
            return self._string(node)
        if node.type == "number":
            return _js_string(self._eval_number(node))
        if node.type == "computed_property_name" and node.named_children:
            value = self.evaluate(node.named_children[0])
            return _js_string(value) if isinstance(value, (str, int, float)) else self._unknown(node)
        return self._unknown(node)

    def _eval_array(self, node: tree_sitter.Node) -> Any:
        result: list[Any] = []
        for element in node.named_children:
            if element.type == "spread_element":
                spread = self.evaluate(element.named_children[0])
                if isinstance(spread, list):
                    result.extend(spread)
                else:
                    result.append(spread if isinstance(spread, Unknown) else self._unknown(element))
            elif element.type != "comment":
                result.append(self.evaluate(element))
        return result

    def _eval_member_expression(self, node: tree_sitter.Node) -> Any:
        obj, prop = node.child_by_field_name("object"), node.child_by_field_name("property")
        if obj is None or prop is None:
            return self._unknown(node)
        if obj.type == "identifier" and _text(obj) in ("process", "require", "module", "exports", "import"):
            return self._unknown(node, f"the value {_text(node)}")
        value = self.evaluate(obj)
        name = _text(prop)
        if isinstance(value, _Builtin):
            return _Builtin(f"{value.name}.{name}")
        if isinstance(value, dict):
            return value.get(name, None)
        if isinstance(value, list) and name == "length":
            return len(value)
        return value if isinstance(value, Unknown) else self._unknown(node)

    def _eval_subscript_expression(self, node: tree_sitter.Node) -> Any:
        obj, index = node.child_by_field_name("object"), node.child_by_field_name("index")
        if obj is None or index is None:
            return self._unknown(node)
        value, key = self.evaluate(obj), self.evaluate(index)
        if isinstance(value, dict) and isinstance(key, (str, int, float)):
            return value.get(_js_string(key))
        if isinstance(value, list) and isinstance(key, int) and 0 <= key < len(value):
            return value[key]
        return self._unknown(node)

    def _eval_binary_expression(self, node: tree_sitter.Node) -> Any:
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        operator = node.child_by_field_name("operator")
        if left is None or right is None or operator is None:
            return self._unknown(node)
        op = _text(operator)
        a = self.evaluate(left)
        if op in ("||", "??", "&&"):
            if isinstance(a, Unknown):
                return a
            if op == "||":
                return a if _truthy(a) else self.evaluate(right)
            if op == "??":
                return a if a is not None else self.evaluate(right)
            return self.evaluate(right) if _truthy(a) else a
        b = self.evaluate(right)
        if op == "+" and isinstance(a, (str, int, float)) and isinstance(b, (str, int, float)):
            if isinstance(a, str) or isinstance(b, str):
                return _js_string(a) + _js_string(b)
            return a + b
        return self._unknown(node)

    def _eval_ternary_expression(self, node: tree_sitter.Node) -> Any:
        condition = node.child_by_field_name("condition")
        test = self.evaluate(condition) if condition is not None else None
        if isinstance(test, Unknown) or condition is None:
            return self._unknown(node)
        branch = node.child_by_field_name("consequence" if _truthy(test) else "alternative")
        return self.evaluate(branch) if branch is not None else self._unknown(node)

    def _eval_call_expression(self, node: tree_sitter.Node) -> Any:
        function, arguments = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        if function is None or arguments is None:
            return self._unknown(node)
        args = [child for child in arguments.named_children if child.type != "comment"]
        callee = _text(function)
        if callee in ("require.resolve", "require"):
            specifier = self.evaluate(args[0]) if args else None
            if not isinstance(specifier, str):
                return self._unknown(node)
            target = resolve_module(self.path, specifier)
            if callee == "require.resolve":
                if target is not None:
                    return str(target)
                return str(self.path.parent / specifier) if specifier.startswith(".") else \
                    self._unknown(node, f"the path of the package {specifier}")
            if specifier.removeprefix("node:") == "path":
                return _Builtin("path")
            if target is None:
                return self._unknown(node, _missing_module(specifier))
            return self._load(target)
        resolved = self.evaluate(function) if function.type in ("identifier", "member_expression") else None
        if isinstance(resolved, _Builtin) and resolved.name in ("path.resolve", "path.join"):
            parts = [self.evaluate(arg) for arg in args]
            if all(isinstance(part, str) for part in parts):
                joined = posixpath.join(*parts) if parts else "."
                if resolved.name == "path.resolve" and not joined.startswith("/"):
                    joined = posixpath.join(str(self.path.parent), joined)
                return posixpath.normpath(joined)
        return self._unknown(node, f"a call to {callee[:40]}")


def _missing_module(specifier: str) -> str:
    if specifier.startswith((".", "/")):
        return f"a value from {specifier} (no such file)"
    return f"a value from the package {specifier}"


def _truthy(value: Any) -> bool:
    return value not in (None, False, 0, "")


def _js_string(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _text(node: tree_sitter.Node) -> str:
    return (node.text or b"").decode("utf-8")


def _line(node: tree_sitter.Node) -> int:
    return node.start_point[0] + 1


def _first_error_line(node: tree_sitter.Node) -> int:
    stack = [node]
    while stack:
        current = stack.pop(0)
        if current.type == "ERROR" or current.is_missing:
            return _line(current)
        stack[:0] = [child for child in current.children if child.has_error or child.is_missing]
    return 1


def load_module_value(path: Path) -> Any:
    """The value of a module or JSON file (what ``require(path)`` gives)."""
    if path.suffix == ".json":
        return json.loads(path.read_text(encoding="utf-8"))
    return Module(path, load_module_value).exported()


def unknowns(value: Any, found: list[tuple[str, Unknown]] | None = None, where: str = "") -> list[tuple[str, Unknown]]:
    """Every :class:`Unknown` inside a value, with its key path (``presets[0][1].docs.editUrl``)."""
    found = [] if found is None else found
    if isinstance(value, Unknown):
        found.append((where, value))
    elif isinstance(value, dict):
        for key, item in value.items():
            unknowns(item, found, f"{where}.{key}" if where else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            unknowns(item, found, f"{where}[{index}]")
    return found
