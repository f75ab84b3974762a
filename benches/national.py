"""A national year of dossiers for the national-scale benchmark (benches/national.sh):
every commune and ward of the official list (data/reference/, 3,321 units), each with a
size drawn from a log-normal spread (a few hundred to 20 thousand dossiers at 16M rows
in all, wards larger than communes), written twice from the same rows:

- `xa/<code>/ho-so_2025-12-31.csv`, one export per commune, and
- `tinh/<province>/ho-so_2025-12-31.csv`, one province-wide export per province whose
  «Đơn vị» column names each row's commune (its official name),

with `per-commune.toml` and `per-province.toml` (34 `[[sources]]`) reading them. The
report groups communes by province (`[report] group_by = "province"`).

    python3 benches/national.py --rows 16000000 --out /tmp/national
"""
import argparse
import math
import os
import random
import sys
import unicodedata
from datetime import date

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import generate  # noqa: E402  (the same rows as the other benchmarks)

# A national year: dossiers received from the first of January.
generate.START = date(2025, 1, 1)

HERE = os.path.dirname(os.path.abspath(__file__))
UNITS = os.path.join(HERE, "..", "data", "reference", "vn_units_2026-07-25.tsv")
HEADER = "Đơn vị,Mã hồ sơ,Tên thủ tục,Lĩnh vực,Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n"
SNAPSHOT = date(2025, 12, 31)
SMALLEST, LARGEST = 300, 20000


def units():
    with open(UNITS, encoding="utf-8") as f:
        next(f)
        return [line.rstrip("\n").split("\t") for line in f if line.strip()]


def sizes(units, rows):
    """Dossiers per unit, summing to `rows`: log-normal weights clipped to
    SMALLEST..LARGEST at 16M rows, scaled linearly to other totals."""
    r = random.Random("national-sizes")
    weights = []
    for _, name, _ in units:
        mu = math.log(4000 if name.startswith("Phường") else 3000)
        weights.append(min(LARGEST, max(SMALLEST, r.lognormvariate(mu, 0.8))))
    scale = rows / sum(weights)
    out = [max(1, int(w * scale)) for w in weights]
    out[0] += rows - sum(out)
    return out


def slug(province):
    """ASCII id of a province: «Tỉnh Đồng Tháp» -> tinh-dong-thap."""
    plain = unicodedata.normalize("NFD", province.lower().replace("đ", "d"))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in plain).split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    all_units = units()
    counts = sizes(all_units, a.rows)
    provinces = {}
    for unit, count in zip(all_units, counts):
        provinces.setdefault(unit[2], []).append((unit, count))
    for province, members in provinces.items():
        folder = os.path.join(a.out, "tinh", slug(province))
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"ho-so_{SNAPSHOT}.csv"), "w", encoding="utf-8", newline="") as shared:
            shared.write(HEADER)
            for (code, name, _), count in members:
                r = random.Random(f"national-{code}")
                quoted = f'"{name}"' if "," in name else name
                lines = [quoted + "," + generate.dossier(r, code, i, SNAPSHOT) for i in range(count)]
                own = os.path.join(a.out, "xa", code)
                os.makedirs(own, exist_ok=True)
                with open(os.path.join(own, f"ho-so_{SNAPSHOT}.csv"), "w", encoding="utf-8", newline="") as f:
                    f.write(HEADER)
                    f.writelines(lines)
                shared.writelines(lines)
    queries = os.path.abspath(os.path.join(HERE, "..", "queries"))
    head = (
        '[report]\ntitle = "Kết quả giải quyết hồ sơ toàn quốc"\narea = "Toàn quốc"\n'
        'period_start = 2025-01-01\nas_of = 2025-12-31\ngroup_by = "province"\n\n'
        f'[paths]\nqueries = "{queries}"\n\n[quality]\nmax_reject_ratio = 1.0\n'
    )
    for layout in ("per-commune", "per-province"):
        with open(os.path.join(a.out, f"{layout}.toml"), "w", encoding="utf-8") as f:
            f.write(head.replace('[paths]\n', f'[paths]\nwarehouse = "warehouse-{layout}"\nreports = "reports-{layout}"\n'))
            for code, name, _ in all_units:
                globs = f'\ndossiers = ["xa/{code}/*.csv"]' if layout == "per-commune" else ""
                f.write(f'\n[[communes]]\ncode = "{code}"\nname = "{name}"{globs}\n')
            if layout == "per-province":
                for province in provinces:
                    f.write(
                        f'\n[[sources]]\nid = "{slug(province)}"\nname = "Một cửa {province}"\n'
                        f'commune_column = "Đơn vị"\nprovince = "{province}"\n'
                        f'dossiers = ["tinh/{slug(province)}/*.csv"]\n'
                    )


if __name__ == "__main__":
    main()
