#!/usr/bin/env python3
"""Deterministic sample exports for commune-report.

Rewrites everything under data/exports/: the dossier exports of the four communes of the
Tân Phước area in four different export styles (A-D, see README.md), the procedures list of
Tân Phước 2 and the figures files the communes report themselves. The numbers reproduce the
news article the project is built around (figures from 01/07/2025 to 15/12/2025). Each commune
also gets an export of the same months of 2024 (received 01/07/2024 - 15/12/2024, exported on
15/01/2025 when every one of them was settled), so the report can compare with "cùng kỳ năm 2024".

Standard library only; every random draw comes from a random.Random with a fixed seed, so two
runs write byte-identical files. At the end the script reads back what it wrote, prints a
summary per commune and asserts the published figures, so a change that drifts fails loudly.

    python3 data/generate.py
"""
from __future__ import annotations

import csv
import io
import os
import random
import shutil
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "exports")
PERIOD_START, AS_OF = date(2025, 7, 1), date(2025, 12, 15)
TP3_OLD_SNAPSHOT = date(2025, 11, 30)
# The same months of 2024, exported on 15/01/2025: by then every 2024 dossier is settled.
PERIOD_START_2024, AS_OF_2024, SNAPSHOT_2024 = date(2024, 7, 1), date(2024, 12, 15), date(2025, 1, 15)
# National Day 2025 (30/8-2/9): 30-31/8 are a weekend anyway. Due dates skip these.
HOLIDAYS_2025 = {date(2025, 9, 1), date(2025, 9, 2)}
# For the 2024 dossiers: National Day 2024 (31/8-3/9, so Mon 2/9 and Tue 3/9), New Year 2025 (Wed 1/1)
# and the weekdays of the Tết 2025 break (25/1-2/2/2025), which the longest due dates reach.
HOLIDAYS_2024 = {date(2024, 9, 2), date(2024, 9, 3), date(2025, 1, 1)} | \
    {date(2025, 1, d) for d in (27, 28, 29, 30, 31)}
HOLIDAYS = HOLIDAYS_2025 | HOLIDAYS_2024  # disjoint periods: no 2025 date is touched by the 2024 ones

# ----------------------------------------------------------------------------------------------
# Real commune-level procedures (codes as on the national procedure database where known,
# otherwise plausible), with a processing time in working days and a relative volume.
# ----------------------------------------------------------------------------------------------
HOTICH, CHUNGTHUC, DATDAI = "Hộ tịch", "Chứng thực", "Đất đai"
BTXH, NCC, HKD = "Bảo trợ xã hội", "Người có công", "Thành lập và hoạt động của hộ kinh doanh"
XAYDUNG, CONNUOI = "Hoạt động xây dựng", "Nuôi con nuôi"
GIAODUC = "Giáo dục và Đào tạo thuộc hệ thống giáo dục quốc dân"
VANHOA, MOITRUONG, THIDUA = "Văn hóa cơ sở", "Môi trường", "Thi đua - khen thưởng"
TONGIAO, TRONGTROT = "Tôn giáo Chính phủ", "Trồng trọt"
FULL, PART = "Toàn trình", "Một phần"  # dịch vụ công trực tuyến toàn trình / một phần
LIEN_THONG = "Đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi"

CORE = [  # (code, field, working days, online level, volume weight within its field, name)
    ("1.001193", HOTICH, 1, FULL, 60, "Đăng ký khai sinh"),
    ("2.000986", HOTICH, 5, FULL, 35, LIEN_THONG),
    ("1.000894", HOTICH, 3, PART, 22, "Đăng ký kết hôn"),
    ("1.000656", HOTICH, 1, FULL, 12, "Đăng ký khai tử"),
    ("2.000987", HOTICH, 5, FULL, 8, "Đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, "
                                     "trợ cấp mai táng, hỗ trợ chi phí mai táng"),
    ("2.000635", HOTICH, 1, FULL, 70, "Cấp bản sao trích lục hộ tịch"),
    ("1.004873", HOTICH, 3, FULL, 40, "Cấp Giấy xác nhận tình trạng hôn nhân"),
    ("1.004859", HOTICH, 3, PART, 14, "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch"),
    ("1.004884", HOTICH, 5, PART, 6, "Đăng ký lại khai sinh"),
    ("1.001022", HOTICH, 3, PART, 3, "Đăng ký nhận cha, mẹ, con"),
    ("1.000689", HOTICH, 3, PART, 3, "Đăng ký khai sinh kết hợp nhận cha, mẹ, con"),
    ("1.004837", HOTICH, 3, PART, 1, "Đăng ký giám hộ"),
    ("2.000815", CHUNGTHUC, 1, FULL, 300, "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan "
                                          "tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận"),
    ("2.000884", CHUNGTHUC, 1, PART, 70, "Chứng thực chữ ký trong các giấy tờ, văn bản"),
    ("2.001035", CHUNGTHUC, 2, PART, 90, "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, "
                                         "quyền sử dụng đất và nhà ở"),
    ("2.001009", CHUNGTHUC, 2, PART, 10, "Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là "
                                         "động sản, quyền sử dụng đất, nhà ở"),
    ("2.001019", CHUNGTHUC, 2, PART, 4, "Chứng thực di chúc"),
    ("2.000913", CHUNGTHUC, 2, PART, 4, "Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch"),
    ("2.000942", CHUNGTHUC, 1, PART, 3, "Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã "
                                        "được chứng thực"),
    ("1.012790", DATDAI, 10, PART, 60, "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền "
                                       "với đất trong các trường hợp chuyển đổi, chuyển nhượng, thừa kế, "
                                       "tặng cho, góp vốn bằng quyền sử dụng đất"),
    ("1.013978", DATDAI, 20, PART, 12, "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận "
                                       "quyền sử dụng đất lần đầu đối với cá nhân, cộng đồng dân cư"),
    ("1.012783", DATDAI, 7, PART, 20, "Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản "
                                      "gắn liền với đất"),
    ("1.012784", DATDAI, 15, PART, 15, "Tách thửa hoặc hợp thửa đất"),
    ("1.012786", DATDAI, 10, PART, 3, "Cấp lại Giấy chứng nhận do bị mất"),
    ("1.012812", DATDAI, 30, PART, 4, "Hòa giải tranh chấp đất đai"),
    ("1.001776", BTXH, 15, PART, 12, "Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng"),
    ("1.001731", BTXH, 3, FULL, 6, "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội"),
    ("1.001699", BTXH, 25, PART, 6, "Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật"),
    ("1.001653", BTXH, 5, FULL, 2, "Đổi, cấp lại Giấy xác nhận khuyết tật"),
    ("1.011606", BTXH, 10, PART, 4, "Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm"),
    ("1.014027", BTXH, 15, PART, 5, "Giải quyết hưởng trợ cấp hưu trí xã hội"),
    ("1.010803", NCC, 12, PART, 5, "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ"),
    ("1.010833", NCC, 5, PART, 4, "Cấp giấy xác nhận thân nhân của người có công"),
    ("2.002307", NCC, 10, PART, 3, "Giải quyết chế độ mai táng phí đối với cựu chiến binh"),
    # the ';' makes this one quoted in the ';'-delimited exports of Tân Phước 2
    ("1.010815", NCC, 5, PART, 2, "Xác nhận vào đơn đề nghị di chuyển hài cốt liệt sĩ; đơn đề nghị thăm "
                                  "viếng mộ liệt sĩ"),
    ("1.001612", HKD, 3, FULL, 18, "Đăng ký thành lập hộ kinh doanh"),
    ("2.000720", HKD, 3, FULL, 8, "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh"),
    ("1.001570", HKD, 3, FULL, 3, "Tạm ngừng hoạt động hộ kinh doanh"),
    ("1.001266", HKD, 3, FULL, 4, "Chấm dứt hoạt động hộ kinh doanh"),
    ("2.000575", HKD, 3, FULL, 1, "Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh"),
    ("1.013225", XAYDUNG, 15, PART, 10, "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"),
    ("1.013226", XAYDUNG, 15, PART, 1, "Cấp điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ"),
    ("1.013227", XAYDUNG, 5, PART, 1, "Gia hạn giấy phép xây dựng"),
    ("1.013228", XAYDUNG, 5, PART, 1, "Cấp lại giấy phép xây dựng"),
    ("2.001263", CONNUOI, 30, PART, 3, "Đăng ký việc nuôi con nuôi trong nước"),
    ("1.003005", CONNUOI, 5, PART, 1, "Đăng ký lại việc nuôi con nuôi trong nước"),
    ("1.001622", GIAODUC, 10, PART, 4, "Hỗ trợ ăn trưa đối với trẻ em mẫu giáo"),
    ("1.005099", GIAODUC, 3, FULL, 4, "Chuyển trường đối với học sinh trung học cơ sở"),
    ("2.002894", GIAODUC, 15, PART, 1, "Cho phép trường mầm non hoạt động giáo dục"),
    # straight double quotes, as some catalogues print them: exercises RFC 4180 "" escaping
    ("1.000954", VANHOA, 10, PART, 3, 'Xét tặng danh hiệu "Gia đình văn hóa" hằng năm'),
    ("1.003645", VANHOA, 5, FULL, 2, "Đăng ký tổ chức lễ hội cấp xã"),
    ("1.010735", MOITRUONG, 10, FULL, 3, "Đăng ký môi trường"),
    ("1.000775", THIDUA, 20, PART, 2, "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích "
                                      "thi đua theo đợt hoặc chuyên đề"),
    ("1.000748", THIDUA, 20, PART, 1, "Xét tặng danh hiệu Lao động tiên tiến"),
    ("1.001028", TONGIAO, 15, PART, 2, "Thủ tục đăng ký hoạt động tín ngưỡng"),
    ("1.001055", TONGIAO, 20, PART, 1, "Thủ tục đăng ký sinh hoạt tôn giáo tập trung"),
    ("1.008004", TRONGTROT, 5, FULL, 3, "Đăng ký chuyển đổi cơ cấu cây trồng trên đất trồng lúa"),
]

# Tân Phước 2 serves 383 procedures in 70 fields. Beyond the core ones above, its catalogue lists
# these (real or plausible commune-level names, some derived from a licence name with ACTIONS).
ACTIONS = ["Cấp {}", "Cấp lại {}", "Cấp điều chỉnh {}", "Gia hạn {}", "Thu hồi {}"]
CATALOGUE_EXTRA = [  # (field, names derived from the object with ACTIONS, object, explicit names split on "|")
    (HOTICH, 0, None, "Đăng ký kết hôn lưu động | Đăng ký khai tử lưu động | Đăng ký khai sinh lưu động | "
     "Đăng ký lại kết hôn | Đăng ký lại khai tử | Đăng ký chấm dứt giám hộ | Đăng ký thay đổi giám hộ | "
     "Đăng ký giám sát việc giám hộ | Ghi vào Sổ hộ tịch việc thay đổi hộ tịch theo bản án, quyết định của cơ "
     "quan nhà nước có thẩm quyền | Đăng ký khai sinh có yếu tố nước ngoài tại khu vực biên giới | Đăng ký kết "
     "hôn có yếu tố nước ngoài tại khu vực biên giới | Đăng ký khai tử có yếu tố nước ngoài tại khu vực biên "
     "giới | Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài tại khu vực biên giới | Xác định lại dân tộc"),
    (CHUNGTHUC, 0, None, "Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật | Chứng thực "
     "chữ ký người dịch mà người dịch không phải là cộng tác viên dịch thuật | Sửa lỗi sai sót trong hợp đồng, "
     "giao dịch | Chứng thực văn bản từ chối nhận di sản | Chứng thực văn bản khai nhận di sản mà di sản là động "
     "sản, quyền sử dụng đất, nhà ở | Cấp bản sao từ sổ gốc"),
    (CONNUOI, 0, None, "Giải quyết việc người nước ngoài cư trú ở khu vực biên giới nước láng giềng nhận trẻ "
     "em Việt Nam làm con nuôi"),
    (DATDAI, 0, None, "Đăng ký biến động đối với trường hợp đổi tên hoặc thay đổi thông tin về người sử dụng "
     "đất | Đăng ký, cấp Giấy chứng nhận đối với thửa đất có diện tích tăng thêm do thay đổi ranh giới | Đăng ký, "
     "cấp Giấy chứng nhận đối với trường hợp đã chuyển quyền sử dụng đất trước 01/08/2024 | Thu hồi Giấy chứng "
     "nhận đã cấp không đúng quy định và cấp lại | Đính chính Giấy chứng nhận đã cấp | Xóa đăng ký cho thuê, cho "
     "thuê lại, góp vốn bằng quyền sử dụng đất | Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước "
     "có thẩm quyền đối với cá nhân | Gia hạn sử dụng đất nông nghiệp của cá nhân | Giao đất, cho thuê đất không "
     "đấu giá quyền sử dụng đất | Xác nhận tiếp tục sử dụng đất nông nghiệp của cá nhân khi hết hạn sử dụng đất | "
     "Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp xã | Đăng ký biến động do "
     "thay đổi hạn chế quyền sử dụng đất | Đăng ký xác lập quyền sử dụng hạn chế thửa đất liền kề | Cung cấp "
     "thông tin, dữ liệu đất đai | Xác nhận nguồn gốc sử dụng đất"),
    (BTXH, 0, None, "Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở | Tiếp nhận đối tượng bảo trợ "
     "xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội | Chi trả trợ cấp xã hội hằng tháng khi "
     "đối tượng thay đổi nơi cư trú | Công nhận hộ thoát nghèo, hộ thoát cận nghèo | Công nhận hộ nghèo, hộ cận "
     "nghèo thường xuyên hằng năm | Hỗ trợ chi phí mai táng cho người đang hưởng trợ cấp hưu trí xã hội | Thôi "
     "hưởng trợ cấp hưu trí xã hội | Đăng ký thành lập cơ sở trợ giúp xã hội ngoài công lập | Hỗ trợ kinh phí "
     "nhận chăm sóc, nuôi dưỡng đối tượng cần bảo vệ khẩn cấp | Trợ giúp xã hội khẩn cấp về hỗ trợ chi phí điều "
     "trị người bị thương nặng"),
    (NCC, 0, None, "Giải quyết chế độ mai táng phí đối với thanh niên xung phong thời kỳ chống Pháp | Sửa đổi, bổ "
     "sung thông tin cá nhân trong hồ sơ người có công | Hỗ trợ người có công với cách mạng cải thiện nhà ở | "
     "Giải quyết chế độ trợ cấp một lần đối với người có thành tích tham gia kháng chiến được tặng Bằng khen | "
     "Giải quyết trợ cấp tuất hằng tháng khi người có công từ trần | Cấp giấy giới thiệu đi thăm viếng mộ liệt sĩ "
     "và hỗ trợ thăm viếng mộ liệt sĩ | Giải quyết chế độ ưu đãi đối với Bà mẹ Việt Nam anh hùng | Giải quyết chế "
     "độ người hoạt động kháng chiến bị nhiễm chất độc hóa học | Giải quyết chế độ đối với thân nhân liệt sĩ | "
     "Giải quyết chế độ ưu đãi đối với người hoạt động cách mạng, kháng chiến bị địch bắt tù, đày | Cấp trích lục "
     "hoặc sao hồ sơ người có công với cách mạng"),
    (HKD, 0, None, "Thông báo thay đổi chủ hộ kinh doanh | Đăng ký hộ kinh doanh chuyển đổi từ doanh nghiệp"),
    (XAYDUNG, 0, None, "Cấp giấy phép di dời công trình | Cấp giấy phép xây dựng có thời hạn đối với nhà ở riêng "
     "lẻ | Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ | Thông báo khởi công xây dựng công trình"),
    (GIAODUC, 0, None, "Thành lập trường mầm non công lập | Sáp nhập, chia, tách trường mầm non | Giải thể trường "
     "mầm non | Cho phép trường tiểu học hoạt động giáo dục | Chuyển trường đối với học sinh tiểu học | Tuyển sinh "
     "trung học cơ sở | Xét, duyệt chính sách hỗ trợ đối với học sinh bán trú | Cấp bản sao văn bằng, chứng chỉ "
     "từ sổ gốc | Thành lập trường tiểu học công lập | Giải thể trường tiểu học | Cấp học bổng và hỗ trợ kinh phí "
     "mua phương tiện, đồ dùng học tập cho người khuyết tật"),
    (VANHOA, 0, None, "Thông báo tổ chức lễ hội cấp xã | Xét tặng danh hiệu Ấp văn hóa, Khu phố văn hóa | Công "
     "nhận câu lạc bộ văn hóa cơ sở"),
    (MOITRUONG, 0, None, "Tham vấn trong đánh giá tác động môi trường | Thẩm định phương án cải tạo, phục hồi "
     "môi trường | Tiếp nhận, giải quyết phản ánh về ô nhiễm môi trường"),
    (THIDUA, 0, None, "Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã cho gia đình | Xét tặng danh hiệu "
     "Chiến sĩ thi đua cơ sở | Tặng Giấy khen của Chủ tịch Ủy ban nhân dân cấp xã về thành tích đột xuất"),
    (TONGIAO, 0, None, "Thủ tục đăng ký bổ sung hoạt động tín ngưỡng | Thủ tục đề nghị thay đổi địa điểm sinh "
     "hoạt tôn giáo tập trung trong địa bàn một xã | Thủ tục thông báo danh mục hoạt động tôn giáo đối với tổ "
     "chức có địa bàn hoạt động tôn giáo ở một xã | Thủ tục thông báo tổ chức quyên góp trong địa bàn một xã của "
     "cơ sở tín ngưỡng, tổ chức tôn giáo | Thủ tục đề nghị thay đổi địa điểm sinh hoạt tôn giáo tập trung đến "
     "địa bàn xã khác"),
    (TRONGTROT, 3, "Giấy chứng nhận đủ điều kiện buôn bán phân bón", ""),
    ("Chăn nuôi", 3, "Giấy chứng nhận đủ điều kiện chăn nuôi", "Kê khai hoạt động chăn nuôi | Hỗ trợ khôi phục "
     "sản xuất chăn nuôi vùng bị thiệt hại do dịch bệnh | Xác nhận nguồn gốc vật nuôi"),
    ("Thú y", 3, "Giấy chứng nhận cơ sở an toàn dịch bệnh động vật", "Hỗ trợ kinh phí tiêu hủy động vật mắc bệnh"),
    ("Lâm nghiệp", 4, "giấy phép khai thác lâm sản", "Phê duyệt phương án khai thác thực vật rừng thông thường | "
     "Xác nhận bảng kê lâm sản | Giao rừng, cho thuê rừng đối với cá nhân, cộng đồng dân cư"),
    ("Thủy sản", 5, "giấy phép khai thác thủy sản", "Xác nhận nguồn gốc thủy sản khai thác | Đăng ký tàu cá có "
     "chiều dài dưới 12 mét"),
    ("Thủy lợi", 5, "giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi", "Phê duyệt phương án "
     "cắm mốc chỉ giới phạm vi bảo vệ công trình thủy lợi"),
    ("Phòng, chống thiên tai", 0, None, "Hỗ trợ khôi phục sản xuất nông nghiệp vùng bị thiệt hại do thiên tai | "
     "Đề nghị hỗ trợ khẩn cấp nhà ở bị thiệt hại do thiên tai | Đăng ký tham gia đội xung kích phòng, chống "
     "thiên tai cấp xã"),
    ("Phổ biến, giáo dục pháp luật", 0, None, "Công nhận báo cáo viên pháp luật cấp xã | Miễn nhiệm báo cáo viên "
     "pháp luật cấp xã | Công nhận tuyên truyền viên pháp luật | Miễn nhiệm tuyên truyền viên pháp luật"),
    ("Hòa giải ở cơ sở", 0, None, "Công nhận hòa giải viên | Công nhận tổ trưởng tổ hòa giải | Thôi làm hòa giải "
     "viên | Thanh toán thù lao cho hòa giải viên | Hỗ trợ hòa giải viên gặp tai nạn hoặc rủi ro ảnh hưởng đến "
     "sức khỏe, tính mạng"),
    ("Bồi thường nhà nước", 0, None, "Giải quyết yêu cầu bồi thường tại cơ quan trực tiếp quản lý người thi hành "
     "công vụ gây thiệt hại | Phục hồi danh dự | Giải quyết yêu cầu bồi thường trong hoạt động quản lý hành chính"),
    ("Trợ giúp pháp lý", 0, None, "Yêu cầu trợ giúp pháp lý | Lựa chọn, thay đổi người thực hiện trợ giúp pháp lý "
     "| Rút yêu cầu trợ giúp pháp lý"),
    ("Đăng ký biện pháp bảo đảm", 0, None, "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất | Đăng ký "
     "thay đổi nội dung biện pháp bảo đảm đã đăng ký | Xóa đăng ký biện pháp bảo đảm bằng quyền sử dụng đất, tài "
     "sản gắn liền với đất | Sửa chữa sai sót nội dung biện pháp bảo đảm đã đăng ký do lỗi của cơ quan đăng ký"),
    ("Lao động - Tiền lương", 0, None, "Đăng ký nội quy lao động | Đăng ký thỏa ước lao động tập thể | Báo cáo tình "
     "hình sử dụng lao động | Gửi thang lương, bảng lương, định mức lao động của doanh nghiệp"),
    ("Việc làm", 5, "giấy phép lao động cho người nước ngoài làm việc tại Việt Nam", "Xác nhận người lao động "
     "nước ngoài không thuộc diện cấp giấy phép lao động | Hỗ trợ tạo việc làm, duy trì và mở rộng việc làm từ "
     "Quỹ quốc gia về việc làm"),
    ("Giáo dục nghề nghiệp", 0, None, "Hỗ trợ đào tạo trình độ sơ cấp, đào tạo dưới 3 tháng | Cho phép thành lập "
     "trung tâm giáo dục nghề nghiệp tư thục | Cấp giấy chứng nhận đăng ký hoạt động giáo dục nghề nghiệp | Hỗ "
     "trợ chi phí đào tạo nghề cho lao động nông thôn"),
    ("Bảo hiểm xã hội", 0, None, "Giải quyết hưởng chế độ thai sản | Giải quyết hưởng bảo hiểm xã hội một lần | "
     "Đăng ký tham gia bảo hiểm xã hội tự nguyện | Hỗ trợ tiền đóng bảo hiểm xã hội tự nguyện | Giải quyết hưởng "
     "trợ cấp ốm đau | Cấp lại, đổi, điều chỉnh thông tin trên sổ bảo hiểm xã hội"),
    ("Bảo hiểm y tế", 0, None, "Cấp thẻ bảo hiểm y tế cho người thuộc hộ nghèo, hộ cận nghèo | Cấp lại thẻ bảo "
     "hiểm y tế do bị mất, hỏng | Đăng ký tham gia bảo hiểm y tế hộ gia đình | Đổi thẻ bảo hiểm y tế khi thay "
     "đổi thông tin"),
    ("Trẻ em", 0, None, "Áp dụng các biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường "
     "hoặc người gây tổn hại cho trẻ em | Chấm dứt việc chăm sóc thay thế cho trẻ em | Phê duyệt kế hoạch hỗ trợ, "
     "can thiệp đối với trẻ em bị xâm hại hoặc có nguy cơ bị bạo lực, bóc lột, bỏ rơi | Đăng ký nhận chăm sóc "
     "thay thế cho trẻ em | Chuyển trẻ em đang được chăm sóc thay thế tại cơ sở trợ giúp xã hội đến cá nhân, gia "
     "đình nhận chăm sóc thay thế | Thông báo nhận chăm sóc thay thế cho trẻ em đối với người thân thích"),
    ("Phòng, chống tệ nạn xã hội", 0, None, "Quyết định cai nghiện ma túy tự nguyện tại gia đình | Quyết định cai "
     "nghiện ma túy tự nguyện tại cộng đồng | Đăng ký cai nghiện ma túy tự nguyện | Hỗ trợ đối với người bán dâm "
     "hòa nhập cộng đồng | Lập hồ sơ đề nghị áp dụng biện pháp đưa vào cơ sở cai nghiện bắt buộc"),
    ("Bình đẳng giới", 0, None, "Công nhận địa chỉ tin cậy tại cộng đồng | Hỗ trợ nạn nhân bị mua bán trở về | "
     "Hỗ trợ nạn nhân bị bạo lực trên cơ sở giới"),
    ("Dân tộc", 0, None, "Công nhận người có uy tín trong đồng bào dân tộc thiểu số | Đưa ra khỏi danh sách người "
     "có uy tín trong đồng bào dân tộc thiểu số | Hỗ trợ đất ở, nhà ở, nước sinh hoạt cho hộ đồng bào dân tộc "
     "thiểu số nghèo"),
    ("Đường bộ", 0, None, "Chấp thuận xây dựng công trình thiết yếu trong phạm vi bảo vệ kết cấu hạ tầng giao "
     "thông đường bộ của đường xã | Cấp phép thi công công trình trên đường xã đang khai thác | Chấp thuận đấu "
     "nối vào đường xã | Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn trên đường xã | Gia hạn "
     "chấp thuận xây dựng công trình thiết yếu trên đường xã | Cấp phép sử dụng tạm thời một phần lòng đường, hè "
     "phố không vào mục đích giao thông"),
    ("Đường thủy nội địa", 5, "Giấy chứng nhận đăng ký phương tiện thủy nội địa", "Đăng ký phương tiện thủy nội "
     "địa lần đầu | Chấp thuận hoạt động bến khách ngang sông"),
    ("Nhà ở", 0, None, "Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo | Xác nhận điều kiện về nhà ở để hưởng chính sách "
     "nhà ở xã hội | Cho thuê nhà ở công vụ | Xác nhận đối tượng được hưởng chính sách hỗ trợ nhà ở xã hội"),
    ("Quy hoạch xây dựng, kiến trúc", 0, None, "Cung cấp thông tin về quy hoạch xây dựng | Thẩm định nhiệm vụ, đồ "
     "án quy hoạch chi tiết xây dựng | Cấp giấy phép quy hoạch dự án đầu tư xây dựng | Cung cấp thông tin về quy "
     "hoạch đô thị và nông thôn"),
    ("Hạ tầng kỹ thuật", 3, "giấy phép sử dụng tạm thời một phần hè phố", "Cấp giấy phép chặt hạ, dịch chuyển "
     "cây xanh | Cấp phép đào đường để lắp đặt công trình hạ tầng kỹ thuật | Thỏa thuận đấu nối hệ thống thoát "
     "nước"),
    ("Tài nguyên nước", 5, "giấy phép khai thác, sử dụng nước dưới đất quy mô nhỏ", "Đăng ký khai thác nước dưới "
     "đất | Lấy ý kiến cộng đồng dân cư về dự án có chuyển nước"),
    ("Khoáng sản", 3, "giấy phép khai thác khoáng sản làm vật liệu xây dựng thông thường", "Đăng ký khai thác "
     "khoáng sản làm vật liệu xây dựng thông thường | Xác nhận khối lượng khoáng sản khai thác"),
    ("Đo đạc, bản đồ và thông tin địa lý", 0, None, "Cung cấp thông tin, dữ liệu đo đạc và bản đồ | Cung cấp "
     "thông tin về mốc địa giới hành chính"),
    ("Kinh tế hợp tác", 0, None, "Đăng ký thành lập hợp tác xã | Đăng ký thay đổi nội dung đăng ký hợp tác xã | Tạm "
     "ngừng hoạt động hợp tác xã | Giải thể tự nguyện hợp tác xã | Thông báo thành lập tổ hợp tác | Cấp lại giấy "
     "chứng nhận đăng ký hợp tác xã | Chấm dứt hoạt động tổ hợp tác | Đăng ký thay đổi nội dung đăng ký chi "
     "nhánh, văn phòng đại diện của hợp tác xã"),
    ("Lưu thông hàng hóa trong nước", 5, "Giấy phép bán lẻ rượu", "Cấp Giấy phép sản xuất rượu thủ công nhằm mục "
     "đích kinh doanh | Cấp Giấy phép bán lẻ sản phẩm thuốc lá"),
    ("Kinh doanh khí", 4, "Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai", ""),
    ("An toàn thực phẩm", 4, "Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch "
     "vụ ăn uống", "Xác nhận kiến thức về an toàn thực phẩm"),
    ("Khám bệnh, chữa bệnh", 3, "giấy phép hoạt động đối với phòng khám", "Đăng ký hành nghề khám bệnh, chữa bệnh "
     "| Công bố cơ sở đủ điều kiện thực hiện khám sức khỏe"),
    ("Y tế dự phòng", 0, None, "Công bố cơ sở đủ điều kiện tiêm chủng"),
    ("Dân số - Sức khỏe sinh sản", 0, None, "Xét hưởng chính sách hỗ trợ cho đối tượng sinh con đúng chính sách "
     "dân số | Cấp giấy chứng sinh cho trường hợp trẻ sinh ra ngoài cơ sở khám bệnh, chữa bệnh"),
    ("Gia đình", 0, None, "Đăng ký hoạt động cơ sở hỗ trợ nạn nhân bạo lực gia đình | Cấp giấy chứng nhận đăng ký "
     "hoạt động cơ sở tư vấn về phòng, chống bạo lực gia đình | Đổi giấy chứng nhận đăng ký hoạt động của cơ sở "
     "hỗ trợ nạn nhân bạo lực gia đình | Công nhận câu lạc bộ gia đình phát triển bền vững"),
    ("Thể dục thể thao", 5, "Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao", "Công nhận câu lạc bộ "
     "thể thao cơ sở"),
    ("Du lịch", 0, None, "Công nhận điểm du lịch | Thông báo kinh doanh dịch vụ lưu trú du lịch homestay | Cấp "
     "biển hiệu đạt chuẩn phục vụ khách du lịch đối với cơ sở kinh doanh dịch vụ ăn uống"),
    ("Di sản văn hóa", 0, None, "Đề nghị hỗ trợ tu bổ di tích | Đăng ký di vật, cổ vật"),
    ("Thư viện", 0, None, "Thông báo thành lập thư viện cộng đồng | Thông báo chấm dứt hoạt động thư viện cộng "
     "đồng | Thông báo sáp nhập, hợp nhất, chia, tách thư viện"),
    ("Quảng cáo", 3, "giấy phép xây dựng công trình quảng cáo", "Thông báo sản phẩm quảng cáo trên bảng quảng "
     "cáo, băng-rôn"),
    ("Phát thanh, truyền hình và thông tin điện tử", 5, "Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp "
     "dịch vụ trò chơi điện tử công cộng", ""),
    ("Xuất bản, in và phát hành", 3, "giấy phép hoạt động in", "Đăng ký hoạt động cơ sở in | Khai báo hoạt động "
     "cơ sở dịch vụ photocopy"),
    ("Bưu chính", 0, None, "Xác nhận thông báo hoạt động bưu chính | Cấp lại văn bản xác nhận thông báo hoạt "
     "động bưu chính"),
    ("Tiếp công dân", 0, None, "Tiếp công dân tại cấp xã | Xử lý đơn tại cấp xã | Tiếp nhận, xử lý phản "
     "ánh, kiến nghị của cá nhân, tổ chức về quy định hành chính"),
    ("Giải quyết khiếu nại", 0, None, "Giải quyết khiếu nại lần đầu tại cấp xã | Giải quyết khiếu nại lần hai "
     "tại cấp xã"),
    ("Giải quyết tố cáo", 0, None, "Giải quyết tố cáo tại cấp xã"),
    ("Phòng, chống tham nhũng", 0, None, "Thủ tục kê khai tài sản, thu nhập | Thủ tục xác minh tài sản, thu nhập "
     "| Thủ tục tiếp nhận yêu cầu giải trình"),
    ("Quản lý công sản", 0, None, "Quyết định xác lập quyền sở hữu toàn dân đối với tài sản do tổ chức, cá nhân "
     "tự nguyện chuyển giao | Thanh lý tài sản công | Quyết định xử lý tài sản bị hư hỏng, không còn sử dụng được"),
    ("Quản lý giá", 0, None, "Đăng ký giá | Kê khai giá"),
    ("Văn thư - Lưu trữ", 0, None, "Cấp bản sao và chứng thực lưu trữ | Phục vụ sử dụng tài liệu lưu trữ tại "
     "phòng đọc"),
    ("Tổ chức phi chính phủ", 0, None, "Công nhận ban vận động thành lập hội | Cho phép thành lập hội | Phê duyệt "
     "điều lệ hội | Đổi tên hội | Cho phép hội đặt văn phòng đại diện | Hội tự giải thể"),
    ("Chính quyền địa phương", 0, None, "Thủ tục thành lập ấp mới, khu phố mới | Thủ tục phân loại ấp, khu phố"),
    ("Công chức, viên chức", 0, None, "Thủ tục thi tuyển công chức | Thủ tục xét tuyển viên chức | Thủ tục tiếp "
     "nhận vào làm công chức"),
    ("Nghĩa vụ quân sự", 0, None, "Đăng ký nghĩa vụ quân sự lần đầu | Đăng ký nghĩa vụ quân sự bổ sung | Tạm hoãn "
     "gọi nhập ngũ và miễn gọi nhập ngũ | Đăng ký nghĩa vụ quân sự chuyển đi, chuyển đến"),
    ("Phát triển nông thôn", 0, None, "Xét, công nhận xã đạt chuẩn nông thôn mới | Công nhận ấp đạt chuẩn nông "
     "thôn mới kiểu mẫu | Hỗ trợ dự án liên kết sản xuất gắn với tiêu thụ sản phẩm"),
]

# Synthetic applicants: common Southern surnames, gendered middle and given names.
SURNAMES = ["Nguyễn"] * 30 + ["Trần"] * 10 + ["Lê"] * 9 + ["Phạm"] * 6 + ["Huỳnh"] * 6 + ["Võ"] * 6 + \
    ["Phan"] * 4 + ["Trương"] * 3 + "Bùi Đặng Đỗ Ngô Hồ Dương Lý Đinh Lâm Châu Mai Tô".split() * 2
MIDDLE = {"m": ["Văn"] * 8 + "Minh Hoàng Quốc Hữu Thanh Công Tấn Thành Đức".split(),
          "f": ["Thị"] * 8 + ["Ngọc", "Kim", "Thanh", "Thùy", "Mỹ", "Thị Ngọc", "Thị Kim", "Bảo"]}
GIVEN = {"m": ("An Bình Cường Dũng Đạt Hải Hiếu Hòa Hùng Huy Khang Khoa Lâm Lộc Long Luân Minh Nam Nghĩa "
               "Nhân Phát Phong Phúc Phước Quang Sang Sơn Tài Tâm Thắng Thịnh Toàn Trí Trung Tuấn Vinh Vũ").split(),
         "f": ("Anh Bích Châu Diễm Dung Duyên Giang Hà Hạnh Hằng Hoa Hương Huyền Lan Liên Linh Loan Mai My "
               "Ngân Ngọc Nhi Nhung Oanh Phương Quyên Thảo Thơ Thủy Trang Trinh Tuyết Vân Vy Xuân Yến").split()}
COMMUNES = {"28321": "Tân Phước 1", "28327": "Tân Phước 2", "28345": "Tân Phước 3", "28336": "Hưng Thạnh"}


@dataclass
class Proc:
    code: str
    field: str
    days: int
    level: str
    weight: float
    name: str


@dataclass
class Person:
    name: str
    cccd: str
    phone: str
    address: str


@dataclass
class Dossier:
    proc: Proc
    status: str                 # processing, paused, resolved, returned, withdrawn
    received: datetime
    due: datetime
    completed: datetime | None  # resolved: result date; returned: the day it was returned
    channel: str                # online, in_person, postal
    person: Person
    changed_on: date | None = None  # paused / withdrawn: the day it happened (for the older snapshot)
    id: str = ""


CORE_PROCS = [Proc(c, f, d, lv, w, n) for c, f, d, lv, w, n in CORE]


def tp2_catalogue() -> list[Proc]:
    """The 383 procedures of Tân Phước 2: every core procedure plus CATALOGUE_EXTRA."""
    rng = random.Random(383070)
    procs = list(CORE_PROCS)
    used = {p.code for p in procs}
    for field, n_templ, obj, names in CATALOGUE_EXTRA:
        names = [n.strip() for n in names.split("|") if n.strip()]
        names += [a.format(obj) for a in ACTIONS[:n_templ]]
        for name in names:
            code = f"{rng.choice('1112')}.{rng.randint(0, 14999):06d}"  # digit, dot, six digits
            while code in used:
                code = f"{rng.choice('1112')}.{rng.randint(0, 14999):06d}"
            used.add(code)
            name = name[0].upper() + name[1:]
            procs.append(Proc(code, field, rng.choice([3, 5, 7, 10, 15, 20]),
                              FULL if rng.random() < 0.45 else PART, 1, name))
    return procs


# ----------------------------------------------------------------------------------------------
# Dates
# ----------------------------------------------------------------------------------------------
def is_workday(d: date) -> bool:
    return d.weekday() < 5 and d not in HOLIDAYS


def add_workdays(d: date, n: int) -> date:
    while n > 0:
        d += timedelta(days=1)
        n -= is_workday(d)
    return d


ALL_DAYS = [PERIOD_START + timedelta(days=i) for i in range((AS_OF - PERIOD_START).days + 1)]
ALL_DAYS_2024 = [PERIOD_START_2024 + timedelta(days=i)
                 for i in range((AS_OF_2024 - PERIOD_START_2024).days + 1)]
MONTH_FACTOR = {7: 1.0, 8: 1.12, 9: 0.95, 10: 1.0, 11: 1.05, 12: 1.12}  # school year, year end


def day_weight(d: date, saturdays: bool) -> float:
    if d in HOLIDAYS or d.weekday() == 6:
        return 0.0
    if d.weekday() == 5:  # some centres open on Saturday mornings
        return 0.12 if saturdays else 0.0
    return MONTH_FACTOR[d.month] * (1.2 if d.weekday() == 0 else 1.0)  # Mondays are busier


def pick_day(rng, lo: date, hi: date, saturdays: bool, all_days: list[date] = ALL_DAYS) -> date:
    days = [d for d in all_days if lo <= d <= hi]
    return rng.choices(days, [day_weight(d, saturdays) for d in days])[0]


def office_time(rng, d: date) -> time:
    """07:30-11:30 or 13:00-17:00 (Saturdays: morning only)."""
    if d.weekday() == 5 or rng.random() < 0.58:
        m = rng.randint(7 * 60 + 30, 11 * 60 + 30)
    else:
        m = rng.randint(13 * 60, 17 * 60)
    return time(m // 60, m % 60, rng.randint(0, 59))


def completion(rng, received: datetime, d: date, not_after: datetime | None) -> datetime:
    if d == received.date():  # same day: a little after receipt
        t = received + timedelta(minutes=rng.randint(10, 150))
        return max(received + timedelta(minutes=5), min(t, datetime.combine(d, time(17, 30))))
    if not_after is not None and not_after.date() == d:  # on time: before the promised hour too
        lo = datetime.combine(d, time(7, 30))
        return lo + timedelta(seconds=rng.randint(0, max(0, int((not_after - lo).total_seconds()))))
    return datetime.combine(d, office_time(rng, d))


def schedule(rng, proc: Proc, status: str, tl: str | None, saturdays: bool):
    """Received/due/completed dates for a dossier with the given final status and timeliness."""
    lo = {"processing": date(2025, 11, 1), "overdue": date(2025, 9, 15), "paused": date(2025, 8, 1)}
    for _ in range(100000):
        rd = pick_day(rng, lo.get(status, PERIOD_START), AS_OF, saturdays)
        received = datetime.combine(rd, office_time(rng, rd))
        due = datetime.combine(add_workdays(rd, proc.days), received.time())
        done = None
        if status == "processing" and due.date() <= AS_OF:  # still within time at as_of
            continue
        if status == "overdue" and due.date() >= AS_OF:  # already past its due date at as_of
            continue
        if status == "resolved":
            if tl == "early":  # most are done well ahead: skew towards the receipt day
                cd = add_workdays(rd, min(proc.days - 1, int(proc.days * rng.random() ** 2)))
            elif tl == "on_time":
                cd = due.date()
            else:
                cd = add_workdays(due.date(), rng.randint(1, 7))
            if cd > AS_OF:
                continue
            done = completion(rng, received, cd, due if tl == "on_time" else None)
        if status == "returned":  # found incomplete / ineligible within a few days
            cd = add_workdays(rd, rng.choice([0, 1, 1, 2, 3]))
            if cd > AS_OF:
                continue
            done = completion(rng, received, cd, None)
        return received, due, done
    raise RuntimeError(f"cannot schedule {proc.code} {status} {tl}")


# ----------------------------------------------------------------------------------------------
# Dossiers
# ----------------------------------------------------------------------------------------------
def person(rng, commune: str) -> Person:
    g = rng.choice("mf")
    middle, given = rng.choice(MIDDLE[g]), rng.choice(GIVEN[g])
    while given in middle.split():  # no "Thị Ngọc Ngọc"
        given = rng.choice(GIVEN[g])
    name = f"{rng.choice(SURNAMES)} {middle} {given}"
    year = rng.randint(1950, 2006)
    century_sex = (0 if year < 2000 else 2) + (g == "f")  # CCCD digit 4: sex and century of birth
    cccd = f"082{century_sex}{year % 100:02d}{rng.randint(0, 999999):06d}"  # 082: Tiền Giang
    home = commune if rng.random() < 0.88 else rng.choice(list(COMMUNES.values()))
    return Person(name, cccd, f"09{rng.randint(0, 99999999):08d}", f"Ấp {rng.randint(1, 8)}, xã {home}")


def procedure_picker(rng, shares: dict, extra: list | None, extra_share: float):
    """pick(field, long_bias, min_days, max_days): a procedure drawn by volume, within `field` if
    given; long_bias favours long procedures (the ones that stay open or run late)."""
    pool = []
    for field, share in shares.items():
        procs = [p for p in CORE_PROCS if p.field == field]
        pool += [(p, share * p.weight / sum(q.weight for q in procs)) for p in procs]
    pool += [(p, extra_share / len(extra)) for p in extra or []]

    def pick(field=None, long_bias=False, min_days=0, max_days=99):
        cand = [(p, w * (min(p.days, 15) if long_bias else 1)) for p, w in pool
                if (field is None or p.field == field) and min_days <= p.days <= max_days]
        return rng.choices([p for p, _ in cand], [w for _, w in cand])[0]
    return pick


def make_dossiers(seed: int, code: str, shares: dict, counts: dict, late: dict, p_on_time: float,
                  channels: tuple, saturdays: bool, id_format: str, extra: list | None = None,
                  extra_share: float = 0.0) -> list[Dossier]:
    """counts: final status -> number ('overdue' = processing past its due date);
    late: field -> number of late resolved dossiers (None as key: any field)."""
    rng = random.Random(seed)
    commune = COMMUNES[code]
    pick = procedure_picker(rng, shares, extra, extra_share)

    # (status, timeliness, forced field): one resolved dossier per field first, so every field shows.
    plan = [("resolved", "early", f) for f in shares]
    n_late = sum(late.values())
    plan += [("resolved", "late", f) for f, n in late.items() for _ in range(n)]
    plan += [("resolved", "on_time" if rng.random() < p_on_time else "early", None)
             for _ in range(counts["resolved"] - len(shares) - n_late)]
    plan += [(s, None, None) for s in ("processing", "paused", "returned", "withdrawn")
             for _ in range(counts.get(s, 0))]
    plan += [("overdue", None, DATDAI)] * counts.get("overdue", 0)  # stuck land files, as usual
    online, postal = channels
    out = []
    for status, tl, field in plan:
        open_ = status != "resolved" or tl == "late"  # long procedures are the ones that stay open
        proc = pick(field, long_bias=open_ and field is None)
        received, due, done = schedule(rng, proc, status, tl, saturdays)
        r = rng.random()
        channel = "online" if r < online else "postal" if r < online + postal else "in_person"
        d = Dossier(proc, "processing" if status == "overdue" else status, received, due, done,
                    channel, person(rng, commune))
        if status in ("paused", "withdrawn"):
            d.changed_on = min(AS_OF, add_workdays(received.date(), rng.randint(1, 8)))
        out.append(d)
    out.sort(key=lambda d: (d.received, d.proc.code))
    per_day = Counter()
    for d in out:  # sequence number per day of receipt, in order of receipt
        per_day[d.received.date()] += 1
        d.id = id_format.format(code=code, ymd=d.received.strftime("%y%m%d"), seq=per_day[d.received.date()])
    return out


# Received in early December 2024 and completed after 15/12/2024: still in progress "as at" that day.
SPILL_FROM, SPILL_TO = date(2024, 12, 2), date(2024, 12, 13)


def schedule_2024(rng, proc: Proc, status: str, tl: str | None, saturdays: bool, spill: bool):
    """Received/due/completed dates of a 2024 dossier. Every one is settled by SNAPSHOT_2024: a
    spill dossier is received SPILL_FROM..SPILL_TO and completed after AS_OF_2024, any other is
    completed (or returned) by AS_OF_2024."""
    lo, hi = (SPILL_FROM, SPILL_TO) if spill else (PERIOD_START_2024, AS_OF_2024)
    last = SNAPSHOT_2024 if spill else AS_OF_2024
    for _ in range(100000):
        rd = pick_day(rng, lo, hi, saturdays, ALL_DAYS_2024)
        received = datetime.combine(rd, office_time(rng, rd))
        due = datetime.combine(add_workdays(rd, proc.days), received.time())
        done = None
        if status == "resolved":
            if tl == "early" and spill:  # any working day before the due date, after 15/12
                cands = [c for c in (add_workdays(rd, k) for k in range(proc.days)) if c > AS_OF_2024]
                if not cands:
                    continue
                cd = rng.choice(cands)
            elif tl == "early":  # most are done well ahead: skew towards the receipt day
                cd = add_workdays(rd, min(proc.days - 1, int(proc.days * rng.random() ** 2)))
            elif tl == "on_time":
                cd = due.date()
            else:
                cd = add_workdays(due.date(), rng.randint(1, 7))
                if spill and due.date() >= AS_OF_2024:  # a late one was already overdue on 15/12
                    continue
            if cd > last or (spill and cd <= AS_OF_2024):
                continue
            done = completion(rng, received, cd, due if tl == "on_time" else None)
        if status == "returned":  # found incomplete / ineligible within a few days
            cd = add_workdays(rd, rng.choice([0, 1, 1, 2, 3]))
            if cd > last:
                continue
            done = completion(rng, received, cd, None)
        return received, due, done
    raise RuntimeError(f"cannot schedule 2024 {proc.code} {status} {tl} spill={spill}")


def make_dossiers_2024(seed: int, code: str, shares: dict, received: int, returned: int, withdrawn: int,
                       late: dict, spill: int, spill_late: dict, p_on_time: float, channels: tuple,
                       saturdays: bool, id_format: str, extra: list | None = None,
                       extra_share: float = 0.0) -> list[Dossier]:
    """The dossiers received 01/07/2024-15/12/2024 as exported on 15/01/2025: all resolved, returned
    or withdrawn (nothing processing or paused). late: field -> number of late resolved dossiers
    (None as key: any field); spill: how many were completed after 15/12/2024 (received in early
    December), of which spill_late (field -> number) are late ones, already past their due date
    on 15/12/2024 (overdue as at that day)."""
    rng = random.Random(seed)
    commune = COMMUNES[code]
    pick = procedure_picker(rng, shares, extra, extra_share)
    # (status, timeliness, forced field, spill): one resolved dossier per field first.
    plan = [("resolved", "early", f, False) for f in shares]
    n_late = sum(late.values())
    plan += [("resolved", "late", f, i < spill_late.get(f, 0)) for f, n in late.items() for i in range(n)]
    n_spill = spill - sum(spill_late.values())
    plan += [("resolved", "on_time" if rng.random() < 0.3 else "early", None, True) for _ in range(n_spill)]
    plan += [("resolved", "on_time" if rng.random() < p_on_time else "early", None, False)
             for _ in range(received - returned - withdrawn - len(shares) - n_late - n_spill)]
    plan += [("returned", None, None, False)] * returned + [("withdrawn", None, None, False)] * withdrawn
    online, postal = channels
    out = []
    for status, tl, field, sp in plan:
        if sp and tl != "late":  # early / on time after 15/12: only a procedure of some length
            proc = pick(field, min_days=5)
        elif sp:  # late and already overdue on 15/12 though received in December: a shorter one
            proc = pick(field, max_days=9)
        else:
            proc = pick(field, long_bias=(status != "resolved" or tl == "late") and field is None)
        rcv, due, done = schedule_2024(rng, proc, status, tl, saturdays, sp)
        r = rng.random()
        channel = "online" if r < online else "postal" if r < online + postal else "in_person"
        d = Dossier(proc, status, rcv, due, done, channel, person(rng, commune))
        if status == "withdrawn":
            d.changed_on = min(AS_OF_2024, add_workdays(rcv.date(), rng.randint(1, 8)))
        out.append(d)
    out.sort(key=lambda d: (d.received, d.proc.code))
    per_day = Counter()
    for d in out:  # the commune's own numbering: the 2024 receipt date (yymmdd = 24....) keeps it apart
        per_day[d.received.date()] += 1
        d.id = id_format.format(code=code, ymd=d.received.strftime("%y%m%d"), seq=per_day[d.received.date()])
    return out


# ----------------------------------------------------------------------------------------------
# Writers
# ----------------------------------------------------------------------------------------------
def nfc(v) -> str:
    return unicodedata.normalize("NFC", "" if v is None else str(v))


def csv_text(rows, delimiter: str, eol: str) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=eol, quoting=csv.QUOTE_MINIMAL)
    for row in rows:
        if row is None:
            buf.write(eol)  # a truly blank line
        else:
            w.writerow([nfc(c) for c in row])
    return buf.getvalue()


def write(rel: str, text: str, encoding: str) -> None:
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = {"utf-8": lambda t: t.encode("utf-8"),
            "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
            "utf-16le-bom": lambda t: b"\xff\xfe" + t.encode("utf-16-le")}[encoding](text)
    with open(path, "wb") as f:
        f.write(data)


def vn_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 1962 -> 1.962


def fmt(dt_: datetime | None, pattern: str) -> str:
    return "" if dt_ is None else dt_.strftime(pattern)


def style_a_dossiers(ds: list[Dossier], start: date, end: date) -> str:
    """Tân Phước 1: provincial one-stop system 'export to CSV' - UTF-8 BOM, CRLF, ',', title block."""
    status = {"resolved": "Đã giải quyết", "processing": "Đang xử lý", "returned": "Trả lại",
              "withdrawn": "Rút hồ sơ"}
    channel = {"in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}
    rows = [["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"], ["Độc lập - Tự do - Hạnh phúc"], None,
            ["BÁO CÁO TÌNH HÌNH TIẾP NHẬN VÀ GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"],
            [f"Trung tâm Phục vụ hành chính công xã Tân Phước 1, từ ngày {start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}"],
            None,
            ["STT", "Mã hồ sơ", "Mã thủ tục", "Tên thủ tục hành chính", "Lĩnh vực", "Chủ hồ sơ", "Hình thức nộp",
             "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"]]
    rows += [[i, d.id, d.proc.code, d.proc.name, d.proc.field, d.person.name, channel[d.channel],
              fmt(d.received, "%d/%m/%Y %H:%M"), fmt(d.due, "%d/%m/%Y"), fmt(d.completed, "%d/%m/%Y"),
              status[d.status]] for i, d in enumerate(ds, 1)]
    return csv_text(rows, ",", "\r\n")


def write_style_a(ds: list[Dossier]) -> None:
    write("tp1/ho-so_2025-12-15.csv", style_a_dossiers(ds, PERIOD_START, AS_OF), "utf-8-bom")
    figures = [["STT", "Chỉ tiêu", "Giá trị", "Đơn vị tính", "Ghi chú"],
               [1, "Số hồ sơ tiếp nhận", vn_number(1962), "hồ sơ", "Từ ngày 01/07/2025 đến nay"],
               [2, "Số hồ sơ đã giải quyết", vn_number(1931), "hồ sơ", ""],
               [3, "Số hồ sơ đang giải quyết", 26, "hồ sơ", "Trong thời hạn xử lý"],
               [4, "Số hồ sơ trễ hạn", 18, "hồ sơ", "Lĩnh vực đất đai"],
               [5, "Số lĩnh vực tiếp nhận hồ sơ", 13, "lĩnh vực", ""]]
    write("tp1/chi-tieu_2025-12-15.csv", csv_text(figures, ",", "\r\n"), "utf-8-bom")


STYLE_B_CHANNEL = {"online": "Truc tuyen", "in_person": "Truc tiep", "postal": "Buu chinh cong ich"}


def style_b_dossiers(ds: list[Dossier]) -> str:
    """Tân Phước 2: ';' CSV without BOM, LF, headers and labels without diacritics."""
    status = {"resolved": "Da giai quyet", "processing": "Dang giai quyet", "paused": "Tam dung",
              "returned": "Khong du dieu kien", "withdrawn": "Rut ho so"}
    f = "%d-%m-%Y %H:%M:%S"
    rows = [["Ma ho so", "Ma thu tuc", "Ten thu tuc", "Linh vuc", "Nguoi nop", "So dien thoai", "Kenh thuc hien",
             "Ngay nhan", "Ngay hen tra", "Ngay hoan thanh", "Trang thai"]]
    rows += [[d.id, d.proc.code, d.proc.name, d.proc.field, d.person.name, d.person.phone,
              STYLE_B_CHANNEL[d.channel], fmt(d.received, f), fmt(d.due, f), fmt(d.completed, f), status[d.status]]
             for d in ds]
    return csv_text(rows, ";", "\n")


def write_style_b(ds: list[Dossier], catalogue: list[Proc]) -> None:
    write("tp2/ho-so-20251215.csv", style_b_dossiers(ds), "utf-8")
    rows = [["Ma TTHC", "Ten thu tuc", "Linh vuc", "Muc do"]]
    rows += [[p.code, p.name, p.field, p.level] for p in sorted(catalogue, key=lambda p: p.code)]
    write("tp2/thu-tuc_2025-12-15.csv", csv_text(rows, ";", "\n"), "utf-8")
    figures = [["STT", "Noi dung", "So luong", "Don vi tinh", "Ghi chu"],
               [1, "So thu tuc hanh chinh dang thuc hien", 383, "thu tuc", ""],
               [2, "So linh vuc thu tuc hanh chinh", 70, "linh vuc", ""],
               [3, "So ho so tiep nhan", vn_number(1619), "ho so", "Tu ngay 01/07/2025 den nay"],
               [4, "Ty le ho so nop truc tuyen", 100, "%", ""],
               [5, "So ho so da giai quyet", vn_number(1564), "ho so", ""],
               [6, "So ho so dang giai quyet", 10, "ho so", ""],
               [7, "So ho so tam dung", 36, "ho so", ""],
               [8, "So ho so khong du dieu kien tra ve", 8, "ho so", ""],
               [9, "So To cong nghe so cong dong", 12, "to", ""],
               [10, "So thanh vien To cong nghe so cong dong", 60, "nguoi", ""],
               [11, "So lop tap huan ky nang so", 4, "lop", "Cho can bo, cong chuc va nguoi dan"],
               [12, "Ty le dat chi tieu chuyen doi so", 100, "%", ""]]
    write("tp2/chi-tieu-20251215.csv", csv_text(figures, ";", "\n"), "utf-8")


def as_of_snapshot(d: Dossier, snap: date):
    """(status, completed) of a dossier as the export showed it on `snap`."""
    if d.status in ("resolved", "returned"):
        return (d.status, d.completed) if d.completed.date() <= snap else ("processing", None)
    if d.status in ("paused", "withdrawn"):
        return (d.status, None) if d.changed_on <= snap else ("processing", None)
    return d.status, None


def style_c_dossiers(ds: list[Dossier], snap: date) -> str:
    """Tân Phước 3: national portal field names, wire dates, numeric codes; the export as on `snap`."""
    status = {"processing": 2, "paused": 5, "resolved": 10, "returned": 3, "withdrawn": 7}
    channel = {"in_person": 1, "online": 2, "postal": 3}
    f = "%Y%m%d%H%M%S"
    header = ["MaHoSo", "MaTTHC", "TenTTHC", "TenLinhVuc", "ChuHoSo", "KenhThucHien", "NgayTiepNhan",
              "NgayHenTra", "NgayKetThucXuLy", "TrangThaiHoSo"]
    rows = [header]
    for d in ds:
        if d.received.date() > snap:
            continue
        st, done = as_of_snapshot(d, snap)
        rows.append([d.id, d.proc.code, d.proc.name, d.proc.field, d.person.name, channel[d.channel],
                     fmt(d.received, f), fmt(d.due, f), fmt(done, f), status[st]])
    return csv_text(rows, ",", "\n")


def write_style_c(ds: list[Dossier]) -> None:
    """Tân Phước 3: two snapshots."""
    for snap, rel in ((TP3_OLD_SNAPSHOT, "tp3/hoso_20251130.csv"), (AS_OF, "tp3/hoso_20251215.csv")):
        write(rel, style_c_dossiers(ds, snap), "utf-8")


def style_d_dossiers(ds: list[Dossier], start: date, end: date, bad: Dossier | None, footer: bool) -> str:
    """Hưng Thạnh: Excel 'Unicode text' - UTF-16LE BOM, TAB, CRLF, title block; optionally a footer
    and one row with an impossible receipt date."""
    status = {"resolved": "Đã trả kết quả", "processing": "Đang giải quyết", "paused": "Chờ bổ sung",
              "returned": "Từ chối", "withdrawn": "Công dân rút hồ sơ"}
    channel = {"in_person": "Trực tiếp", "online": "Trực tuyến", "postal": "Bưu chính công ích"}
    progress = {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Trễ hạn"}
    f = "%d.%m.%Y"
    header = ["STT", "Số biên nhận", "Tên thủ tục", "Lĩnh vực", "Người nộp", "Số CCCD", "Địa chỉ",
              "Loại tiếp nhận", "Ngày nhận", "Ngày hẹn trả", "Ngày trả kết quả", "Trạng thái hồ sơ",
              "Tiến độ giải quyết"]
    rows = [["UBND XÃ HƯNG THẠNH"], ["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"], None,
            ["SỔ THEO DÕI HỒ SƠ THỦ TỤC HÀNH CHÍNH"], [f"Kỳ báo cáo: {start:%d.%m.%Y} - {end:%d.%m.%Y}"], None,
            header]
    for i, d in enumerate(ds, 1):
        tl = progress[timeliness(d.completed.date(), d.due.date())] if d.status == "resolved" else ""
        received = "31.02.2025" if d is bad else fmt(d.received, f)  # a typing slip the system let through
        rows.append([i, d.id, d.proc.name, d.proc.field, d.person.name, d.person.cccd, d.person.address,
                     channel[d.channel], received, fmt(d.due, f), fmt(d.completed, f), status[d.status], tl])
    pad = [""] * len(header)
    if footer:
        rows += [None, [f"Tổng cộng: {vn_number(len(ds))} hồ sơ"] + pad[1:], None,
                 ["", "Người lập biểu"] + pad[2:9] + ["Thủ trưởng đơn vị"] + pad[10:]]
    return csv_text(rows, "\t", "\r\n")


def write_style_d(ds: list[Dossier], bad: Dossier) -> None:
    """Hưng Thạnh 2025: with the footer and the one bad date the ingester must reject."""
    write("hung-thanh/ho-so_15-12-2025.csv", style_d_dossiers(ds, PERIOD_START, AS_OF, bad, footer=True),
          "utf-16le-bom")
    figures = [["STT", "Chỉ tiêu", "Giá trị", "Đơn vị tính", "Ghi chú"],
               [1, "Số hội nghị, cuộc họp đã tổ chức", 28, "hội nghị", "Đảng ủy và UBND xã, năm 2025"],
               [2, "Số hội nghị trực tuyến đã tham dự", 25, "hội nghị", "Do Trung ương và tỉnh tổ chức"]]
    write("hung-thanh/chi-tieu_2025-12-15.csv", csv_text(figures, ",", "\r\n"), "utf-8-bom")


def timeliness(completed: date, due: date) -> str:
    return "early" if completed < due else "on_time" if completed == due else "late"


# ----------------------------------------------------------------------------------------------
# Read back what was written, summarise, assert
# ----------------------------------------------------------------------------------------------
def read_back(rel: str, encoding: str, delimiter: str, first_header: str):
    with open(os.path.join(OUT, rel), "rb") as fh:
        text = fh.read().decode(encoding)
    assert text == unicodedata.normalize("NFC", text), f"{rel}: not NFC"
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    h = next(i for i, r in enumerate(rows) if r and r[0] == first_header)
    return rows[h], rows[h + 1:]


def parse(s: str, pattern: str) -> date | None:
    """Calendar date of a cell; a printed time of day after a space is ignored."""
    return datetime.strptime(s.split(" ")[0], pattern).date() if s else None


def records(header, rows, cols, pattern, status_map, channel_map):
    """Rows -> canonical dicts. cols: canonical name -> source header."""
    ix = {k: header.index(v) for k, v in cols.items()}
    out, rejects = [], []
    for r in rows:
        if not r or len(r) != len(header) or not r[ix["id"]] or (header[0] == "STT" and not r[0].isdigit()):
            rejects.append(r)  # blank / footer lines
            continue
        try:
            rec = {k: r[i] for k, i in ix.items()}
            for k in ("received", "due", "completed"):
                rec[k] = parse(rec[k], pattern)
        except ValueError:
            rejects.append(r)  # the impossible date
            continue
        rec["status"], rec["channel"] = status_map[rec["status"]], channel_map[rec["channel"]]
        out.append(rec)
    return out, rejects


def summarise(label: str, recs: list[dict], as_of: date, start: date = PERIOD_START) -> dict:
    ids = [r["id"] for r in recs]
    assert len(set(ids)) == len(ids), f"{label}: duplicate dossier ids"
    late_fields, tl = Counter(), Counter()
    for r in recs:
        assert start <= r["received"] <= as_of, (label, r["id"])
        assert (r["completed"] is not None) == (r["status"] in ("resolved", "returned")), (label, r["id"])
        assert r["completed"] is None or r["completed"] >= r["received"], (label, r["id"])
        assert r["completed"] is None or r["completed"] <= as_of, (label, r["id"])
        if r["status"] == "resolved":
            t = timeliness(r["completed"], r["due"])
            assert r.get("progress") in (None, t), (label, r["id"], "explicit timeliness disagrees")
            tl[t] += 1
            late_fields[r["field"]] += t == "late"
    s = {"rows": len(recs), "status": Counter(r["status"] for r in recs), "timeliness": tl,
         "channel": Counter(r["channel"] for r in recs), "fields": len({r["field"] for r in recs}),
         "late_by_field": {f: n for f, n in late_fields.items() if n},
         "overdue": sum(r["status"] == "processing" and r["due"] < as_of for r in recs)}
    order = ["processing", "paused", "resolved", "returned", "withdrawn", "early", "on_time", "late",
             "online", "in_person", "postal"]
    show = lambda c: ", ".join(f"{k} {c[k]}" for k in order if c.get(k))  # noqa: E731
    print(f"  {label}: {s['rows']} dossiers in {s['fields']} fields")
    print(f"    status:     {show(s['status'])}")
    print(f"    timeliness: {show(s['timeliness'])}; late by field: {s['late_by_field']}")
    print(f"    channel:    {show(s['channel'])}; processing past due at {as_of}: {s['overdue']}")
    return s


def figures(rel: str, encoding: str, delimiter: str) -> dict:
    header, rows = read_back(rel, encoding, delimiter, "STT")
    print(f"  {rel}: {len(rows)} figures")
    return {r[1]: float(r[2].replace(".", "").replace(",", ".")) for r in rows}


def check_all(catalogue: list[Proc]) -> None:
    y25 = {}  # commune code -> (summary, records) of its 2025 export as at 15/12/2025
    print("Tân Phước 1 (28321) - style A")
    h, rows = read_back("tp1/ho-so_2025-12-15.csv", "utf-8-sig", ",", "STT")
    recs, rej = records(h, rows, {"id": "Mã hồ sơ", "field": "Lĩnh vực", "received": "Ngày tiếp nhận",
                                  "due": "Ngày hẹn trả", "completed": "Ngày có kết quả", "status": "Trạng thái",
                                  "channel": "Hình thức nộp"}, "%d/%m/%Y",
                        {"Đã giải quyết": "resolved", "Đang xử lý": "processing", "Trả lại": "returned",
                         "Rút hồ sơ": "withdrawn"},
                        {"Trực tiếp": "in_person", "Trực tuyến": "online", "Bưu chính công ích": "postal"})
    s = summarise("tp1/ho-so_2025-12-15.csv", recs, AS_OF)
    y25["28321"] = (s, recs)
    assert not rej and s["rows"] == 1962 and s["fields"] == 13
    assert dict(s["status"]) == {"resolved": 1931, "processing": 26, "withdrawn": 3, "returned": 2}
    assert s["timeliness"]["late"] == 18 and s["late_by_field"] == {DATDAI: 18} and s["overdue"] == 0
    assert s["timeliness"]["early"] > s["timeliness"]["on_time"] > 0
    fig = figures("tp1/chi-tieu_2025-12-15.csv", "utf-8-sig", ",")
    assert fig == {"Số hồ sơ tiếp nhận": 1962, "Số hồ sơ đã giải quyết": 1931, "Số hồ sơ đang giải quyết": 26,
                   "Số hồ sơ trễ hạn": 18, "Số lĩnh vực tiếp nhận hồ sơ": 13}

    print("Tân Phước 2 (28327) - style B")
    h, rows = read_back("tp2/thu-tuc_2025-12-15.csv", "utf-8", ";", "Ma TTHC")
    codes = {r[0]: (r[1], r[2]) for r in rows}
    print(f"  tp2/thu-tuc_2025-12-15.csv: {len(rows)} procedures in {len({r[2] for r in rows})} fields, "
          f"{Counter(r[3] for r in rows)}")
    assert len(rows) == len(codes) == 383 and len({r[2] for r in rows}) == 70
    assert all(len(c) == 8 and c[1] == "." and (c[0] + c[2:]).isdigit() for c in codes)
    h, rows = read_back("tp2/ho-so-20251215.csv", "utf-8", ";", "Ma ho so")
    recs, rej = records(h, rows, {"id": "Ma ho so", "field": "Linh vuc", "received": "Ngay nhan",
                                  "due": "Ngay hen tra", "completed": "Ngay hoan thanh", "status": "Trang thai",
                                  "channel": "Kenh thuc hien"}, "%d-%m-%Y",
                        {"Da giai quyet": "resolved", "Dang giai quyet": "processing", "Tam dung": "paused",
                         "Khong du dieu kien": "returned", "Rut ho so": "withdrawn"}, {"Truc tuyen": "online"})
    assert all(codes.get(r[1]) == (r[2], r[3]) for r in rows), "dossier procedure not in thu-tuc_2025-12-15.csv"
    s = summarise("tp2/ho-so-20251215.csv", recs, AS_OF)
    y25["28327"] = (s, recs)
    assert not rej and s["rows"] == 1619 and dict(s["channel"]) == {"online": 1619} and s["overdue"] == 0
    assert dict(s["status"]) == {"resolved": 1564, "processing": 10, "paused": 36, "returned": 8, "withdrawn": 1}
    assert s["timeliness"]["late"] == 6
    fig = figures("tp2/chi-tieu-20251215.csv", "utf-8", ";")
    assert fig == {"So thu tuc hanh chinh dang thuc hien": 383, "So linh vuc thu tuc hanh chinh": 70,
                   "So ho so tiep nhan": 1619, "Ty le ho so nop truc tuyen": 100, "So ho so da giai quyet": 1564,
                   "So ho so dang giai quyet": 10, "So ho so tam dung": 36, "So ho so khong du dieu kien tra ve": 8,
                   "So To cong nghe so cong dong": 12, "So thanh vien To cong nghe so cong dong": 60,
                   "So lop tap huan ky nang so": 4, "Ty le dat chi tieu chuyen doi so": 100}

    print("Tân Phước 3 (28345) - style C")
    snaps = {}
    for snap, rel in ((TP3_OLD_SNAPSHOT, "tp3/hoso_20251130.csv"), (AS_OF, "tp3/hoso_20251215.csv")):
        h, rows = read_back(rel, "utf-8", ",", "MaHoSo")
        recs, rej = records(h, rows, {"id": "MaHoSo", "field": "TenLinhVuc", "received": "NgayTiepNhan",
                                      "due": "NgayHenTra", "completed": "NgayKetThucXuLy",
                                      "status": "TrangThaiHoSo", "channel": "KenhThucHien"}, "%Y%m%d%H%M%S",
                            {"2": "processing", "5": "paused", "10": "resolved", "3": "returned",
                             "7": "withdrawn"}, {"1": "in_person", "2": "online", "3": "postal"})
        assert not rej
        snaps[snap] = (summarise(rel, recs, snap), {r["id"]: r for r in recs})
    s, new = snaps[AS_OF]
    y25["28345"] = (s, list(new.values()))
    old = snaps[TP3_OLD_SNAPSHOT][1]
    assert set(old) <= set(new), "a dossier of the older snapshot is missing from the newer one"
    moved = Counter((old[i]["status"], new[i]["status"]) for i in old if old[i]["status"] != new[i]["status"])
    print(f"    changed between snapshots: {dict(moved)}")
    assert s["rows"] == 1248 and s["fields"] == 11 and s["overdue"] == 3
    assert dict(s["status"]) == {"resolved": 1197, "processing": 31, "paused": 9, "returned": 7, "withdrawn": 4}
    assert s["late_by_field"] == {DATDAI: 6, XAYDUNG: 3, BTXH: 2}

    print("Hưng Thạnh (28336) - style D")
    h, rows = read_back("hung-thanh/ho-so_15-12-2025.csv", "utf-16", "\t", "STT")
    recs, rej = records(h, rows, {"id": "Số biên nhận", "field": "Lĩnh vực", "received": "Ngày nhận",
                                  "due": "Ngày hẹn trả", "completed": "Ngày trả kết quả",
                                  "status": "Trạng thái hồ sơ", "channel": "Loại tiếp nhận",
                                  "progress": "Tiến độ giải quyết"}, "%d.%m.%Y",
                        {"Đã trả kết quả": "resolved", "Đang giải quyết": "processing", "Chờ bổ sung": "paused",
                         "Từ chối": "returned", "Công dân rút hồ sơ": "withdrawn"},
                        {"Trực tiếp": "in_person", "Trực tuyến": "online", "Bưu chính công ích": "postal"})
    for r in recs:
        r["progress"] = {"Trước hạn": "early", "Đúng hạn": "on_time", "Trễ hạn": "late", "": None}[r["progress"]]
        assert (r["progress"] is None) == (r["status"] != "resolved")
    s = summarise("hung-thanh/ho-so_15-12-2025.csv (valid rows)", recs, AS_OF)
    y25["28336"] = (s, recs)
    bad = [r for r in rej if r and r[0].isdigit()]
    footer = [r for r in rej if r and not r[0].isdigit()]
    print(f"    rejects: {len(bad)} bad date (STT {bad[0][0]}, Ngày nhận {bad[0][8]}), {len(footer)} footer lines")
    assert len(bad) == 1 and bad[0][8] == "31.02.2025" and 0.3 < int(bad[0][0]) / (len(recs) + 1) < 0.7
    assert footer[0][0] == f"Tổng cộng: {vn_number(len(recs) + 1)} hồ sơ" and footer[1][1] == "Người lập biểu"
    assert footer[1][9] == "Thủ trưởng đơn vị" and len(footer) == 2
    assert s["rows"] == 1416 and s["fields"] == 12 and s["overdue"] == 0
    assert dict(s["status"]) == {"resolved": 1365, "processing": 27, "paused": 12, "returned": 8, "withdrawn": 4}
    assert s["late_by_field"] == {DATDAI: 5, XAYDUNG: 3}
    fig = figures("hung-thanh/chi-tieu_2025-12-15.csv", "utf-8-sig", ",")
    assert fig == {"Số hội nghị, cuộc họp đã tổ chức": 28, "Số hội nghị trực tuyến đã tham dự": 25}

    print("Cùng kỳ năm 2024 (received 01/07/2024 - 15/12/2024, exported 15/01/2025)")
    all_ids = [r["id"] for _, recs in y25.values() for r in recs]
    h, rows = read_back(FILES_2024["28321"], "utf-8-sig", ",", "STT")
    with open(os.path.join(OUT, FILES_2024["28321"]), "rb") as fh:
        assert "từ ngày 01/07/2024 đến ngày 15/12/2024" in fh.read().decode("utf-8-sig").splitlines()[4]
    recs, rej = records(h, rows, {"id": "Mã hồ sơ", "field": "Lĩnh vực", "received": "Ngày tiếp nhận",
                                  "due": "Ngày hẹn trả", "completed": "Ngày có kết quả", "status": "Trạng thái",
                                  "channel": "Hình thức nộp"}, "%d/%m/%Y",
                        {"Đã giải quyết": "resolved", "Trả lại": "returned", "Rút hồ sơ": "withdrawn"},
                        {"Trực tiếp": "in_person", "Trực tuyến": "online", "Bưu chính công ích": "postal"})
    all_ids += check_2024("28321", recs, rej, y25["28321"], all_ids)
    h, rows = read_back(FILES_2024["28327"], "utf-8", ";", "Ma ho so")
    assert all(codes.get(r[1]) == (r[2], r[3]) for r in rows), "dossier procedure not in thu-tuc_2025-12-15.csv"
    recs, rej = records(h, rows, {"id": "Ma ho so", "field": "Linh vuc", "received": "Ngay nhan",
                                  "due": "Ngay hen tra", "completed": "Ngay hoan thanh", "status": "Trang thai",
                                  "channel": "Kenh thuc hien"}, "%d-%m-%Y",
                        {"Da giai quyet": "resolved", "Khong du dieu kien": "returned", "Rut ho so": "withdrawn"},
                        {v: k for k, v in STYLE_B_CHANNEL.items()})
    all_ids += check_2024("28327", recs, rej, y25["28327"], all_ids)
    h, rows = read_back(FILES_2024["28345"], "utf-8", ",", "MaHoSo")
    recs, rej = records(h, rows, {"id": "MaHoSo", "field": "TenLinhVuc", "received": "NgayTiepNhan",
                                  "due": "NgayHenTra", "completed": "NgayKetThucXuLy",
                                  "status": "TrangThaiHoSo", "channel": "KenhThucHien"}, "%Y%m%d%H%M%S",
                        {"10": "resolved", "3": "returned", "7": "withdrawn"},
                        {"1": "in_person", "2": "online", "3": "postal"})
    all_ids += check_2024("28345", recs, rej, y25["28345"], all_ids)
    with open(os.path.join(OUT, FILES_2024["28336"]), "rb") as fh:
        assert fh.read().decode("utf-16").splitlines()[4] == "Kỳ báo cáo: 01.07.2024 - 15.12.2024"
    h, rows = read_back(FILES_2024["28336"], "utf-16", "\t", "STT")
    recs, rej = records(h, rows, {"id": "Số biên nhận", "field": "Lĩnh vực", "received": "Ngày nhận",
                                  "due": "Ngày hẹn trả", "completed": "Ngày trả kết quả",
                                  "status": "Trạng thái hồ sơ", "channel": "Loại tiếp nhận",
                                  "progress": "Tiến độ giải quyết"}, "%d.%m.%Y",
                        {"Đã trả kết quả": "resolved", "Từ chối": "returned", "Công dân rút hồ sơ": "withdrawn"},
                        {"Trực tiếp": "in_person", "Trực tuyến": "online", "Bưu chính công ích": "postal"})
    for r in recs:
        r["progress"] = {"Trước hạn": "early", "Đúng hạn": "on_time", "Trễ hạn": "late", "": None}[r["progress"]]
        assert (r["progress"] is None) == (r["status"] != "resolved")
    all_ids += check_2024("28336", recs, rej, y25["28336"], all_ids)


def check_2024(code: str, recs: list[dict], rej: list, y25: tuple, earlier_ids: list[str]) -> list[str]:
    """Asserts a 2024 export against PLAN_2024 / EXPECT_2024 and against the commune's 2025 figures;
    prints its summary line. Returns its dossier ids."""
    plan, rel = PLAN_2024[code], FILES_2024[code]
    s = summarise(rel, recs, SNAPSHOT_2024, start=PERIOD_START_2024)
    s25, recs25 = y25
    st, tl, n = s["status"], s["timeliness"], s["rows"]
    assert not rej, f"{rel}: rejected rows"
    assert not set(r["id"] for r in recs) & set(earlier_ids), f"{rel}: a dossier id of another export"
    assert all(r["received"] <= AS_OF_2024 for r in recs), f"{rel}: received after 15/12/2024"
    assert n == plan["received"] and "processing" not in st and "paused" not in st
    assert dict(st) == {"resolved": n - plan["returned"] - plan["withdrawn"], "returned": plan["returned"],
                        "withdrawn": plan["withdrawn"]}
    assert all(r["completed"] is None or r["completed"] <= SNAPSHOT_2024 for r in recs)
    assert tl["late"] == sum(plan["late"].values())
    if None not in plan["late"]:
        assert s["late_by_field"] == plan["late"], s["late_by_field"]
    # still in progress as at 15/12/2024: completed after it (all of them received in early December)
    open_ = [r for r in recs if r["completed"] is not None and r["completed"] > AS_OF_2024]
    assert len(open_) == plan["spill"] > 0 and 0.01 <= len(open_) / n <= 0.02
    assert all(r["status"] == "resolved" and SPILL_FROM <= r["received"] <= SPILL_TO for r in open_)
    overdue = sum(r["due"] < AS_OF_2024 for r in open_)  # past their due date at 15/12/2024
    assert overdue == sum(plan["spill_late"].values())
    fields25 = {r["field"] for r in recs25}
    assert {r["field"] for r in recs} <= fields25, f"{rel}: a field the 2025 export does not have"
    # the comparison the report makes: fewer received, more late, fewer online than in 2025
    late_share = lambda s_: s_["timeliness"]["late"] / s_["status"]["resolved"]  # noqa: E731
    assert n < s25["rows"] and late_share(s) > late_share(s25)
    assert s["channel"]["online"] / n < s25["channel"]["online"] / s25["rows"]
    months = Counter(r["received"].month for r in recs)
    got = {"early": tl["early"], "on_time": tl["on_time"], "online": s["channel"]["online"],
           "months": [months[m] for m in range(7, 13)], "overdue_at_15_12": overdue}
    assert got == EXPECT_2024[code], f"{rel}: {got}"
    print(f"    2024 {COMMUNES[code]}: received {n} ({n / s25['rows']:.1%} of 2025), resolved {st['resolved']} "
          f"(early {tl['early']}, on time {tl['on_time']}, late {tl['late']}), returned {st['returned']}, "
          f"withdrawn {st['withdrawn']}, online {got['online']} ({got['online'] / n:.1%}); in progress as at "
          f"15/12/2024: {len(open_)} ({overdue} past due); by month Jul-Dec {got['months']}")
    return [r["id"] for r in recs]


# The same months of 2024 (cùng kỳ năm 2024), one export per commune dated 15/01/2025 in its own style
# and naming (the config's globs pick it up). Counts planned exactly: received, returned, withdrawn,
# late by field (None: any field) and "spill", the dossiers received in early December and completed
# after 15/12/2024 (still in progress as at that day), of which spill_late are late ones.
FILES_2024 = {"28321": "tp1/ho-so_2025-01-15.csv", "28327": "tp2/ho-so-20250115.csv",
              "28345": "tp3/hoso_20250115.csv", "28336": "hung-thanh/ho-so_15-01-2025.csv"}
PLAN_2024 = {
    "28321": {"received": 1748, "returned": 5, "withdrawn": 4, "late": {DATDAI: 24, XAYDUNG: 5, BTXH: 2},
              "spill": 24, "spill_late": {DATDAI: 2}},
    "28327": {"received": 1431, "returned": 9, "withdrawn": 2, "late": {None: 14}, "spill": 20, "spill_late": {}},
    "28345": {"received": 1123, "returned": 8, "withdrawn": 3, "late": {DATDAI: 10, XAYDUNG: 5, BTXH: 3},
              "spill": 16, "spill_late": {DATDAI: 1}},
    "28336": {"received": 1317, "returned": 9, "withdrawn": 5, "late": {DATDAI: 9, XAYDUNG: 4, BTXH: 2},
              "spill": 19, "spill_late": {DATDAI: 1, XAYDUNG: 1}},
}
# What the draws gave (listed in README.md): a regeneration that drifts fails loudly.
EXPECT_2024 = {  # early, on time, online, received per month Jul-Dec, overdue as at 15/12/2024
    "28321": {"early": 1439, "on_time": 269, "online": 721, "months": [345, 330, 266, 304, 340, 163],
              "overdue_at_15_12": 2},
    "28327": {"early": 1176, "on_time": 230, "online": 1214, "months": [291, 282, 208, 257, 260, 133],
              "overdue_at_15_12": 0},
    "28345": {"early": 831, "on_time": 263, "online": 414, "months": [203, 253, 182, 199, 186, 100],
              "overdue_at_15_12": 1},
    "28336": {"early": 995, "on_time": 293, "online": 412, "months": [259, 252, 187, 238, 247, 134],
              "overdue_at_15_12": 2},
}


def main() -> None:
    shutil.rmtree(OUT, ignore_errors=True)
    base = {CHUNGTHUC: 0.44, HOTICH: 0.30, DATDAI: 0.10, BTXH: 0.045, HKD: 0.035, NCC: 0.02, XAYDUNG: 0.02,
            GIAODUC: 0.012, VANHOA: 0.008, MOITRUONG: 0.005}

    # Tân Phước 1: 1962 received in 13 fields; 1931 resolved, 26 processing within time, plus 3 withdrawn
    # and 2 returned that the published figures leave out; 18 late, all land.
    tp1_shares = {**base, THIDUA: 0.004, TONGIAO: 0.003, CONNUOI: 0.002}
    tp1 = make_dossiers(28321, "28321", tp1_shares,
                        {"resolved": 1931, "processing": 26, "withdrawn": 3, "returned": 2}, {DATDAI: 18},
                        p_on_time=0.12, channels=(0.55, 0.025), saturdays=True,
                        id_format="000.{code}.H19-{ymd}-{seq:04d}")
    write_style_a(tp1)

    # Tân Phước 2: 1619 received, all online; procedures drawn from its own 383-procedure catalogue.
    catalogue = tp2_catalogue()
    extra = [p for p in catalogue if p not in CORE_PROCS]
    tp2_shares = {**base, TONGIAO: 0.003, TRONGTROT: 0.004, CONNUOI: 0.001}
    tp2 = make_dossiers(28327, "28327", tp2_shares,
                        {"resolved": 1564, "processing": 10, "paused": 36, "returned": 8, "withdrawn": 1},
                        {None: 6}, p_on_time=0.15, channels=(1.0, 0.0), saturdays=False,
                        id_format="H19.{code}-{ymd}-{seq:04d}", extra=extra, extra_share=0.012)
    write_style_b(tp2, catalogue)

    # Tân Phước 3 (figures of our own): 1248 received in 11 fields, 11 late in 3 fields, 3 overdue.
    tp3_shares = {**base, TRONGTROT: 0.006}
    tp3 = make_dossiers(28345, "28345", tp3_shares,
                        {"resolved": 1197, "processing": 28, "overdue": 3, "paused": 9, "returned": 7,
                         "withdrawn": 4}, {DATDAI: 6, XAYDUNG: 3, BTXH: 2}, p_on_time=0.2, channels=(0.45, 0.03),
                        saturdays=False, id_format="000.00.{code}.H19-{ymd}-{seq:04d}")
    write_style_c(tp3)

    # Hưng Thạnh (figures of our own): 1416 valid dossiers in 12 fields, 8 late in 2 fields, plus one
    # resolved dossier whose receipt date was typed as 31.02.2025.
    ht_shares = {**base, THIDUA: 0.005, TRONGTROT: 0.006}
    ht = make_dossiers(28336, "28336", ht_shares,
                       {"resolved": 1366, "processing": 27, "paused": 12, "returned": 8, "withdrawn": 4},
                       {DATDAI: 5, XAYDUNG: 3}, p_on_time=0.18, channels=(0.40, 0.02), saturdays=True,
                       id_format="{code}-{ymd}-{seq:04d}")
    mid = len(ht) // 2  # the early-resolved dossier nearest the middle of the file gets the bad date
    bad = ht[min((abs(i - mid), i) for i, d in enumerate(ht)
                 if d.status == "resolved" and d.completed.date() < d.due.date())[1]]
    write_style_d(ht, bad)

    # Cùng kỳ năm 2024: own seeds, so no 2025 draw changes. Same procedures and fields as 2025 (Tân
    # Phước 2: only the catalogue procedures its 2025 dossiers use), fewer dossiers, a larger late share,
    # a smaller online share. Same id format: the 2024 receipt date in it keeps the ids apart.
    def y2024(code, shares, **kw):
        p = PLAN_2024[code]
        return make_dossiers_2024(2024_00000 + int(code), code, shares, p["received"], p["returned"],
                                  p["withdrawn"], p["late"], p["spill"], p["spill_late"], **kw)

    tp1_24 = y2024("28321", tp1_shares, p_on_time=0.16, channels=(0.42, 0.02), saturdays=True,
                   id_format="000.{code}.H19-{ymd}-{seq:04d}")
    write(FILES_2024["28321"], style_a_dossiers(tp1_24, PERIOD_START_2024, AS_OF_2024), "utf-8-bom")
    used = {d.proc.code for d in tp2}
    tp2_24 = y2024("28327", tp2_shares, p_on_time=0.19, channels=(0.87, 0.01), saturdays=False,
                   id_format="H19.{code}-{ymd}-{seq:04d}", extra=[p for p in extra if p.code in used],
                   extra_share=0.012)
    write(FILES_2024["28327"], style_b_dossiers(tp2_24), "utf-8")
    tp3_24 = y2024("28345", tp3_shares, p_on_time=0.24, channels=(0.36, 0.03), saturdays=False,
                   id_format="000.00.{code}.H19-{ymd}-{seq:04d}")
    write(FILES_2024["28345"], style_c_dossiers(tp3_24, SNAPSHOT_2024), "utf-8")
    ht_24 = y2024("28336", ht_shares, p_on_time=0.22, channels=(0.31, 0.02), saturdays=True,
                  id_format="{code}-{ymd}-{seq:04d}")
    # the title block and columns of its 2025 file; no footer and no bad date (those are the 2025
    # file's deliberate rejects)
    write(FILES_2024["28336"], style_d_dossiers(ht_24, PERIOD_START_2024, AS_OF_2024, None, footer=False),
          "utf-16le-bom")

    check_all(catalogue)
    print("Files:")
    total = 0
    for dirpath, _, files in sorted(os.walk(OUT)):
        for name in sorted(files):
            size = os.path.getsize(os.path.join(dirpath, name))
            total += size
            print(f"  {os.path.relpath(os.path.join(dirpath, name), OUT):36} {size:>9,} bytes")
    print(f"  total {total:,} bytes")
    assert total < 4_000_000, "data/exports must stay under ~4 MB"


if __name__ == "__main__":
    main()
