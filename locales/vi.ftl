# commune-report: thông báo bằng tiếng Việt. Mỗi mã có bản tiếng Anh tương ứng trong
# en.ftl; kiểm thử báo lỗi khi một danh mục thiếu mã mà danh mục kia hoặc mã nguồn có.
# Các tham số ($file, $n …) do chương trình điền vào; giữ nguyên chúng.

## Lỗi và dòng lệnh

error-prefix = lỗi: { $message }
error-caused-by = nguyên nhân: { $cause }
error-config = cấu hình { $path }: { $message }
error-config-key = khóa `{ $key }`: { $message }
test-echo = «{ $value }»

help-usage = Cách dùng:
help-commands = Lệnh:
help-arguments = Đối số:
help-options = Tùy chọn:

cmd-root = Báo cáo tổng hợp kết quả cải cách hành chính các xã khu vực Tân Phước, từ các tệp CSV xuất từ Trung tâm Phục vụ hành chính công của các xã.
cmd-run = Nạp dữ liệu rồi lập báo cáo: công việc chạy theo lịch.
cmd-ingest = Nạp các tệp CSV vào kho dữ liệu (Parquet), giữ lại các dòng bị loại.
cmd-report = Chạy các truy vấn của báo cáo trên kho dữ liệu và ban hành báo cáo (một bản của kỳ báo cáo; các bản trước được giữ lại).
cmd-sql = Truy vấn SQL chỉ đọc trên kho dữ liệu. Không có QUERY hoặc -f: mở cửa sổ truy vấn tương tác trên terminal, nếu không thì đọc SQL từ đầu vào chuẩn (nhiều câu lệnh cách nhau bằng `;`).
cmd-sql-examples =
    Ví dụ:
      commune-report sql "SELECT commune, count(*) FROM dossiers GROUP BY commune"
      commune-report sql -f late.sql --format csv
      echo "SELECT * FROM rejects" | commune-report sql --format ndjson
      commune-report sql "SELECT * FROM dossiers" -o dossiers.parquet
cmd-init = Tạo tệp cấu hình mẫu và bản sao có thể sửa của các truy vấn và mẫu tích hợp sẵn trong DIR (mặc định: thư mục hiện tại); không bao giờ ghi đè tệp đã có.
cmd-check = Chạy thử: với từng tệp, những gì nhận diện được và những dòng sẽ bị loại, vì sao; không ghi gì ngoài hộp thư đến của các tệp từ xa được tải về trước.

arg-config = Tệp cấu hình (mặc định: commune-report.toml); các đường dẫn tương đối trong tệp tính từ thư mục chứa nó.
arg-log_format = Định dạng nhật ký trên stderr: text (mặc định) hoặc json.
arg-verbose = Ghi nhật ký chi tiết hơn (-v: gỡ lỗi, -vv: chi tiết nhất).
arg-quiet = Chỉ ghi lỗi ra stderr.
arg-threads = Số luồng đọc tệp và chạy truy vấn (mặc định: engine.threads trong cấu hình, nếu không thì mọi lõi).
arg-lang = Ngôn ngữ thông báo: vi hoặc en (mặc định: COMMUNE_REPORT_LANG, nếu không thì theo locale: LC_ALL, LC_MESSAGES, LANG).
arg-help = In hướng dẫn.
arg-version = In phiên bản.
arg-run-period_start = Ngày đầu kỳ báo cáo (mặc định: report.period_start trong cấu hình).
arg-run-as_of = Ngày cuối kỳ báo cáo (mặc định: report.as_of trong cấu hình, nếu không thì ngày của tệp xuất mới nhất).
arg-run-full_refresh = Đọc lại mọi tệp xuất thay vì dùng lại kết quả của tệp không đổi.
arg-ingest-full_refresh = Đọc lại mọi tệp xuất thay vì dùng lại kết quả của tệp không đổi.
arg-report-period_start = Ngày đầu kỳ báo cáo (mặc định: report.period_start trong cấu hình).
arg-report-as_of = Ngày cuối kỳ báo cáo (mặc định: report.as_of trong cấu hình, nếu không thì ngày của tệp xuất mới nhất).
arg-report-formats = Các định dạng cần ghi, cách nhau bằng dấu phẩy: md, html, xlsx, docx, json, csv (mặc định: tất cả trừ csv; report.json luôn được ghi: đó là hồ sơ của bản báo cáo).
arg-sql-query = Câu truy vấn.
arg-sql-file = Đọc SQL từ tệp này.
arg-sql-format = Định dạng kết quả trên stdout: table (mặc định), csv, json hoặc ndjson.
arg-sql-output = Ghi kết quả vào tệp FILE, theo định dạng của phần mở rộng (.csv, .json, .ndjson, .parquet).
arg-sql-max_rows = Số dòng hiển thị với --format table (mặc định: 100; 0: tất cả).
arg-init-dir = Thư mục để ghi (tạo mới nếu chưa có).
arg-check-files = Các tệp cần kiểm tra (mặc định: mọi tệp khớp với mẫu đường dẫn trong cấu hình).

## Tóm tắt trên màn hình của run và ingest

summary-received = Tiếp nhận
summary-resolved = Đã giải quyết
summary-late = Trễ hạn
summary-processing = Đang xử lý
summary-paused = Tạm dừng
summary-returned = Trả lại
summary-withdrawn = Rút hồ sơ
summary-online = Trực tuyến
summary-report = báo cáo: { $dir }
summary-quarantined = đã cách ly { $file } ({ $commune }): { $error }
ingest-counts = { $code } { $name }: { $files } tệp, nạp { $dossiers } hồ sơ, { $superseded } dòng bị thay thế, { $rejected } dòng bị loại
ingest-quarantined = đã cách ly { $file }: { $error }
warn-file-left-out = không đọc được { $file } nên đã để riêng ra: { $error }
warn-reject-ratio = { $commune }: { $rejected } trên { $rows } dòng bị loại, vượt quá quality.max_reject_ratio
warn-unknown-labels = nhãn { $what } chưa biết được nạp thành giá trị trống: «{ $labels }» (dạy các nhãn này trong [labels]; lệnh `check` gợi ý các dòng cần dán)

## check

check-file = { $path } ({ $commune }, { $kind })
check-error = lỗi: { $why }
check-fate-quarantine = -> khi chạy, tệp này được cách ly: các tệp khác vẫn được nạp, mã thoát 3
check-fate-fail = -> khi chạy, lần chạy thất bại vì tệp này (quality.on_file_error = "fail")
check-detected = bảng mã { $encoding }, dấu phân cách { $delimiter }, dòng tiêu đề { $line }, ngày dữ liệu { $snapshot }
check-snapshot-mtime = ngày sửa đổi của tệp
check-mapped = cột nhận diện được: { $columns }
check-ignored = cột bỏ qua: { $columns }
check-dropped = cột bị loại bỏ (dữ liệu cá nhân): { $columns }
check-counts = { $rows } dòng dữ liệu, { $rejected } dòng sẽ bị loại, { $blank } dòng trống
check-reason = { $code } x{ $count } (dòng { $lines }): { $reason }
check-labels =
    Các nhãn chưa có trong bảng nào (trạng thái lạ làm dòng bị loại; hình thức nộp, tiến độ hoặc mức độ dịch vụ lạ được nạp thành giá trị trống). Dán các dòng sau vào cuối tệp { $config } (áp dụng cho mọi xã; thay mỗi "?" bằng một trong các giá trị được liệt kê; chạy check lại để thấy chúng được nhận):
check-headers =
    Các tiêu đề cột của xã { $commune } có vẻ là một cột mà tệp của xã còn thiếu. Dán dòng sau vào khối [[communes]] có code = "{ $commune }" (sau các mẫu đường dẫn):
snippet-rows = { $n } dòng của { $communes }
snippet-likely = có thể là giá trị này
snippet-choose = chọn một trong: { $values }

## Tệp không đọc được

file-open = không mở được: { $cause }
file-read = không đọc được: { $cause }
file-undecodable = byte 0x{ $byte } ở vị trí { $offset } không hợp lệ trong cả UTF-8 (chuỗi sai đầu tiên ở vị trí { $first }) lẫn Windows-1258; hãy xuất lại tệp dạng UTF-8 hoặc đặt csv.encoding cho xã này
file-invalid-utf8 = UTF-8 không hợp lệ ở vị trí byte { $offset }; hãy xuất lại tệp dạng UTF-8 hoặc đặt csv.encoding cho xã này
file-nul = byte NUL ở vị trí { $offset }: dữ liệu nhị phân, hoặc UTF-16 không có dấu thứ tự byte (khi đó đặt csv.encoding = "utf-16le" cho xã này)
file-no-header = không tìm thấy dòng tiêu đề { $place }: tệp { $kind } cần các cột { $keys } (ví dụ { $example }); nếu tệp này đặt tên cột khác, hãy ánh xạ tiêu đề bằng `columns = {"{"} "<tiêu đề>" = "<cột>" {"}"}` trong cấu hình của xã
file-header-where-line = ở dòng { $line } (csv.header_line)
file-header-where-first = trong { $searched } dòng đầu
file-csv = không đọc được gần dòng { $line }: { $cause }
file-changed = tệp thay đổi trong khi đang đọc (kích thước hoặc thời điểm sửa đổi khác nhau trước và sau khi đọc); hãy chạy lại khi tệp xuất đã hoàn tất
file-quote = dấu ngoặc kép mở ở dòng { $line } vẫn chưa đóng sau { $max } byte: có thể một dấu ngoặc kép trong ô chưa được viết đôi; hãy sửa dòng đó (hoặc tăng csv.max_record_bytes nếu một ô thật sự dài như vậy)
file-csv-after = không đọc được sau { $records } bản ghi: { $cause }
file-no-commune-column = dòng tiêu đề (dòng { $line }) không có cột «{ $column }» mà `commune_column` chỉ định cho tệp chung này; các cột của tệp là «{ $headers }»: hãy đặt `commune_column` là tiêu đề của cột ghi xã của từng dòng

## Cấu hình

config-unreadable = { $why }; chỉ định tệp cấu hình bằng -c FILE
config-invalid = tệp không phải cấu hình hợp lệ (chi tiết bằng tiếng Anh từ bộ đọc TOML): { $detail }
config-no-communes = chưa khai báo xã nào; thêm một khối [[communes]] cho mỗi xã (code, name, dossiers)

## Cảnh báo

warn-code-not-official = { $path }: mã xã "{ $code }" ({ $name }) không có trong danh mục đơn vị hành chính quốc gia ngày 25/07/2026; hãy kiểm tra lại (data/reference/)
warn-no-export = { $name } chưa gửi tệp hồ sơ nào (không tệp nào khớp mẫu đường dẫn); báo cáo ghi xã này là chưa gửi
warn-quarantined = đã cách ly, các tệp khác vẫn được nạp: { $reason }
warn-skip-loop = bỏ qua một liên kết tượng trưng trỏ vòng: { $cause }
warn-skip-not-file = bỏ qua: khớp mẫu "{ $pattern }" nhưng không phải tệp thông thường
warn-skip-outside = bỏ qua: liên kết tượng trưng dẫn ra ngoài thư mục mà mẫu "{ $pattern }" đọc
warn-skip-same = bỏ qua: cùng một tệp với { $first } (đến bằng đường dẫn khác)
warn-before-period = { $name }: tệp hồ sơ mới nhất của xã là ngày { $date }, trước ngày đầu kỳ ({ $start }): báo cáo ghi xã này là chưa gửi dữ liệu cho kỳ
warn-stale = { $name }: tệp hồ sơ mới nhất của xã là ngày { $date }, nên số liệu tính đến ngày { $date }, trước ngày báo cáo { $as_of } { $age } ngày (báo cáo ghi chú bên cạnh số liệu)
warn-too-old = { $name }: số liệu cũ { $age } ngày, vượt quá quality.max_data_age_days = { $max }
warn-as-of-past = ngày báo cáo { $as_of } sau ngày của mọi tệp hồ sơ mới nhất: mỗi xã được tính đến ngày dữ liệu mới nhất của mình
warn-empty-period = không có hồ sơ nào được tiếp nhận trong kỳ { $start } .. { $as_of }: hãy kiểm tra kỳ báo cáo và các tệp xuất (báo cáo ghi 0 hồ sơ tiếp nhận)
warn-coded-comparison = cột `{ $column }` lưu các giá trị chuẩn { $values }, không bao giờ là nhãn '{ $text }' như trong tệp xuất: hãy so sánh với một trong các giá trị đó (các bảng của báo cáo hiển thị chúng bằng tiếng Việt)

## Cửa sổ truy vấn SQL: \d và \d TABLE

table-dossiers = mỗi hồ sơ của mỗi xã một dòng; lấy theo tệp xuất mới nhất
table-dossier_history = mọi dòng hồ sơ của mọi tệp xuất, kể cả dòng đã bị thay thế (dựng lại được số liệu tại bất kỳ ngày nào)
table-procedures = thủ tục hành chính xã đang thực hiện, với mức độ dịch vụ công trực tuyến
table-indicators = số liệu xã tự báo cáo
table-rejects = mọi dòng dữ liệu không được nạp, kèm lý do
table-files = mọi tệp đầu vào: những gì nhận diện được và các dòng của tệp đi đâu
table-runs = mỗi lần chạy một dòng: thời điểm, trạng thái, mã thoát, đầu vào, số dòng
table-communes = các xã trong cấu hình, theo thứ tự cấu hình
table-report_period = một dòng: kỳ báo cáo
table-data_dates = theo xã: tệp xuất mới nhất và ngày mà số liệu đúng tại đó
table-dossiers_as_of = mọi hồ sơ tại ngày as_of, kèm ngày dữ liệu của xã (quy tắc của báo cáo)
table-dossiers_before_period = mọi hồ sơ tại ngày trước period_start
col-any-commune_code = mã đơn vị hành chính của xã (phân vùng)
col-any-commune = tên xã theo cấu hình
col-any-source_file = tệp đầu vào, tương đối với tệp cấu hình
col-any-source_line = dòng vật lý (đếm từ 1) nơi bản ghi bắt đầu
col-any-snapshot_date = ngày của tệp xuất chứa dòng này
col-any-dossier_id = Mã hồ sơ / Số biên nhận
col-any-procedure_code = Mã thủ tục (TTHC)
col-any-procedure_name = Tên thủ tục
col-any-field = Lĩnh vực, như xã ghi (NFC)
col-any-channel = online (trực tuyến), in_person (trực tiếp), postal (bưu chính) hoặc trống
col-any-received_date = Ngày tiếp nhận
col-any-due_date = Ngày hẹn trả
col-any-completed_date = Ngày có kết quả / hoàn thành
col-files-status = loaded (đã nạp) hoặc quarantined (đã cách ly: không đọc được như một tệp xuất)
col-any-status = processing (đang giải quyết), paused (tạm dừng), resolved (đã giải quyết), returned (trả lại) hoặc withdrawn (rút hồ sơ)
col-any-timeliness = với hồ sơ đã giải quyết: early (trước hạn), on_time (đúng hạn), late (trễ hạn); trống khi không rõ
col-procedures-online_level = full (toàn trình), partial (một phần) hoặc trống
col-indicators-indicator = mã chuẩn (reported_received, digital_teams, ...) hoặc tên không dấu
col-indicators-label = tên chỉ tiêu như xã ghi
col-indicators-value = giá trị (1.962 được đọc là 1962)
col-indicators-unit = Đơn vị tính
col-indicators-note = Ghi chú
col-rejects-reason_code = missing_required, bad_date, unknown_status, bad_field_count, date_order, bad_number, footer, record_too_long, bad_encoding (mã lý do)
col-rejects-column = cột chuẩn bị lỗi, nếu có
col-rejects-reason = câu nêu điều sai
col-rejects-raw_record = bản ghi như trong tệp, dữ liệu cá nhân đã được che
col-files-kind = dossiers (hồ sơ), procedures (thủ tục) hoặc indicators (chỉ tiêu)
col-files-sha256 = mã băm các byte của tệp
col-files-bytes = kích thước tệp
col-files-delimiter = , ; tab hoặc |
col-files-encoding = utf-8, utf-8-bom, utf-16le, utf-16be hoặc windows-1258
col-files-header_line = dòng vật lý của dòng tiêu đề
col-files-data_rows = số bản ghi dưới dòng tiêu đề (không kể dòng trống)
col-files-loaded = số dòng được giữ trong kho dữ liệu
col-files-superseded = số dòng bị tệp xuất mới hơn thay thế
col-files-rejected = số dòng trong bảng rejects
col-files-blank_lines = số dòng trống dưới dòng tiêu đề
col-files-error = lý do tệp bị cách ly không đọc được
col-communes-position = thứ tự trong cấu hình
col-any-data_date = ngày mà số liệu của xã đúng tại đó (as_of, hoặc ngày tệp xuất mới nhất nếu cũ hơn)
col-data_dates-newest_export = ngày của tệp hồ sơ mới nhất của xã
col-report_period-period_start = ngày đầu kỳ
col-report_period-as_of = ngày cuối kỳ

shell-banner = commune-report SQL (chỉ đọc). \? để xem hướng dẫn, \q để thoát.
shell-help =
    \d            liệt kê các bảng
    \d TABLE      các cột của bảng TABLE và ý nghĩa
    \x            bật/tắt hiển thị mở rộng (mỗi bản ghi một khối)
    \timing       bật/tắt hiển thị thời gian chạy của mỗi câu lệnh
    \q            thoát (hoặc Ctrl-D)
    \?            hướng dẫn này
    Câu SQL kết thúc bằng ';' và có thể viết trên nhiều dòng; phím Tab gợi ý tên bảng, cột và lệnh. Ctrl-C dừng truy vấn đang chạy hoặc xóa dòng đang gõ.
shell-unknown = lệnh không có: { $command }; \? liệt kê các lệnh
shell-stopped = lỗi: truy vấn đã dừng: { $cause }
shell-cancelled = đã hủy truy vấn
shell-no-table = không có bảng "{ $name }"; \d liệt kê các bảng
shell-never-null = không bao giờ trống

## SQL

sql-empty = chưa có câu SQL nào
sql-not-a-query = câu lệnh { $n } không phải truy vấn: { $words }; kho dữ liệu chỉ cho đọc nên không có gì được chạy
sql-read-only = { $cause } (kho dữ liệu chỉ cho đọc: chỉ chạy truy vấn; không có gì được chạy)
sql-unreadable = SQL: không đọc được câu SQL: { $detail }
sql-end-of-text = cuối câu lệnh
sql-at = { " " }ở dòng { $line }, cột { $column }
sql-syntax = SQL: không đọc được câu SQL{ $place }: gặp { $word } ở chỗ cần { $expected } (phần sau bằng tiếng Anh từ bộ phân tích SQL)
sql-no-table-like = SQL: không có bảng `{ $name }`; có phải ý bạn là `{ $like }`? (\d trong cửa sổ truy vấn liệt kê các bảng)
sql-no-table = SQL: không có bảng `{ $name }` (\d trong cửa sổ truy vấn liệt kê các bảng)
sql-query-and-file = chỉ đưa QUERY hoặc -f FILE, không đưa cả hai
sql-output-extension = không xác định được định dạng của { $path } từ phần mở rộng "{ $ext }": dùng .csv, .json, .ndjson hoặc .parquet
report-no-as-of = chưa nạp tệp hồ sơ nào nên as_of không thể lấy theo tệp xuất mới nhất; dùng --as-of hoặc đặt report.as_of
report-as-of-before-start = as_of { $as_of } trước ngày đầu kỳ { $start }

config-folder = không xác định được thư mục chứa tệp: { $cause }
config-date = cần một ngày dạng { $example }
config-as-of-before = { $as_of } trước report.period_start { $start }
config-ratio = { $value } không phải tỷ lệ từ 0 đến 1
config-empty = không được để trống
config-on-file-error = "{ $value }" không phải "quarantine" hoặc "fail"
config-group-by = "{ $value }" không phải "province" (hoặc bỏ khóa này và đặt `group` cho từng xã)
config-province = "{ $value }" không phải tỉnh, thành phố trong danh mục (data/reference/), ví dụ "Tỉnh Đồng Tháp" hoặc "Thành phố Hà Nội"
config-threads = phải từ 1 trở lên
config-code = "{ $code }" phải khớp [0-9A-Za-z_-]+
config-duplicate-code = mã xã "{ $code }" bị trùng
config-no-glob = cần ít nhất một mẫu đường dẫn
config-unknown-column = cột chuẩn "{ $target }" không có; dùng một trong { $columns }
config-personal = "{ $header }" là dữ liệu cá nhân, không bao giờ rời khỏi tệp đầu vào; không thể đưa vào cột "{ $target }" (hãy xóa ánh xạ này)
config-queries-folder = khóa `paths.queries`: { $folder } không phải thư mục; hãy tạo nó (`commune-report init` ghi bản sao có thể sửa của các truy vấn tích hợp sẵn) hoặc xóa khóa này
config-encoding = bảng mã "{ $label }" không hỗ trợ (thử utf-8, utf-16le, windows-1258)
config-delimiter = "{ $value }" không phải một trong "," ";" "\t" "|"
config-header-line = số dòng đếm từ 1
config-date-order = "{ $value }": chỉ đọc ngày theo thứ tự ngày trước ("dmy")
config-max-record = phải từ 1024 trở lên (bản ghi dài hơn sẽ bị loại)
config-label-value = khóa `{ $key }`: "{ $value }" không phải giá trị của { $column }; dùng một trong { $values }
config-label-empty = khóa `{ $key }`: nhãn để trống

## Tệp và thư mục (việc đang làm khi hệ thống từ chối)

io-clearing = dọn { $path }
io-creating = tạo { $path }
io-listing = liệt kê { $path }
io-locking = khóa { $path }
io-opening = mở { $path }
io-publishing = ban hành { $path }
io-reading = đọc { $path }
io-resolving = xác định đường dẫn { $path }
io-syncing = ghi xuống đĩa { $path }
io-writing = ghi { $path }
io-read-only = đặt { $path } chỉ đọc
io-copying = sao chép { $from } sang { $to }
io-lock = mở khóa chạy { $path }
io-warehouse = mở kho dữ liệu { $path } (hãy chạy `commune-report ingest` trước)
io-queries-folder = đọc thư mục truy vấn { $path } (paths.queries trong cấu hình)
io-mtime = đọc thời điểm sửa đổi của { $path }
io-not-a-warehouse-link = { $path } đã tồn tại và không phải liên kết tới một phiên bản kho dữ liệu; hãy chuyển nó đi chỗ khác
io-not-a-report-link = { $path } đã tồn tại và không phải liên kết tới một bản báo cáo; hãy chuyển nó đi chỗ khác
io-summary = ghi bản tóm tắt
io-result = ghi kết quả
io-check = ghi kết quả kiểm tra
io-runtime = khởi động bộ chạy truy vấn
io-stdin = đọc SQL từ đầu vào chuẩn
io-output = ghi

## Thông báo khác

warehouse-old = kho dữ liệu { $path } không có bảng { $table } (do phiên bản cũ ghi): hãy chạy `commune-report ingest` để dựng lại
report-format = định dạng báo cáo "{ $format }" không có; dùng md, html, xlsx, docx, json hoặc csv
shell-start = không mở được cửa sổ truy vấn: { $cause }
shell-input = lỗi nhập trong cửa sổ truy vấn: { $cause }
sql-output-protected = { $path } nằm trong { $root }, nơi chỉ lần chạy được ghi; hãy chọn đường dẫn ngoài kho dữ liệu và các thư mục của nó
sql-no-schema = truy vấn không trả về cấu trúc để ghi
init-existing = init không ghi đè tệp đã có; hãy chuyển các tệp này đi hoặc chọn thư mục khác: { $files }
init-written = { $folder } ({ $queries } truy vấn, { $templates } mẫu)
warn-cache-entry = một mục trong bộ nhớ đệm không còn khớp với nội dung đã ghi: tệp xuất của nó được đọc lại
warn-manifest-unreadable = không đọc được biên bản lần chạy: { $cause }
info-lock-taken-over = tiếp quản khóa của một lần chạy chưa kết thúc ({ $holder })
warn-no-summary-role = không truy vấn nào khai báo `-- role: { $role }`: báo cáo không có phần tường thuật
warn-same-bytes = trùng nội dung với { $first }: các dòng chỉ được tính một lần
warn-empty-file = tệp rỗng: không có dòng tiêu đề và không có dòng dữ liệu
info-report-published = đã ban hành báo cáo
info-same-edition = số liệu như bản đã ban hành: giữ nguyên (bổ sung định dạng còn thiếu)
info-published = đã ban hành kho dữ liệu
warn-manifest-not-saved = không lưu được biên bản lần chạy: { $cause }
lock-busy = một lần chạy khác đang giữ { $path } ({ $holder }); hãy chờ lần chạy đó kết thúc
report-not-published = kho dữ liệu đã được ban hành nhưng báo cáo thì không: { $cause }; hãy chạy `commune-report report` khi đã khắc phục nguyên nhân
query-role-twice = khai báo `-- role: { $role }` giống { $other }; mỗi vai trò chỉ một mục
template-error = mẫu { $name }: { $cause }
error-engine = bộ truy vấn: { $cause }
error-invariant = kiểm tra nội bộ thất bại: { $cause }
error-command-line = lỗi dòng lệnh (chi tiết bằng tiếng Anh): { $detail }
cli-not-a-date = "{ $value }" không phải ngày dạng 2025-12-15

## Giới hạn của truy vấn tự do, cửa sổ SQL, --attach và serve
config-size = "{ $value }" không phải dung lượng dạng 256MB hay 2GiB
config-size-small = "{ $value }" quá nhỏ: cần ít nhất 16MiB
config-duration = "{ $value }" không phải khoảng thời gian dạng 30s, 10m hay 1h ("0": không giới hạn)
config-tls-pair = cần cả serve.tls_cert và serve.tls_key, hoặc không có cả hai
sql-memory-limit = truy vấn cần nhiều bộ nhớ hơn giới hạn ({ $limit }), kể cả khi đã ghi tạm ra đĩa: hãy lọc hoặc gộp nhóm thêm (WHERE, GROUP BY, LIMIT), hoặc tăng --memory-limit / engine.memory_limit
sql-time-limit = truy vấn chạy quá giới hạn thời gian ({ $limit }) nên đã bị dừng: hãy lọc thêm, hoặc tăng --time-limit / engine.time_limit
sql-row-one = (1 dòng)
sql-rows = ({ $n } dòng)
sql-rows-more = ({ $shown } dòng đầu; còn nữa: --max-rows 0 để xem hết, --format csv hoặc -o TỆP để xuất)
sql-record = BẢN GHI { $n }
sql-output-one-statement = -o TỆP chỉ nhận một câu lệnh; hãy chạy riêng các câu còn lại
attach-form = "{ $value }": cần dạng TÊN=TỆP, TÊN gồm chữ thường không dấu, chữ số và _ (ví dụ targets=chi_tieu.csv)
attach-name-taken = --attach { $name }: kho dữ liệu đã có bảng tên này; hãy chọn tên khác
attach-name-twice = --attach { $name } được khai hai lần
attach-unreadable = --attach { $name }: không đọc được { $path }: { $cause }
attach-too-big = lớn hơn { $limit }: hãy gắn một phần trích nhỏ hơn, hoặc nạp cùng các tệp xuất
attach-extension = không đọc được tệp ".{ $ext }": hãy gắn tệp .csv hoặc .parquet
table-attached = bảng của bạn (--attach), chỉ đọc, trong phiên này
shell-timing-on = Đã bật hiển thị thời gian.
shell-timing-off = Đã tắt hiển thị thời gian.
shell-expanded-on = Đã bật hiển thị mở rộng.
shell-expanded-off = Đã tắt hiển thị mở rộng.
shell-time = Thời gian: { $time }
io-listening = mở cổng nghe tại { $address }
serve-address = serve.listen "{ $address }" không phải địa chỉ để nghe ({ $cause }); cần dạng MÁY:CỔNG như 127.0.0.1:5432
serve-needs-password = { $address } có thể truy cập từ máy khác: hãy đặt mật khẩu (COMMUNE_REPORT_PASSWORD hoặc serve.password_file) hoặc nghe tại 127.0.0.1
serve-empty-password = tệp mật khẩu trống
serve-no-certificate = tệp này không có chứng thư (khối PEM "CERTIFICATE")
serve-no-key = tệp này không có khóa riêng (khối PEM "PRIVATE KEY")
serve-listening-trust = Đang phục vụ { $warehouse } (chỉ đọc) tại { $address }, không cần mật khẩu (chỉ máy này). Kết nối: psql -h 127.0.0.1 -p { $port } -U { $user }
serve-listening-password = Đang phục vụ { $warehouse } (chỉ đọc) tại { $address } cho người dùng { $user } (cần mật khẩu, không mã hóa). Kết nối: psql -h MÁY -p { $port } -U { $user }
serve-listening-tls = Đang phục vụ { $warehouse } (chỉ đọc) tại { $address } cho người dùng { $user } (cần mật khẩu, TLS). Kết nối: psql "host=MÁY port={ $port } user={ $user } sslmode=require"
serve-stopping = đang dừng: không nhận kết nối mới
serve-connected = kết nối từ { $peer }
serve-disconnected = { $peer } đã ngắt kết nối
serve-connection-error = kết nối { $peer }: { $cause }
serve-accept = không nhận được kết nối: { $cause }
serve-full = từ chối { $peer }: đã đủ { $max } kết nối (serve.max_connections)
serve-unknown-user = từ chối đăng nhập: không có người dùng "{ $user }" (từ { $host })
serve-query = truy vấn: { $sql }
serve-refused = từ chối (không phải chỉ đọc): { $sql }
serve-error = đã gửi lỗi: { $cause }
cmd-serve = Phục vụ kho dữ liệu (chỉ đọc) qua giao thức PostgreSQL (psql, DBeaver, Excel, Power BI, Metabase), đến khi nhấn Ctrl-C.
arg-serve-listen = Địa chỉ để nghe (mặc định: serve.listen trong cấu hình, nếu không có thì 127.0.0.1:5432).
arg-serve-memory_limit = Bộ nhớ tối đa cho tất cả truy vấn cộng lại, ví dụ 256MB (mặc định: engine.memory_limit, nếu không có thì một nửa bộ nhớ máy).
arg-serve-time_limit = Thời gian chạy tối đa của một truy vấn, ví dụ 30s hay 10m; 0: không giới hạn (mặc định: engine.time_limit, nếu không có thì 15m).
arg-sql-memory_limit = Bộ nhớ tối đa cho truy vấn, ví dụ 256MB (mặc định: engine.memory_limit, nếu không có thì một nửa bộ nhớ máy).
arg-sql-time_limit = Thời gian chạy tối đa của một truy vấn, ví dụ 30s hay 10m; 0: không giới hạn (mặc định: engine.time_limit, nếu không có thì 15m).
arg-sql-attach = Bảng riêng của bạn bên cạnh kho dữ liệu trong phiên này, chỉ đọc: TÊN=TỆP.csv hoặc TÊN=TỆP.parquet (có thể khai nhiều lần).

## Remote sources
remote-bad-url = "{ $url }" không phải URL để đọc tệp xuất ({ $cause })
remote-credentials-in-url = { $url }: mẫu đường dẫn từ xa không được chứa tên người dùng, mật khẩu hay chuỗi truy vấn (thông tin đăng nhập lấy từ biến môi trường: AWS_ACCESS_KEY_ID và AWS_SECRET_ACCESS_KEY cho S3)
remote-glob-in-folder = { $url }: ký tự đại diện chỉ được dùng trong tên tệp, ví dụ s3://bucket/tp1/ho-so*.csv
remote-short = tải xuống dừng sau { $got } trên { $size } byte
remote-not-found = không tìm thấy (kiểm tra tên bucket, thư mục và tệp)
remote-denied = bị từ chối truy cập (kiểm tra thông tin đăng nhập trong biến môi trường và quyền trên bucket hoặc thư mục chia sẻ)
error-remote = không đọc được nguồn từ xa { $url }: { $cause }; không công bố gì (đặt optional = true cho xã này để chạy khi thiếu nguồn)
warn-remote-optional = { $commune }: không đọc được nguồn từ xa { $url } ({ $cause }); xã này không bắt buộc nên lần chạy tiếp tục với dữ liệu đã nộp trước đó
remote-summary = nguồn từ xa: tải về { $downloaded } tệp, { $unchanged } tệp không đổi, { $removed } tệp không còn trên nguồn nên đã xóa khỏi hộp thư đến
io-warehouse-changing = các lần chạy liên tục công bố phiên bản mới trong lúc đang mở; hãy thử lại

## Tóm tắt thay đổi của lần chạy, thư điện tử
delivery-unreachable = không đọc được nguồn từ xa ({ $reason })
delivery-no-file = không có tệp hồ sơ nào khớp mẫu đường dẫn
delivery-quarantined = mọi tệp hồ sơ đều bị cách ly (không đọc được)
changes-since = Thay đổi so với lần chạy trước ({ $run }):
changes-first-run = Lần chạy đầu tiên (chưa có lần chạy trước để so sánh):
changes-not-delivered = { $commune }: KHÔNG NỘP — { $reason }
changes-new-files = tệp mới
changes-changed-files = tệp thay đổi
changes-gone-files = tệp không còn
changes-report = Báo cáo kỳ { $period } có số liệu thay đổi (lần ban hành { $edition }, thay lần { $previous }):
changes-none = Không có gì thay đổi.
warn-require-all = { $commune } không nộp gì ({ $reason }); quality.require_all_communes = true nên lần chạy kết thúc với mã 3
config-notify-security = "{ $value }" không phải cách bảo mật; dùng "starttls" (cổng 587), "tls" (cổng 465) hoặc "none"
config-notify-address = "{ $value }" không phải địa chỉ thư điện tử (ví dụ: Phòng Nội vụ <noivu@example.gov.vn>)
config-notify-no-recipient = cần ít nhất một người nhận trong notify.to
config-notify-attach = "{ $value }" không phải định dạng đính kèm được; dùng: { $allowed }
mail-smtp-failed = máy chủ thư { $server }: { $cause }
mail-bad-ca = chứng thư gốc { $path }: { $cause }
mail-no-password = notify.user = "{ $user }" nhưng biến môi trường { $var } chưa đặt mật khẩu
info-mail-sent = đã gửi thư "{ $subject }" đến { $to }
error-mail-not-sent = không gửi được thư thông báo: { $cause } (lần chạy vẫn giữ nguyên kết quả)
warn-mail-attachment = không đính kèm được { $path }: { $cause }
mail-subject-run = [Báo cáo CCHC] { $area }: kỳ { $start } – { $as_of }, lần ban hành { $edition }
mail-subject-missing = ; { $count } xã không nộp
mail-verdict-ok = Kết quả: đã công bố kho dữ liệu và báo cáo.
mail-verdict-quality = Kết quả: đã công bố, nhưng vượt ngưỡng chất lượng dữ liệu (mã thoát 3); xem cảnh báo trong nhật ký.
mail-period = Kỳ báo cáo: { $start } – { $as_of }, lần ban hành { $edition }
mail-run-id = Mã lần chạy: { $run }
mail-failed-unit = Tác vụ { $unit } đã thất bại.
mail-run-record = Lần chạy gần nhất: { $run }, bắt đầu { $started }, trạng thái { $status }, mã thoát { $code }
mail-failed-no-record = Lần chạy thất bại không để lại biên bản (có thể bị dừng đột ngột); xem: journalctl -u commune-report
mail-no-run = Chưa có biên bản lần chạy nào.
mail-failed-nothing-published = Không có gì mới được công bố: kho dữ liệu và báo cáo trước đó vẫn giữ nguyên.
mail-failed-warehouse-published = Kho dữ liệu mới đã được công bố nhưng báo cáo thì chưa; chạy lại: commune-report report
mail-published = Kho dữ liệu và báo cáo của lần chạy này đã được công bố.
mail-subject-failed = [Báo cáo CCHC] { $area }: lần chạy THẤT BẠI
mail-subject-record = [Báo cáo CCHC] { $area }: kết quả lần chạy gần nhất
notify-not-configured = chưa cấu hình [notify] (máy chủ thư, người gửi, người nhận)
notify-sent = đã gửi thư đến { $to }
cmd-notify = Gửi thư điện tử cho người nhận trong [notify] về kết quả lần chạy gần nhất; với --failed: báo tác vụ đã thất bại (đơn vị systemd chạy khi tác vụ lỗi dùng lệnh này).
arg-notify-failed = Tác vụ đã thất bại: báo như vậy kể cả khi lần chạy không để lại biên bản (bị dừng đột ngột).
arg-notify-unit = Tên đơn vị systemd đã thất bại, ghi trong thư.

## Đọc một tệp lớn theo từng phần
info-one-piece = đọc cả tệp trong một lượt, không chia phần: { $reason }
info-kept-out = { $rows } dòng của { $communes } xã không có trong cấu hình được để ra ngoài
changes-kept-out = { $source }: { $rows } dòng của các xã không có trong cấu hình được để ra ngoài: { $values }
changes-kept-out-more = và { $more } giá trị khác
delivery-no-rows = các tệp chung không có dòng hồ sơ nào của xã
piece-small = không tìm được điểm cắt (các dòng quá dài hoặc nằm trong ô có dấu ngoặc kép)
piece-not-at-record = điểm cắt tại byte { $offset } nằm giữa một bản ghi (dấu ngoặc kép không theo chuẩn)
piece-record-cut = có bản ghi dài quá giới hạn
piece-failed = một phần không đọc được; lượt đọc cả tệp sẽ báo lỗi cụ thể
