"""A small mutation pass: change one operator, constant or branch of a module at a time and
run that module's own tests against each change. A change no test notices (a surviving
mutant) is behaviour the tests do not pin.

Usage (from the repository root, in the project's virtual environment):

    python scripts/mutate.py src/selfreview_core/scoring/profiles.py \\
        tests/scoring/test_profiles.py tests/property/test_scoring.py [--sample 60] [--seed 1]

Pytest's own options go after `--`, which ends this script's options:
`python scripts/mutate.py MODULE -- tests/test_x.py --deselect tests/test_x.py::test_slow`.

`--skip-sample N --skip-seed S` leaves out the mutants an earlier `--sample N --seed S` pass
over the same, unchanged module already tried (the same list, drawn the same way), so a later
pass can finish the module without repeating them.

`--lines 120-168` (given again for more ranges) keeps only the mutants on those lines: a
pass over the lines a change made, where the rest of the module was passed before. The
draws of `--sample` and `--skip-sample` are made from the whole module first, so that they
stay the draws an earlier pass made.

Each mutant of the selection (after `--sample`, `--skip-sample` and `--lines`) has a number,
printed before it runs: `--from 84` runs the selection from mutant 84 on, `--only 3,17,40-45`
just those, so a pass that stopped can be resumed exactly (give the same selection options);
`--list` prints the numbered selection and runs nothing.

It is not part of CI (a pass takes minutes); docs/testing.md says when to run it. The module
is rewritten in place for each mutant and always restored, even on Ctrl-C, `kill` or a closed
terminal (SIGTERM and SIGHUP stop it as Ctrl-C does: a pass started in the background of a
script ignores Ctrl-C, and `kill` used to leave the module mutated); run it in a clean
checkout, not while other work is under way in the same tree. Each mutant's pytest runs in a
session of its own, killed whole when it ends, times out or the pass stops, so that nothing
its tests forked runs on.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import copy
import os
import random
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_BINARY_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.FloorDiv: ast.Mult,
    ast.Div: ast.Mult,
    ast.Mod: ast.FloorDiv,
}


@dataclass(frozen=True, slots=True)
class Mutant:
    """One change: where it is (a node index in walk order; for a comparison, which of its
    operators) and what it does."""

    index: int
    line: int
    description: str
    position: int = 0


def _is_docstring(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    parent = parents.get(id(node))
    return isinstance(parent, ast.Expr) and isinstance(node, ast.Constant)


def _gives_none(node: ast.Return) -> bool:
    """`return` or `return None`: making it give None changes nothing."""
    return node.value is None or (isinstance(node.value, ast.Constant) and node.value.value is None)


def _candidates(tree: ast.Module) -> Iterator[tuple[int, ast.AST, str, int]]:
    """(walk index, node, description, position) of every place a mutant can be made; the
    position tells the operators of one chained comparison (`0 < n < limit`) apart."""
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for index, node in enumerate(ast.walk(tree)):
        if isinstance(node, ast.Compare):
            for position, op in enumerate(node.ops):
                if type(op) in _COMPARE_SWAPS:
                    swapped = _COMPARE_SWAPS[type(op)].__name__
                    yield index, node, f"{type(op).__name__} -> {swapped}", position
        elif isinstance(node, ast.BinOp) and type(node.op) in _BINARY_SWAPS:
            swap = f"{type(node.op).__name__} -> {_BINARY_SWAPS[type(node.op)].__name__}"
            yield index, node, swap, 0
        elif isinstance(node, ast.BoolOp):
            yield index, node, "and <-> or", 0
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield index, node, "drop `not`", 0
        elif isinstance(node, ast.Constant) and not _is_docstring(node, parents):
            if isinstance(node.value, bool):
                yield index, node, f"{node.value} -> {not node.value}", 0
            elif isinstance(node.value, int):
                yield index, node, f"{node.value} -> {node.value + 1}", 0
        elif isinstance(node, ast.If):
            yield index, node, "if-condition -> False", 0
        elif isinstance(node, ast.Return) and not _gives_none(node):
            yield index, node, "return None", 0
        elif isinstance(node, ast.Break):
            yield index, node, "break -> continue", 0


def _apply(tree: ast.Module, index: int, position: int = 0) -> ast.Module:
    """A copy of `tree` with the mutant at walk index `index` (a comparison's operator at
    `position`) applied."""
    mutated = copy.deepcopy(tree)
    node = next(n for i, n in enumerate(ast.walk(mutated)) if i == index)
    if isinstance(node, ast.Compare):
        op = node.ops[position]
        node.ops[position] = _COMPARE_SWAPS[type(op)]()
    elif isinstance(node, ast.BinOp):
        node.op = _BINARY_SWAPS[type(node.op)]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        parent_fix = node.operand
        node.op = ast.UAdd()  # `+x` keeps the tree valid; a bool operand becomes an int
        node.operand = ast.Call(ast.Name("bool", ast.Load()), [parent_fix], [])
    elif isinstance(node, ast.Constant):
        value = node.value
        node.value = (
            (not value)
            if isinstance(value, bool)
            else value + 1
            if isinstance(value, int)
            else value
        )
    elif isinstance(node, ast.If):
        node.test = ast.Constant(False)
    elif isinstance(node, ast.Return):
        node.value = None
    elif isinstance(node, ast.Break):
        mutated_node = ast.Continue()
        ast.copy_location(mutated_node, node)
        _replace(mutated, node, mutated_node)
    return ast.fix_missing_locations(mutated)


def _replace(tree: ast.AST, old: ast.AST, new: ast.AST) -> None:
    for parent in ast.walk(tree):
        for field, value in ast.iter_fields(parent):
            if isinstance(value, list) and old in value:
                value[value.index(old)] = new
                return
            if value is old:
                setattr(parent, field, new)
                return


#: Devices the tests of a mutant of the program's file writing could replace, run as root
#: (round 63: a pass over `atomic.py`, its check for a device dropped, renamed a report over
#: `-o /dev/null`, a regular file then for every program on the machine).
DEVICES = ("/dev/null",)


def devices_broken() -> list[str]:
    """The devices of `DEVICES` that are character devices no more."""
    broken = []
    for device in DEVICES:
        try:
            if not stat.S_ISCHR(os.stat(device).st_mode):
                broken.append(device)
        except OSError:
            broken.append(device)
    return broken


def _say_broken(broken: list[str], what: str) -> None:
    print(
        f"{', '.join(broken)} {what} no longer a device: the pass stops. Put it back (as "
        "root: `mknod -m 666 /dev/null.new c 1 3 && mv -f /dev/null.new /dev/null`), and "
        "leave the tests that write to it out of this module's set.",
        file=sys.stderr,
    )


def _end_group(group: int) -> None:
    """Kill every process left in the session `group` leads (pytest, and what it forked)."""
    with contextlib.suppress(ProcessLookupError):  # none left: gone with its last process
        os.killpg(group, signal.SIGKILL)


#: The stopping signals a mutant's tests start with at their defaults (`_as_in_a_terminal`).
_STOPPING = ("SIGINT", "SIGHUP", "SIGTERM", "SIGQUIT")


def _as_in_a_terminal() -> None:
    """In pytest's process, before it starts: the stopping signals at their defaults, as a
    terminal starts a command. A pass started with `nohup` or `&` from a script has Ctrl-C
    and a hangup ignored, which every process after it inherits: Python then installs no
    KeyboardInterrupt, a worker forked from pytest ignores a hangup without being told to,
    and the tests of what a program does on those signals pass on any mutant (round 65:
    `parallel.py`'s ignoring of a hangup in its workers survived under `nohup`)."""
    for name in _STOPPING:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_DFL)


def _run_tests(tests: list[str], timeout: float) -> bool:
    """True when the tests pass (the mutant survived).

    Pytest runs in a session of its own, and whatever is left in it is killed once it is
    done, timed out or the pass is stopped: killing pytest alone left the processes it forked
    (the batch's workers, a CLI test's subprocess) running on, orphaned, after a mutant that
    hung them (round 64), loading a machine the next mutants share."""
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    env = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "ci")}
    process = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,
        preexec_fn=_as_in_a_terminal,
    )
    try:
        returncode = process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return False  # a mutant that hangs the tests is noticed
    finally:  # also on Ctrl-C, SIGTERM or SIGHUP of this script (they raise KeyboardInterrupt)
        _end_group(process.pid)
        process.wait()
    return returncode == 0


def _write(module: Path, source: bytes) -> None:
    """`source` as `module`'s, its cached bytecode removed. Python takes a cached file
    whose source has the size and the modification second it recorded: a mutant as long as
    the one before it, written within the same second, ran as that one (and the module
    restored within a second of a mutant as long as itself would have run as the mutant
    after the pass)."""
    module.write_bytes(source)
    for cached in module.parent.glob(f"__pycache__/{module.stem}.*.pyc"):
        cached.unlink(missing_ok=True)


def _without_tried(mutants: list[Mutant], sample: int, seed: int) -> list[Mutant]:
    """`mutants` less those an earlier `--sample sample --seed seed` pass drew: the same draw
    from the same full list, which is why the module must not have changed since."""
    if not sample:
        return mutants
    tried = set(random.Random(seed).sample(mutants, min(sample, len(mutants))))
    return [mutant for mutant in mutants if mutant not in tried]


def _line_range(text: str) -> tuple[int, int]:
    """`FIRST-LAST` (or one line) as a pair, for `--lines`; argparse tells a bad one."""
    first, _, last = text.partition("-")
    try:
        pair = int(first), int(last or first)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a line range: {text!r} (write FIRST-LAST)") from None
    if not 1 <= pair[0] <= pair[1]:
        raise argparse.ArgumentTypeError(f"not a line range: {text!r} (FIRST <= LAST, from 1)")
    return pair


def _on_lines(mutants: list[Mutant], ranges: list[tuple[int, int]]) -> list[Mutant]:
    """The mutants on any of `ranges` (all of them when none is given)."""
    if not ranges:
        return mutants
    return [m for m in mutants if any(first <= m.line <= last for first, last in ranges)]


def _numbers(text: str) -> frozenset[int]:
    """`3,17,40-45` as a set of mutant numbers, for `--only`; argparse tells a bad one."""
    numbers: set[int] = set()
    try:
        for part in text.split(","):
            first, _, last = part.partition("-")
            numbers.update(range(int(first), int(last or first) + 1))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not mutant numbers: {text!r} (write N,M-P,...)"
        ) from None
    if not numbers:
        raise argparse.ArgumentTypeError(f"not mutant numbers: {text!r} (a range backwards)")
    if min(numbers) < 1:
        raise argparse.ArgumentTypeError(f"not mutant numbers: {text!r} (they count from 1)")
    return frozenset(numbers)


def _part(mutants: list[Mutant], first: int, only: frozenset[int]) -> list[tuple[int, Mutant]]:
    """The selection numbered from 1, then those from number `first` on, and of them only
    the numbers in `only` (all when empty): a pass resumed keeps the numbers it had."""
    numbered = list(enumerate(mutants, start=1))
    return [(n, m) for n, m in numbered if n >= first and (not only or n in only)]


def _interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _stop_as_ctrl_c() -> None:
    """SIGTERM and SIGHUP raise Ctrl-C's `KeyboardInterrupt`, so that the `finally` that
    restores the module runs (Python would otherwise end at once), unless ignored."""
    for name in ("SIGTERM", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _interrupt)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", type=Path, help="The module to mutate.")
    parser.add_argument("tests", nargs="+", help="The module's own tests (pytest arguments).")
    parser.add_argument("--sample", type=int, default=0, help="Try this many mutants (0: all).")
    parser.add_argument("--seed", type=int, default=1, help="Seed for --sample.")
    parser.add_argument(
        "--skip-sample", type=int, default=0, help="Leave out an earlier --sample of this size."
    )
    parser.add_argument("--skip-seed", type=int, default=1, help="That earlier pass's --seed.")
    parser.add_argument(
        "--lines",
        type=_line_range,
        action="append",
        default=[],
        help="Only the mutants on these lines, FIRST-LAST (again for more ranges).",
    )
    parser.add_argument(
        "--from", dest="first", type=int, default=1, help="Run from this mutant number on."
    )
    parser.add_argument(
        "--only", type=_numbers, default=frozenset(), help="Run only these numbers, N,M-P,..."
    )
    parser.add_argument(
        "--list", action="store_true", help="Print the numbered selection; run nothing."
    )
    args = parser.parse_args(argv)

    source = args.module.read_text(encoding="utf-8")
    tree = ast.parse(source)
    mutants = [Mutant(i, getattr(n, "lineno", 0), d, p) for i, n, d, p in _candidates(tree)]
    mutants = _without_tried(mutants, args.skip_sample, args.skip_seed)
    if args.sample and args.sample < len(mutants):
        mutants = sorted(
            random.Random(args.seed).sample(mutants, args.sample), key=lambda m: m.index
        )
    mutants = _on_lines(mutants, args.lines)
    if not mutants:
        print("no mutant on the lines given", file=sys.stderr)
        return 2
    part = _part(mutants, args.first, args.only)
    if args.list:
        for number, mutant in part:
            print(f"[{number}/{len(mutants)}] line {mutant.line}: {mutant.description}")
        return 0
    if not part:
        print(f"no mutant of the {len(mutants)} selected has those numbers", file=sys.stderr)
        return 2

    if broken := devices_broken():
        _say_broken(broken, "is")
        return 2
    started = time.monotonic()
    if not _run_tests(args.tests, timeout=3600):
        print("the tests fail on the unchanged module: fix them first", file=sys.stderr)
        return 2
    timeout = max(30.0, 5 * (time.monotonic() - started))

    backup = args.module.with_suffix(".py.mutate-backup")
    shutil.copyfile(args.module, backup)
    _stop_as_ctrl_c()
    survivors: list[tuple[int, Mutant]] = []
    try:
        for number, mutant in part:
            # the number shows before the mutant runs: a pass stopped part way can be
            # resumed with `--from` at the one it was running
            where = f"[{number}/{len(mutants)}] line {mutant.line}: {mutant.description}"
            print(f"{where}: ", end="", flush=True)  # a log file shows it too
            mutated = _apply(tree, mutant.index, mutant.position)
            _write(args.module, ast.unparse(mutated).encode("utf-8"))
            survived = _run_tests(args.tests, timeout)
            print("SURVIVED" if survived else "killed", flush=True)
            if survived:
                survivors.append((number, mutant))
            if broken := devices_broken():
                _say_broken(broken, f"was replaced by mutant {number}:")
                return 3
    finally:
        _write(args.module, backup.read_bytes())
        backup.unlink()
    killed = len(part) - len(survivors)
    print(f"\n{killed} of {len(part)} mutants killed ({killed / max(len(part), 1):.0%}).")
    for number, mutant in survivors:
        print(f"  survived: [{number}] {args.module}:{mutant.line}: {mutant.description}")
    return 0 if not survivors else 1


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except KeyboardInterrupt:
        print("\nstopped: the module is as it was", file=sys.stderr)
        raise SystemExit(130) from None
