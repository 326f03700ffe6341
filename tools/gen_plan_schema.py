"""Write the plan schema's unit list (ipcheck/plan.schema.json) from the unit data, never by hand.

    python tools/gen_plan_schema.py           # rewrite the file
    python tools/gen_plan_schema.py --check   # exit 1 when the file is out of date

The units are ipcheck/lang/zh/units.yaml as ipcheck.units reads them (by name, plus the full-width ％
the plan loader accepts for %, or a magnitude before a scalable unit). tests/test_plan.py checks the
file equals what this writes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ipcheck.plans.schema import SCHEMA_PATH, scaled_unit_pattern, unit_names  # noqa: E402


def generated() -> str:
    """The schema text with its units generated from the unit data: the units by name, or a magnitude
    before a scalable one (万件)."""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    unit = schema["$defs"]["target"]["properties"]["unit"]
    unit["anyOf"][0]["enum"] = unit_names()
    unit["anyOf"][1]["pattern"] = scaled_unit_pattern()
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    text = generated()
    if "--check" in sys.argv[1:]:
        same = SCHEMA_PATH.read_text(encoding="utf-8") == text
        print("plan.schema.json is up to date" if same else "plan.schema.json is out of date: run tools/gen_plan_schema.py")
        sys.exit(0 if same else 1)
    SCHEMA_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_PATH.relative_to(ROOT)}")
