"""The walls between apps, as an import-linter contract (ADR 0032).

An app's models are its own: another app reads that data through the owner's services,
selectors, contracts, enums and permissions. The contract fails for every import of
`minzheng.<app>.models` (or a module under it) from a module of another app, except:

- the shared kernel, named model by model (`minzheng.core.models.BaseModel`): importing those
  names is fine, importing any other name from the same module is not;
- the exempt importers (tests and migrations), given as module expressions;
- single imports listed in `ignore_imports` (`importer -> imported`), for a wall still being built.

Import-linter sees modules, not names, so the kernel check reads the importing module's source
for the names it takes from the models module. Imports under `if TYPE_CHECKING:` are
annotations, not reads, and are not counted (like `exclude_type_checking_imports`).
"""

import ast
import importlib.util
from dataclasses import dataclass
from pathlib import Path

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.domain import helpers


@dataclass(frozen=True)
class Breach:
    importer: str
    imported: str
    line_numbers: tuple[int, ...]
    names: tuple[str, ...]


class AppWallsContract(Contract):
    type_name = "app_walls"

    root_package = fields.StringField()
    private_module = fields.StringField(required=False, default="models")
    shared_kernel = fields.ListField(subfield=fields.StringField(), required=False, default=[])
    exempt_importers = fields.ListField(
        subfield=fields.ModuleExpressionField(), required=False, default=[]
    )
    ignore_imports = fields.SetField(subfield=fields.StringField(), required=False, default=set())

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        root = str(self.root_package)
        exempt = {
            module.name
            for module in helpers.module_expressions_to_modules(
                graph=graph,
                expressions=self.exempt_importers,  # type: ignore[arg-type]
                as_packages=True,
            )
        }
        kernel = _kernel_names([str(entry) for entry in self.shared_kernel])  # type: ignore[attr-defined]
        ignored = {str(entry).replace(" ", "") for entry in self.ignore_imports}  # type: ignore[attr-defined]
        breaches: list[Breach] = []
        for private in self._private_modules(graph, root):
            owner = ".".join(private.split(".")[:2])
            for importer in sorted(graph.find_modules_that_directly_import(private)):
                if importer == owner or importer.startswith(f"{owner}.") or importer in exempt:
                    continue
                if f"{importer}->{private}" in ignored:
                    continue
                names = _names_imported(importer, private)
                if names and names <= kernel.get(private, set()):
                    continue
                details = graph.get_import_details(importer=importer, imported=private)
                breaches.append(
                    Breach(
                        importer=importer,
                        imported=private,
                        line_numbers=tuple(detail["line_number"] for detail in details),
                        names=tuple(sorted(names - kernel.get(private, set()))),
                    )
                )
        return ContractCheck(kept=not breaches, warnings=[], metadata={"breaches": breaches})

    def _private_modules(self, graph: grimp.ImportGraph, root: str) -> list[str]:
        private_name = str(self.private_module)
        apps = {module.split(".")[1] for module in graph.find_children(root)}
        found: list[str] = []
        for app in sorted(apps):
            top = f"{root}.{app}.{private_name}"
            if top in graph.modules:
                found.append(top)
                found.extend(sorted(graph.find_descendants(top)))
        return found

    def render_broken_contract(self, check: ContractCheck) -> None:
        for breach in check.metadata["breaches"]:
            lines = ", ".join(map(str, breach.line_numbers))
            names = f" ({', '.join(breach.names)})" if breach.names else ""
            output.print_error(f"- {breach.importer} -> {breach.imported}{names} (l.{lines})")
        output.new_line()
        output.print(
            "Read another app's data through its services, selectors, contracts, enums and "
            "permissions (ADR 0032).",
        )


def _kernel_names(entries: list[str]) -> dict[str, set[str]]:
    kernel: dict[str, set[str]] = {}
    for entry in entries:
        module, _, name = entry.rpartition(".")
        kernel.setdefault(module, set()).add(name)
    return kernel


def _source_of(module: str) -> Path:
    top, _, rest = module.partition(".")
    spec = importlib.util.find_spec(top)
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError(top)
    path = Path(spec.origin).parent.joinpath(*rest.split("."))
    package = path / "__init__.py"
    return package if package.exists() else path.with_suffix(".py")


def _names_imported(importer: str, imported: str) -> set[str]:
    """The names `importer` takes from `imported` at run time; `*` for `import a.b.models`."""
    tree = ast.parse(_source_of(importer).read_text(encoding="utf-8"))
    is_package = _source_of(importer).name == "__init__.py"
    names: set[str] = set()
    for node in _runtime_nodes(tree):
        if isinstance(node, ast.ImportFrom):
            module = _absolute(node, importer, is_package)
            if module == imported:
                names.update(alias.name for alias in node.names)
            elif module and any(f"{module}.{alias.name}" == imported for alias in node.names):
                names.add("*")
        elif isinstance(node, ast.Import) and any(
            alias.name == imported or alias.name.startswith(f"{imported}.") for alias in node.names
        ):
            names.add("*")
    return names


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    nodes: list[ast.AST] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            pending.extend(node.orelse)
            continue
        nodes.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return nodes


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str | None:
    if not node.level:
        return node.module
    parts = importer.split(".")
    base = parts if is_package else parts[:-1]
    base = base[: len(base) - node.level + 1]
    return ".".join([*base, node.module] if node.module else base)
