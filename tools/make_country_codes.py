"""Write game/i18n/iso3166_alpha.csv: the ISO 3166-1 alpha-3 code of every country with its alpha-2 code, which
is how CLDR (and so Babel's Locale('fr').territories) keys country names. Scenarios name allies by alpha-3.

Read from the JSON of Debian's iso-codes package, as tools/make_map.py --iso-table reads it (pycountry ships
the same file as databases/iso3166-1.json):

    python tools/make_country_codes.py [/usr/share/iso-codes/json/iso_3166-1.json]
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "game" / "i18n" / "iso3166_alpha.csv"
DEBIAN_ISO = Path("/usr/share/iso-codes/json/iso_3166-1.json")


def main(source: Path = DEBIAN_ISO) -> None:
    rows = json.loads(source.read_text(encoding="utf-8"))["3166-1"]
    with TABLE.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"# ISO 3166-1 alpha-3 and alpha-2 codes, from {source} (Debian package iso-codes, LGPL-2.1+;\n"
                     "# the codes themselves are ISO's). Written by `python tools/make_country_codes.py`.\n")
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(("alpha_3", "alpha_2"))
        for row in sorted(rows, key=lambda r: r["alpha_3"]):
            writer.writerow((row["alpha_3"], row["alpha_2"]))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEBIAN_ISO)
