"""Hostile plugins: one per way a plugin can misbehave (SPEC section 4), for the isolation
tests. Each module is one plugin with its own entry point (`ENTRY_POINTS`), so that the
tests install them the way pip would and find them through `importlib.metadata`.

Every plugin that can also do some good work does (a recommendation whose id ends in
`-kept`, a framework, an exporter), so the tests can check that what came before or beside
the failure is kept.
"""

from __future__ import annotations

from typing import Final

#: Entry-point name -> module, one plugin per failure class.
ENTRY_POINTS: Final = {
    "hostile-raises": "selfreview_hostile.raises",
    "hostile-exits": "selfreview_hostile.exits",
    "hostile-exits-at-import": "selfreview_hostile.exits_at_import",
    "hostile-base-exception": "selfreview_hostile.base_exception",
    "hostile-generator": "selfreview_hostile.half_generator",
    "hostile-constructed": "selfreview_hostile.constructed",
    "hostile-surrogate": "selfreview_hostile.surrogate",
    "hostile-prints": "selfreview_hostile.prints",
    "hostile-misspelt": "selfreview_hostile.misspelt",
    "hostile-wrong-types": "selfreview_hostile.wrong_types",
    "hostile-extension": "selfreview_hostile.extension",
    "hostile-render": "selfreview_hostile.bad_render",
}

#: The plugins whose failure is a problem in every report, and no others:
#: `hostile-generator`'s when frameworks are collected and `hostile-extension`'s when
#: exporters are, which every report does; `hostile-render` fails only when one of its
#: formats is used, and `hostile-prints` is no failure at all.
FAIL_IN_EVERY_REPORT: Final = (
    "hostile-raises",
    "hostile-exits",
    "hostile-exits-at-import",
    "hostile-base-exception",
    "hostile-generator",
    "hostile-constructed",
    "hostile-surrogate",
    "hostile-misspelt",
    "hostile-wrong-types",
    "hostile-extension",
)

#: Printed by `hostile-prints` at import and from its hook: must reach stderr only.
PRINTED: Final = "HOSTILE PRINT: this is not JSON"


def kept(name: str) -> dict[str, object]:
    """A well-formed recommendation (as a mapping) a hostile plugin gives beside its harm."""
    return {
        "id": f"{name}-kept",
        "title": f"Kept from {name}",
        "action": "Nothing: this one is well formed.",
        "targets": ["1a1"],
        "priority": "low",
    }
