"""The walls contract (ADR 0032) finds an app reading another app's models, and nothing else."""

import grimp

from minzheng.core.import_walls import AppWallsContract


def _contract(**options: object) -> AppWallsContract:
    defaults: dict[str, object] = {
        "root_package": "minzheng",
        "shared_kernel": ["minzheng.accounts.models.User"],
        "exempt_importers": ["minzheng.*.tests"],
    }
    return AppWallsContract(
        name="walls", session_options={}, contract_options={**defaults, **options}
    )


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for module in (
        "minzheng",
        "minzheng.accounts",
        "minzheng.accounts.models",
        "minzheng.registry",
        "minzheng.registry.models",
        "minzheng.registry.selectors",
        "minzheng.cases",
        "minzheng.cases.services",
        "minzheng.cases.services.intake",
        "minzheng.cases.tests",
        "minzheng.cases.tests.helpers",
    ):
        graph.add_module(module)
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="")
    return graph


def test_another_apps_models_break_the_contract():
    check = _contract().check(
        _graph(("minzheng.cases.services.intake", "minzheng.registry.models")), verbose=False
    )

    assert not check.kept
    [breach] = check.metadata["breaches"]
    assert (breach.importer, breach.imported) == (
        "minzheng.cases.services.intake",
        "minzheng.registry.models",
    )


def test_the_owner_its_tests_its_selectors_and_the_kernel_keep_it():
    # intake.py takes only User from accounts.models (read from its source): the kernel.
    graph = _graph(
        ("minzheng.registry.selectors", "minzheng.registry.models"),
        ("minzheng.cases.tests.helpers", "minzheng.registry.models"),
        ("minzheng.cases.services.intake", "minzheng.accounts.models"),
    )

    assert _contract().check(graph, verbose=False).kept


def test_a_kernel_module_gives_only_its_named_models():
    graph = _graph(("minzheng.cases.services.intake", "minzheng.accounts.models"))

    assert not _contract(shared_kernel=[]).check(graph, verbose=False).kept


def test_an_ignored_import_is_allowed_until_it_goes():
    graph = _graph(("minzheng.cases.services.intake", "minzheng.registry.models"))
    contract = _contract(
        ignore_imports=["minzheng.cases.services.intake -> minzheng.registry.models"]
    )

    assert contract.check(graph, verbose=False).kept
