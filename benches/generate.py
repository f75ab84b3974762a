"""Deterministic exports for the benchmark: N dossier rows over K communes, in the
provincial style (UTF-8, Vietnamese headers, day-first dates, the SPEC's labels), as
two snapshots per commune (the newer re-exports the older's dossiers with later
statuses), plus the config that points commune-report at them.

    python3 benches/generate.py --rows 4000000 --communes 8 --out /tmp/bench
    python3 benches/generate.py --rows 4000000 --communes 1 --snapshots 1 --out /tmp/one
"""
import argparse
import os
import random
from datetime import date, timedelta

HEADER = "Mã hồ sơ,Tên thủ tục,Lĩnh vực,Hình thức nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái\n"
PROCEDURES = [
    ("Đăng ký khai sinh", "Hộ tịch", 1),
    ("Đăng ký kết hôn", "Hộ tịch", 3),
    ("Chứng thực bản sao từ bản chính giấy tờ, văn bản", "Chứng thực", 1),
    ("Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "Đất đai", 10),
    ("Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh", 3),
    ("Trợ cấp xã hội hằng tháng", "Bảo trợ xã hội", 15),
    ("Cấp giấy phép xây dựng nhà ở riêng lẻ", "Hoạt động xây dựng", 15),
]
CHANNELS = ["Trực tuyến", "Trực tiếp", "Bưu chính công ích"]
START = date(2025, 7, 1)
OLD, NEW = date(2025, 11, 30), date(2025, 12, 15)


def dossier(r, commune, i, snapshot):
    name, field, days = PROCEDURES[i % len(PROCEDURES)]
    received = START + timedelta(days=r.randrange((snapshot - START).days))
    due = received + timedelta(days=days)
    roll = r.random()
    if roll < 0.9 and due <= snapshot + timedelta(days=5):
        done = min(snapshot, received + timedelta(days=r.randrange(days + 3)))
        status, completed = "Đã giải quyết", done.strftime("%d/%m/%Y")
    elif roll < 0.95:
        status, completed = "Đang xử lý", ""
    elif roll < 0.97:
        status, completed = "Tạm dừng", ""
    elif roll < 0.99:
        status, completed = "Trả lại", received.strftime("%d/%m/%Y")
    else:
        status, completed = "Rút hồ sơ", ""
    quoted = f'"{name}"' if "," in name else name
    return (
        f"{commune}-{i:09d},{quoted},{field},{CHANNELS[r.randrange(3)]},"
        f"{received.strftime('%d/%m/%Y')} 08:{r.randrange(60):02d},{due.strftime('%d/%m/%Y')},"
        f"{completed},{status}\n"
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, required=True, help="data rows in all (both snapshots)")
    ap.add_argument("--communes", type=int, default=8)
    ap.add_argument("--out", required=True)
    ap.add_argument("--snapshots", type=int, choices=(1, 2), default=2,
                    help="1: one file per commune holding all its rows")
    a = ap.parse_args()
    # The newer snapshot holds every dossier; the older one a third of them.
    per_commune = a.rows // a.communes
    dossiers = per_commune * 3 // 4 if a.snapshots == 2 else per_commune
    older = per_commune - dossiers
    communes = []
    for k in range(a.communes):
        code = f"82{k:03d}"
        communes.append(code)
        folder = os.path.join(a.out, "exports", code)
        os.makedirs(folder, exist_ok=True)
        for snapshot, count in ((OLD, older), (NEW, dossiers))[2 - a.snapshots:]:
            r = random.Random(f"{code}-{snapshot}")
            with open(os.path.join(folder, f"ho-so_{snapshot}.csv"), "w", encoding="utf-8", newline="") as f:
                f.write(HEADER)
                f.writelines(dossier(r, code, i, snapshot) for i in range(count))
    queries = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "queries")
    with open(os.path.join(a.out, "commune-report.toml"), "w", encoding="utf-8") as f:
        f.write('[report]\ntitle = "Benchmark"\narea = "Đồng Tháp"\nperiod_start = 2025-07-01\n\n')
        f.write(f'[paths]\nqueries = "{os.path.abspath(queries)}"\n\n[quality]\nmax_reject_ratio = 1.0\n')
        for code in communes:
            f.write(f'\n[[communes]]\ncode = "{code}"\nname = "Xã {code}"\ndossiers = ["exports/{code}/*.csv"]\n')


if __name__ == "__main__":
    main()
