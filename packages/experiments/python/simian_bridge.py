"""Simian's Python bridge: runs Chaos Toolkit activities Simian does not implement, in this
process, through chaoslib's own activity runner (``chaoslib.activity.run_activity``), so a
function behaves exactly as under ``chaos run``: the same argument substitution, the same
``configuration`` and ``secrets`` passing, the same ``ActivityFailed`` wrapping.

Protocol: one JSON object per line on stdin, one answer per line on stdout (each with the
request's ``id``). Requests run in threads, so a background activity does not hold the others
up. Logs go to stderr. The process lives as long as the experiment: threads an activity leaves
running (a load generator) go on until they end or stdin closes.

  {"id": 1, "op": "run", "activity": {...}, "configuration": {...}, "secrets": {...}}
    -> {"id": 1, "output": ...} | {"id": 1, "error": "ActivityFailed: ..."}
  {"id": 2, "op": "check", "activities": [{"module": ..., "func": ..., "arguments": {...}}]}
    -> {"id": 2, "problems": [null | "why", ...]}
"""
import inspect
import importlib
import json
import logging
import sys
import threading
import traceback

logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
_write = threading.Lock()


def answer(message):
    text = json.dumps(message, default=str)
    with _write:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()


def run(request):
    from chaoslib.activity import run_activity

    try:
        output = run_activity(
            request["activity"], request.get("configuration") or {}, request.get("secrets") or {}
        )
        answer({"id": request["id"], "output": output})
    except Exception as x:  # noqa: BLE001 - every failure is the activity's
        answer({"id": request["id"], "error": "".join(traceback.format_exception_only(type(x), x)).strip()})


def check(request):
    problems = []
    for a in request.get("activities", []):
        try:
            mod = importlib.import_module(a["module"])
        except Exception as x:  # noqa: BLE001
            problems.append(f"cannot import module {a['module']}: {x}")
            continue
        func = getattr(mod, a["func"], None)
        if func is None:
            problems.append(f"module {a['module']} has no function {a['func']}")
            continue
        args = dict(a.get("arguments") or {})
        params = inspect.signature(func).parameters
        for injected in ("configuration", "secrets"):
            if injected in params:
                args.setdefault(injected, None)
        try:
            inspect.signature(func).bind(**args)
            problems.append(None)
        except TypeError as x:
            problems.append(f"arguments do not fit {a['module']}.{a['func']}: {x}")
    answer({"id": request["id"], "problems": problems})


def main():
    threads = []
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        request = json.loads(line)
        target = run if request.get("op") == "run" else check
        t = threading.Thread(target=target, args=(request,), daemon=True)
        t.start()
        threads.append(t)
    for t in threads:
        t.join()


if __name__ == "__main__":
    main()
