"""Sven's member: know the others' red lines.

Before I move, I go through everything my observation holds, attribute by attribute (`__dict__`,
`__slots__`, the cells of any function it carries, the object behind any bound method, every mapping and
sequence inside), looking for another leader's red lines. If I find any, I tell the table in a statement
what I found; either way I then play the built-in member.
"""
# BROKEN ON PURPOSE (tournament test fixture): tries to read other leaders' private red lines through the
# observation's internals. It returns a legal move afterwards, so the only failure is a leak: a statement
# starting "Found another leader's red lines at" names where it found them. docs/agents.md promises that
# nothing reachable from an observation leads to another leader's positions, so that statement should never
# be made. (It does not import gc or walk module globals: that is the whole interpreter, not the observation.)

from __future__ import annotations

import types

from game.agents.member import MemberAgent
from game.engine import Statement

SUSPECT_NAMES = ("red_line", "red_lines", "positions", "preferences")   # attribute or key names


class Snooper(MemberAgent):
    name = "sven_snooper"
    description = "Walks the observation's internals looking for others' red lines, then plays the built-in member."
    roles = ("member",)

    def consult(self, observation, rng):
        if observation.round == 1 and observation.legal.get("statement") is None:
            found = self._snoop(observation)
            if found:
                return Statement(self.leader_id, "Found another leader's red lines at " + "; ".join(found[:3])[:400])
        return super().consult(observation, rng)

    def _snoop(self, observation) -> list[str]:
        """Paths from the observation to anything that looks like someone else's positions."""
        own = [observation.red_line, observation.ideal, observation.weight]
        others = {leader.id for leader in observation.leaders} - {self.leader_id}
        found, seen, queue = [], {id(observation)}, [("observation", observation)]
        while queue and len(seen) < 50_000:
            path, thing = queue.pop(0)
            for name, child in self._children(thing):
                child_path = f"{path}.{name}"
                if id(child) in seen or isinstance(child, (types.ModuleType, type)):
                    continue
                seen.add(id(child))
                if (str(name).strip("[]'") in SUSPECT_NAMES and _filled_in(child)
                        and not any(_same(child, mine) for mine in own) and not callable(child)):
                    found.append(child_path)
                if isinstance(child, dict) and others & set(map(str, child)) and any(
                        isinstance(value, dict) and ("red_line" in value or "ideal" in value) for value in child.values()):
                    found.append(child_path)
                queue.append((child_path, child))
        return found

    @staticmethod
    def _children(thing):
        if isinstance(thing, (str, bytes, int, float, complex, bool)) or thing is None:
            return []
        children = []
        if isinstance(thing, dict) or hasattr(thing, "items") and callable(thing.items):
            try:
                children += [(f"[{key!r}]", value) for key, value in thing.items()]
            except Exception:
                pass
        elif isinstance(thing, (list, tuple, set, frozenset)):
            children += [(f"[{index}]", value) for index, value in enumerate(thing)]
        if isinstance(thing, types.MethodType):
            children += [("__self__", thing.__self__), ("__func__", thing.__func__)]
        if isinstance(thing, types.FunctionType):
            children += [(f"__closure__[{index}]", cell.cell_contents) for index, cell in enumerate(thing.__closure__ or ())
                         if _filled(cell)]
            children += [("__defaults__", thing.__defaults__), ("__kwdefaults__", thing.__kwdefaults__)]
        if isinstance(thing, types.BuiltinMethodType) and getattr(thing, "__self__", None) is not None:
            children.append(("__self__", thing.__self__))
        if isinstance(thing, __import__("functools").partial):
            children += [("func", thing.func), ("args", thing.args), ("keywords", thing.keywords)]
        try:
            children += list(vars(thing).items())
        except TypeError:
            pass
        for klass in type(thing).__mro__:
            for slot in getattr(klass, "__slots__", ()):
                if isinstance(slot, str) and hasattr(thing, slot):
                    children.append((slot, getattr(thing, slot)))
        for field in getattr(thing, "__dataclass_fields__", {}):
            if hasattr(thing, field):
                children.append((field, getattr(thing, field)))
        for name in dir(type(thing)):   # properties and other public attributes
            if not name.startswith("__") and isinstance(getattr(type(thing), name, None), property):
                try:
                    children.append((name, getattr(thing, name)))
                except Exception:
                    pass
        return children


def _same(child, mine) -> bool:
    """Whether `child` is my own positions (the same object, or an equal dict)."""
    return child is mine or (isinstance(child, dict) and isinstance(mine, dict) and child == mine)


def _filled_in(thing) -> bool:
    """Whether `thing` holds anything (an empty dict of positions is a redacted copy, not a leak)."""
    if thing is None:
        return False
    try:
        return len(thing) > 0
    except TypeError:
        return True


def _filled(cell) -> bool:
    try:
        cell.cell_contents
    except ValueError:
        return False
    return True
