"""The strings the code hands to a gettext-family function, found by what each call resolves to.

Extraction (pybabel) knows functions only by the names it is told; this reads each module's
imports instead, so a string reaches the tests whatever name its call uses: `gettext as
translate`, `flask_babel.gettext`, `t = gettext`, or a helper that passes its own parameter on
(`def plural(singular, plural_text): return ngettext(singular, plural_text, …)`).
"""

import ast
from dataclasses import dataclass, field
from pathlib import Path

# Where the message ids sit among each gettext-family function's arguments (0-based).
GETTEXT_FUNCTIONS = {
    "gettext": (0,),
    "lazy_gettext": (0,),
    "ngettext": (0, 1),
    "lazy_ngettext": (0, 1),
    "pgettext": (1,),
    "lazy_pgettext": (1,),
    "npgettext": (1, 2),
    "lazy_npgettext": (1, 2),
}
GETTEXT_MODULES = ("flask_babel", "gettext", "babel.support")


@dataclass(frozen=True)
class MarkedString:
    message: str
    path: Path
    line: int
    called_as: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.called_as}({self.message!r})"


@dataclass
class Module:
    """One parsed module and the names in it that translate (name → message positions)."""

    name: str
    path: Path
    tree: ast.Module
    translators: dict[str, tuple[int, ...]] = field(default_factory=dict)
    gettext_modules: set[str] = field(default_factory=set)


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def parse_package(package: Path) -> dict[str, Module]:
    modules = {}
    for path in sorted(package.rglob("*.py")):
        name = module_name(package, path)
        modules[name] = Module(name, path, ast.parse(path.read_text(encoding="utf-8"), str(path)))
    return modules


def note_gettext_imports(module: Module) -> None:
    """`from flask_babel import gettext as X`, `import flask_babel as fb`."""
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom) and node.module in GETTEXT_MODULES:
            for alias in node.names:
                if alias.name in GETTEXT_FUNCTIONS:
                    module.translators[alias.asname or alias.name] = GETTEXT_FUNCTIONS[alias.name]
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in GETTEXT_MODULES:
                    module.gettext_modules.add(alias.asname or alias.name)


def positions_of_call(module: Module, call: ast.Call) -> tuple[int, ...] | None:
    """The message positions of what this call calls, if it translates."""
    callee = call.func
    if isinstance(callee, ast.Name):
        return module.translators.get(callee.id)
    if (
        isinstance(callee, ast.Attribute)
        and isinstance(callee.value, ast.Name)
        and callee.value.id in module.gettext_modules
    ):
        return GETTEXT_FUNCTIONS.get(callee.attr)
    return None


def called_as(call: ast.Call) -> str:
    return ast.unparse(call.func)


def wrapper_positions(module: Module, function: ast.FunctionDef) -> tuple[int, ...]:
    """The parameters a function hands on as message ids, by position (a helper like `plural`)."""
    parameters = [argument.arg for argument in function.args.args]
    handed_on = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call):
            continue
        for position in positions_of_call(module, node) or ():
            if position < len(node.args):
                argument = node.args[position]
                if isinstance(argument, ast.Name) and argument.id in parameters:
                    handed_on.add(parameters.index(argument.id))
    return tuple(sorted(handed_on))


def note_local_translators(module: Module) -> bool:
    """Helpers and plain aliases (`t = gettext`) defined in the module; True if any was new."""
    found = False
    for node in module.tree.body:
        positions: tuple[int, ...] | None = None
        if isinstance(node, ast.FunctionDef):
            name, positions = node.name, wrapper_positions(module, node) or None
        elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Name | ast.Attribute):
            probe = ast.Call(func=node.value, args=[], keywords=[])
            positions = positions_of_call(module, probe)
            targets = [t.id for t in node.targets if isinstance(t, ast.Name)]
            name = targets[0] if targets else ""
        if positions and name and module.translators.get(name) != positions:
            module.translators[name] = positions
            found = True
    return found


def note_imported_translators(module: Module, modules: dict[str, Module]) -> bool:
    """`from workshop.web.live_strings import plural`; True if any was new."""
    found = False
    for node in ast.walk(module.tree):
        if not isinstance(node, ast.ImportFrom) or node.module not in modules:
            continue
        source = modules[node.module]
        for alias in node.names:
            positions = source.translators.get(alias.name)
            local = alias.asname or alias.name
            if positions and module.translators.get(local) != positions:
                module.translators[local] = positions
                found = True
    return found


def resolve_translators(modules: dict[str, Module]) -> None:
    for module in modules.values():
        note_gettext_imports(module)
    changed = True
    while changed:  # helpers of helpers, across modules
        changed = False
        for module in modules.values():
            changed |= note_local_translators(module)
            changed |= note_imported_translators(module, modules)


def marked_strings(package: Path) -> list[MarkedString]:
    """Every literal message id the package passes to anything that translates."""
    modules = parse_package(package)
    resolve_translators(modules)
    found = []
    for module in modules.values():
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Call):
                continue
            message = message_id(node, positions_of_call(module, node))
            if message is not None:
                found.append(MarkedString(message, module.path, node.lineno, called_as(node)))
    return found


def message_id(call: ast.Call, positions: tuple[int, ...] | None) -> str | None:
    """The catalog key a call looks up: its first message argument (the singular), if literal."""
    if not positions or positions[0] >= len(call.args):
        return None
    argument = call.args[positions[0]]
    if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
        return argument.value
    return None
