# commune-report: messages in English. Each id has its Vietnamese twin in vi.ftl;
# the tests fail when one catalogue lacks an id the other or the code has.
# Arguments ($file, $n …) are filled in by the program; keep them as they are.

## Errors and the command line

error-prefix = error: { $message }
error-caused-by = caused by: { $cause }
error-config = config { $path }: { $message }
error-config-key = key `{ $key }`: { $message }
test-echo = «{ $value }»

help-usage = Usage:
help-commands = Commands:
help-arguments = Arguments:
help-options = Options:

cmd-root = Consolidated administrative-reform report of the Tân Phước communes, from the CSV exports of their Public Administration Service Centres.
cmd-run = Ingest, then report: the scheduled job.
cmd-ingest = CSV exports -> warehouse (Parquet), with rejects.
cmd-report = Run the report's queries over the warehouse and publish the report (an edition of its period; earlier editions are kept).
cmd-sql = Ad hoc, read-only SQL over the warehouse. Without QUERY or -f: an interactive shell on a terminal, else SQL from stdin (several statements separated by `;`).
cmd-sql-examples =
    Examples:
      commune-report sql "SELECT commune, count(*) FROM dossiers GROUP BY commune"
      commune-report sql -f late.sql --format csv
      echo "SELECT * FROM rejects" | commune-report sql --format ndjson
      commune-report sql "SELECT * FROM dossiers" -o dossiers.parquet
cmd-init = A starter config and editable copies of the built-in queries and templates in DIR (default: the current folder); never overwrites a file.
cmd-check = Dry run: what would be detected and rejected, per file; writes nothing but the inbox of remote exports it fetches first.

arg-config = Configuration file (default: commune-report.toml); relative paths in it are relative to its folder.
arg-log_format = Log format on stderr: text (default) or json.
arg-verbose = More log output (-v: debug, -vv: trace).
arg-quiet = Only errors on stderr.
arg-threads = Worker threads for reading files and running queries (default: config engine.threads, else every core).
arg-lang = Language of messages: vi or en (default: COMMUNE_REPORT_LANG, else the locale: LC_ALL, LC_MESSAGES, LANG).
arg-help = Print help.
arg-version = Print the version.
arg-run-period_start = First day counted (default: config report.period_start).
arg-run-as_of = Last day counted (default: config report.as_of, else the newest snapshot).
arg-run-full_refresh = Parse every export again instead of reusing unchanged ones.
arg-ingest-full_refresh = Parse every export again instead of reusing unchanged ones.
arg-report-period_start = First day counted (default: config report.period_start).
arg-report-as_of = Last day counted (default: config report.as_of, else the newest snapshot).
arg-report-formats = Formats to write, comma-separated: md, html, xlsx, docx, json, csv (default: all but csv; report.json is always written: it is the edition's record).
arg-sql-query = The query.
arg-sql-file = Read the SQL from this file.
arg-sql-format = Output format on stdout: table (default), csv, json or ndjson.
arg-sql-output = Write the result to FILE instead, in the format of its extension (.csv, .json, .ndjson, .parquet).
arg-sql-max_rows = Rows shown by --format table (default: 100; 0: all).
arg-init-dir = Folder to write into (created if missing).
arg-check-files = Files to check (default: every file the config's globs match).

## Console summary of run and ingest

summary-received = received
summary-resolved = resolved
summary-late = late
summary-processing = processing
summary-paused = paused
summary-returned = returned
summary-withdrawn = withdrawn
summary-online = online
summary-report = report: { $dir }
summary-quarantined = quarantined { $file } ({ $commune }): { $error }
ingest-counts = { $code } { $name }: { $files } files, { $dossiers } dossiers loaded, { $superseded } superseded, { $rejected } rejected
ingest-quarantined = quarantined { $file }: { $error }
warn-file-left-out = { $file } could not be read and was left out: { $error }
warn-reject-ratio = { $commune }: { $rejected } of { $rows } rows rejected, above quality.max_reject_ratio
warn-unknown-labels = unknown { $what } labels loaded as null: «{ $labels }» (teach them in [labels]; `check` suggests the lines)

## check

check-file = { $path } ({ $commune }, { $kind })
check-error = error: { $why }
check-fate-quarantine = -> a run quarantines this file: the other exports load, exit 3
check-fate-fail = -> the run fails on this file (quality.on_file_error = "fail")
check-detected = encoding { $encoding }, delimiter { $delimiter }, header on line { $line }, snapshot { $snapshot }
check-snapshot-mtime = modification date
check-mapped = mapped: { $columns }
check-ignored = ignored: { $columns }
check-dropped = dropped (personal data): { $columns }
check-counts = { $rows } data rows, { $rejected } would be rejected, { $blank } blank lines
check-reason = { $code } x{ $count } (lines { $lines }): { $reason }
check-labels =
    Labels no table knows (a status is a rejected row; a channel, timeliness or online level is loaded as empty). Paste these lines at the end of { $config } (they apply to every commune; replace each "?" with one of the values listed; check again to see them placed):
check-headers =
    Headers of { $commune } that look like a column its files lack. Paste this line into the [[communes]] block with code = "{ $commune }" (after its globs):
snippet-rows = { $n } row(s) in { $communes }
snippet-likely = likely
snippet-choose = one of: { $values }

## Files that cannot be read

file-open = cannot open: { $cause }
file-read = cannot read: { $cause }
file-undecodable = byte 0x{ $byte } at offset { $offset } is valid in neither UTF-8 (first bad sequence at offset { $first }) nor Windows-1258; re-export the file as UTF-8 or set csv.encoding for this commune
file-invalid-utf8 = invalid UTF-8 at byte offset { $offset }; re-export the file as UTF-8 or set csv.encoding for this commune
file-nul = NUL byte at offset { $offset }: binary data, or UTF-16 without a byte-order mark (then set csv.encoding = "utf-16le" for this commune)
file-no-header = no header line found { $place }: a { $kind } export needs columns for { $keys } (for example { $example }); if this file names them differently, map its headers with `columns = {"{"} "<header>" = "<column>" {"}"}` in the commune's config
file-header-where-line = on line { $line } (csv.header_line)
file-header-where-first = in the first { $searched } lines
file-csv = unreadable near line { $line }: { $cause }
file-changed = the file changed while it was read (its size or modification time differ before and after); run again once the export is complete
file-quote = a quote opened on line { $line } is still open after { $max } bytes: a quote character inside a cell is probably not doubled; fix that line (or raise csv.max_record_bytes if a cell really is this long)
file-csv-after = unreadable after { $records } records: { $cause }
file-no-commune-column = the header (line { $line }) has no column «{ $column }», which `commune_column` names for this shared export; its columns are «{ $headers }»: set `commune_column` to the header that names each row's commune


## Configuration

config-unreadable = { $why }; pass the config with -c FILE
config-invalid = the file is not a valid configuration: { $detail }
config-no-communes = no [[communes]] configured; add one [[communes]] block per commune (code, name, dossiers)

## Warnings

warn-code-not-official = { $path }: commune code "{ $code }" ({ $name }) is not on the national list of 2026-07-25; check it (data/reference/)
warn-no-export = { $name } has delivered no dossier export (nothing matches its globs); the report shows it as missing
warn-quarantined = quarantined, the other exports load without it: { $reason }
warn-skip-loop = skipped a symbolic link that loops back: { $cause }
warn-skip-not-file = skipped: matched by "{ $pattern }" but not a regular file
warn-skip-outside = skipped: a symbolic link leading out of the folder "{ $pattern }" reads from
warn-skip-same = skipped: the same file as { $first } (reached by another path)
warn-before-period = { $name }: its newest dossier export is of { $date }, before the period starts ({ $start }): the report shows it as not delivered for the period
warn-stale = { $name }: its newest dossier export is of { $date }, so its figures are as at { $date }, { $age } days before as_of { $as_of } (the report says so beside them)
warn-too-old = { $name }: data { $age } days old, above quality.max_data_age_days = { $max }
warn-as-of-past = as_of { $as_of } is after every commune's newest dossier export: each commune is counted at its own newest data
warn-empty-period = no dossier was received in the period { $start } .. { $as_of }: check the period and the exports (the report shows 0 received)
warn-coded-comparison = `{ $column }` holds the canonical values { $values }, never the label '{ $text }' as an export writes it: compare with one of those (the report's tables show them in Vietnamese)

## The SQL shell: \d and \d TABLE

table-dossiers = one row per dossier per commune; the newest snapshot wins
table-dossier_history = every dossier row of every export, superseded ones included (any date can be rebuilt)
table-procedures = procedures a commune serves, with their online level
table-indicators = figures a commune reports itself
table-rejects = every data row that was not loaded, with why
table-files = every input file: what was detected and how its rows ended
table-runs = one row per run: when, status, exit code, inputs, rows
table-communes = the communes of the config, in config order
table-report_period = one row: the period the report counts
table-data_dates = per commune: its newest export and the day its figures are true at
table-dossiers_as_of = every dossier as at as_of, with its commune's data date (the report's rule)
table-dossiers_before_period = every dossier as at the day before period_start
col-any-commune_code = administrative-unit code of the commune (partition)
col-any-commune = commune name from the config
col-any-source_file = input file, relative to the config file
col-any-source_line = 1-based physical line where the record starts
col-any-snapshot_date = date of the export the row came from
col-any-dossier_id = Mã hồ sơ / Số biên nhận
col-any-procedure_code = Mã thủ tục (TTHC)
col-any-procedure_name = Tên thủ tục
col-any-field = Lĩnh vực, as written (NFC)
col-any-channel = online, in_person, postal or null
col-any-received_date = Ngày tiếp nhận
col-any-due_date = Ngày hẹn trả
col-any-completed_date = Ngày có kết quả / hoàn thành
col-files-status = loaded, or quarantined: the file could not be read as an export
col-any-status = processing, paused, resolved, returned or withdrawn
col-any-timeliness = for resolved: early, on_time, late; null when unknown
col-procedures-online_level = full (toàn trình), partial (một phần) or null
col-indicators-indicator = canonical key (reported_received, digital_teams, ...) or a slug
col-indicators-label = the label as the commune wrote it
col-indicators-value = the figure (1.962 read as 1962)
col-indicators-unit = Đơn vị tính
col-indicators-note = Ghi chú
col-rejects-reason_code = missing_required, bad_date, unknown_status, bad_field_count, date_order, bad_number, footer, record_too_long, bad_encoding
col-rejects-column = canonical column at fault, if one
col-rejects-reason = a sentence saying what is wrong
col-rejects-raw_record = the record as written, personal data masked
col-files-kind = dossiers, procedures or indicators
col-files-sha256 = hash of the file's bytes
col-files-bytes = size of the file
col-files-delimiter = , ; tab or |
col-files-encoding = utf-8, utf-8-bom, utf-16le, utf-16be or windows-1258
col-files-header_line = physical line of the header
col-files-data_rows = records below the header (blank lines excluded)
col-files-loaded = rows kept in the warehouse
col-files-superseded = rows replaced by a newer snapshot
col-files-rejected = rows in the rejects table
col-files-blank_lines = blank lines below the header
col-files-error = why a quarantined file could not be read
col-communes-position = order in the config
col-any-data_date = the day the commune's figures are true at (as_of, or its newest export if older)
col-data_dates-newest_export = date of the commune's newest dossier export
col-report_period-period_start = first day counted
col-report_period-as_of = last day counted

shell-banner = commune-report SQL (read-only). \? for help, \q to quit.
shell-help =
    \d            list the tables
    \d TABLE      the columns of TABLE and what they mean
    \x            expanded display (one record per block) on or off
    \timing       show how long each statement took, on or off
    \q            quit (or Ctrl-D)
    \?            this help
    SQL ends with ';' and may span lines; Tab completes tables, columns and commands. Ctrl-C stops the running query or clears the line.
shell-unknown = unknown command { $command }; \? lists them
shell-stopped = error: the query stopped: { $cause }
shell-cancelled = query cancelled
shell-no-table = no table "{ $name }"; \d lists the tables
shell-never-null = never null

## SQL

sql-empty = no SQL given
sql-not-a-query = statement { $n } is not a query: { $words }; the warehouse is read-only, so nothing was run
sql-read-only = { $cause } (the warehouse is read-only: only queries are allowed; nothing was run)
sql-unreadable = SQL: the SQL cannot be read: { $detail }
sql-end-of-text = the end of the text
sql-at = { " " }at line { $line }, column { $column }
sql-syntax = SQL: the SQL cannot be read{ $place }: found { $word } where { $expected } was expected
sql-no-table-like = SQL: there is no table `{ $name }`; did you mean `{ $like }`? (\d in the shell lists the tables)
sql-no-table = SQL: there is no table `{ $name }` (\d in the shell lists the tables)
sql-query-and-file = give a QUERY or -f FILE, not both
sql-output-extension = cannot tell the format of { $path } from its extension "{ $ext }": use .csv, .json, .ndjson or .parquet
report-no-as-of = no dossier export has been loaded, so as_of cannot default to the newest snapshot; pass --as-of or set report.as_of
report-as-of-before-start = as_of { $as_of } is before the period's first day { $start }

config-folder = cannot resolve its folder: { $cause }
config-date = expected a date like { $example }
config-as-of-before = { $as_of } is before report.period_start { $start }
config-ratio = { $value } is not a ratio between 0 and 1
config-empty = must not be empty
config-on-file-error = "{ $value }" is not "quarantine" or "fail"
config-group-by = "{ $value }" is not "province" (or leave it out, and give communes a `group` of their own)
config-province = "{ $value }" is not a province of the national list (data/reference/), e.g. "Tỉnh Đồng Tháp" or "Thành phố Hà Nội"
config-threads = must be at least 1
config-code = "{ $code }" must match [0-9A-Za-z_-]+
config-duplicate-code = duplicate commune code "{ $code }"
config-no-glob = needs at least one glob
config-unknown-column = unknown canonical column "{ $target }"; expected one of { $columns }
config-personal = "{ $header }" names personal data, which never leaves the input; it cannot feed the column "{ $target }" (remove this mapping)
config-queries-folder = key `paths.queries`: { $folder } is not a folder; create it (`commune-report init` writes an editable copy of the built-in queries) or remove the key
config-encoding = unknown encoding "{ $label }" (try utf-8, utf-16le, windows-1258)
config-delimiter = "{ $value }" is not one of "," ";" "\t" "|"
config-header-line = lines count from 1
config-date-order = "{ $value }": only day-first dates ("dmy") are read
config-max-record = must be at least 1024 (a record longer than this is rejected)
config-label-value = key `{ $key }`: "{ $value }" is not a value of { $column }; expected one of { $values }
config-label-empty = key `{ $key }`: the label is empty

## Files and folders (what was being done when the system said no)

io-clearing = clearing { $path }
io-creating = creating { $path }
io-listing = listing { $path }
io-locking = locking { $path }
io-opening = opening { $path }
io-publishing = publishing { $path }
io-reading = reading { $path }
io-resolving = resolving { $path }
io-syncing = syncing { $path }
io-writing = writing { $path }
io-read-only = making { $path } read-only
io-copying = copying { $from } to { $to }
io-lock = opening the lock { $path }
io-warehouse = opening the warehouse { $path } (run `commune-report ingest` first)
io-queries-folder = reading the queries folder { $path } (paths.queries in the config)
io-mtime = reading the modification time of { $path }
io-not-a-warehouse-link = { $path } exists and is not a link to a warehouse version; move it away
io-not-a-report-link = { $path } exists and is not a link to a report edition; move it away
io-summary = writing the summary
io-result = writing the result
io-check = writing the check
io-runtime = starting the query runtime
io-stdin = reading SQL from stdin
io-output = writing

## Other messages

warehouse-old = the warehouse { $path } has no table { $table } (it was written by an older version): run `commune-report ingest` to rebuild it
report-format = unknown report format "{ $format }"; expected md, html, xlsx, docx, json or csv
shell-start = cannot start the shell: { $cause }
shell-input = shell input: { $cause }
sql-output-protected = { $path } is inside { $root }, which only runs write; choose a path outside the warehouse and its folders
sql-no-schema = the query returned no schema to write
init-existing = init writes nothing over existing files; move these away or choose another folder: { $files }
init-written = { $folder } ({ $queries } queries, { $templates } templates)
warn-cache-entry = a parse-cache entry no longer matches what was written: its export is parsed anew
warn-manifest-unreadable = unreadable run manifest: { $cause }
info-lock-taken-over = taking over the lock of a run that did not finish ({ $holder })
warn-no-summary-role = no query declares `-- role: { $role }`: the report has no narrative
warn-same-bytes = same bytes as { $first }: its rows count once
warn-empty-file = empty file: no header and no rows
info-report-published = report published
info-same-edition = same figures as the published edition: kept (missing formats added)
info-published = published
warn-manifest-not-saved = could not save the run manifest: { $cause }
lock-busy = another run holds { $path } ({ $holder }); wait for it to finish
report-not-published = the warehouse was published, the report could not be: { $cause }; run `commune-report report` once the cause is fixed
query-role-twice = declares `-- role: { $role }` like { $other }; one section per role
template-error = template { $name }: { $cause }
error-engine = query engine: { $cause }
error-invariant = internal check failed: { $cause }
error-command-line = error: { $detail }
cli-not-a-date = "{ $value }" is not a date like 2025-12-15

## Limits of ad hoc queries, the shell, --attach and serve
config-size = "{ $value }" is not a size like 256MB or 2GiB
config-size-small = "{ $value }" is too small: give at least 16MiB
config-duration = "{ $value }" is not a duration like 30s, 10m or 1h ("0": no limit)
config-tls-pair = give both serve.tls_cert and serve.tls_key, or neither
sql-memory-limit = the query needs more memory than the limit ({ $limit }) allows, even writing to disk where it can: filter or aggregate more (WHERE, GROUP BY, LIMIT), or raise --memory-limit / engine.memory_limit
sql-time-limit = the query ran longer than the limit ({ $limit }) and was stopped: filter more, or raise --time-limit / engine.time_limit
sql-row-one = (1 row)
sql-rows = ({ $n } rows)
sql-rows-more = (the first { $shown } rows; there are more: --max-rows 0 shows all, --format csv or -o FILE exports them)
sql-record = RECORD { $n }
sql-output-one-statement = -o FILE takes one statement; run the others separately
attach-form = "{ $value }": give NAME=FILE, NAME in lower-case letters, digits and _ (such as targets=chi_tieu.csv)
attach-name-taken = --attach { $name }: the warehouse already has a table of that name; choose another
attach-name-twice = --attach { $name } is given twice
attach-unreadable = --attach { $name }: cannot read { $path }: { $cause }
attach-too-big = larger than { $limit }: attach a smaller extract, or load it with the exports
attach-extension = cannot read ".{ $ext }" files: attach a .csv or .parquet file
table-attached = your table (--attach), read-only, for this session
shell-timing-on = Timing is on.
shell-timing-off = Timing is off.
shell-expanded-on = Expanded display is on.
shell-expanded-off = Expanded display is off.
shell-time = Time: { $time }
io-listening = listening on { $address }
serve-address = serve.listen "{ $address }" is not an address to listen on ({ $cause }); give HOST:PORT such as 127.0.0.1:5432
serve-needs-password = { $address } is reachable from other machines: set a password (COMMUNE_REPORT_PASSWORD or serve.password_file) or listen on 127.0.0.1
serve-empty-password = the password file is empty
serve-no-certificate = no certificate (PEM "CERTIFICATE" block) in this file
serve-no-key = no private key (PEM "PRIVATE KEY" block) in this file
serve-listening-trust = Serving { $warehouse } read-only on { $address }, without a password (this machine only). Connect: psql -h 127.0.0.1 -p { $port } -U { $user }
serve-listening-password = Serving { $warehouse } read-only on { $address } for user { $user } (password required, not encrypted). Connect: psql -h HOST -p { $port } -U { $user }
serve-listening-tls = Serving { $warehouse } read-only on { $address } for user { $user } (password required, TLS). Connect: psql "host=HOST port={ $port } user={ $user } sslmode=require"
serve-stopping = stopping: no new connections
serve-connected = connection from { $peer }
serve-disconnected = { $peer } disconnected
serve-connection-error = connection { $peer }: { $cause }
serve-accept = could not accept a connection: { $cause }
serve-full = refused { $peer }: already { $max } connections (serve.max_connections)
serve-unknown-user = login refused: unknown user "{ $user }" from { $host }
serve-query = query: { $sql }
serve-refused = refused (not read-only): { $sql }
serve-error = sent error: { $cause }
cmd-serve = Serve the warehouse read-only over the PostgreSQL protocol (psql, DBeaver, Excel, Power BI, Metabase), until Ctrl-C.
arg-serve-listen = Address to listen on (default: config serve.listen, else 127.0.0.1:5432).
arg-serve-memory_limit = Memory all queries may use together, such as 256MB (default: config engine.memory_limit, else half the machine's).
arg-serve-time_limit = Longest a query may run, such as 30s or 10m; 0: none (default: config engine.time_limit, else 15m).
arg-sql-memory_limit = Memory the queries may use, such as 256MB (default: config engine.memory_limit, else half the machine's).
arg-sql-time_limit = Longest a query may run, such as 30s or 10m; 0: none (default: config engine.time_limit, else 15m).
arg-sql-attach = Your own table beside the warehouse for this session, read-only: NAME=FILE.csv or NAME=FILE.parquet (repeatable).

## Remote sources
remote-bad-url = "{ $url }" is not a URL to read exports from ({ $cause })
remote-credentials-in-url = { $url }: a remote glob may not carry a user, password or query string (credentials come from the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY for S3)
remote-glob-in-folder = { $url }: wildcards may stand only in the file name, such as s3://bucket/tp1/ho-so*.csv
remote-short = the download stopped after { $got } of { $size } bytes
remote-not-found = not found (check the bucket, folder and file name)
remote-denied = access denied (check the credentials in the environment and the rights on the bucket or share)
error-remote = cannot read the remote source { $url }: { $cause }; nothing was published (mark the commune optional = true to run without it)
warn-remote-optional = { $commune }: the remote source { $url } cannot be read ({ $cause }); the commune is optional, so the run goes on with what it delivered before
remote-summary = remote sources: { $downloaded } downloaded, { $unchanged } unchanged, { $removed } gone from the remote and removed from the inbox
io-warehouse-changing = runs kept publishing new versions while it was being opened; try again

## The run's summary of changes, e-mail
delivery-unreachable = the remote source could not be read ({ $reason })
delivery-no-file = no dossier file matches its globs
delivery-quarantined = every dossier file was quarantined (unreadable)
changes-since = Changes since the previous run ({ $run }):
changes-first-run = First run (no previous run to compare with):
changes-not-delivered = { $commune }: DELIVERED NOTHING — { $reason }
changes-new-files = new files
changes-changed-files = changed files
changes-gone-files = files gone
changes-report = The report of { $period } has changed figures (edition { $edition }, replacing edition { $previous }):
changes-none = Nothing changed.
warn-require-all = { $commune } delivered nothing ({ $reason }); quality.require_all_communes = true, so the run exits 3
config-notify-security = "{ $value }" is not a security mode; use "starttls" (port 587), "tls" (port 465) or "none"
config-notify-address = "{ $value }" is not an e-mail address (example: Home Affairs <noivu@example.gov.vn>)
config-notify-no-recipient = notify.to needs at least one recipient
config-notify-attach = "{ $value }" is not a format that can be attached; use: { $allowed }
mail-smtp-failed = mail server { $server }: { $cause }
mail-bad-ca = root certificate { $path }: { $cause }
mail-no-password = notify.user = "{ $user }" but the environment variable { $var } holds no password
info-mail-sent = sent "{ $subject }" to { $to }
error-mail-not-sent = the notification e-mail could not be sent: { $cause } (the run's outcome stands)
warn-mail-attachment = could not attach { $path }: { $cause }
mail-subject-run = [Administrative reform report] { $area }: { $start } – { $as_of }, edition { $edition }
mail-subject-missing = ; { $count } commune(s) delivered nothing
mail-verdict-ok = Outcome: the warehouse and the report were published.
mail-verdict-quality = Outcome: published, but a data-quality threshold was exceeded (exit 3); see the warnings in the log.
mail-period = Period: { $start } – { $as_of }, edition { $edition }
mail-run-id = Run: { $run }
mail-failed-unit = The job { $unit } failed.
mail-run-record = Newest run: { $run }, started { $started }, status { $status }, exit code { $code }
mail-failed-no-record = The failed run left no record (it may have been killed); see: journalctl -u commune-report
mail-no-run = No run has been recorded yet.
mail-failed-nothing-published = Nothing new was published: the earlier warehouse and report stand.
mail-failed-warehouse-published = The new warehouse was published but the report was not; rerun: commune-report report
mail-published = This run's warehouse and report were published.
mail-subject-failed = [Administrative reform report] { $area }: run FAILED
mail-subject-record = [Administrative reform report] { $area }: outcome of the newest run
notify-not-configured = [notify] is not configured (mail server, sender, recipients)
notify-sent = e-mail sent to { $to }
cmd-notify = E-mail the newest run's outcome to the [notify] recipients; with --failed, that the job failed (the systemd unit started when the job fails runs this).
arg-notify-failed = The job failed: say so even when the run left no record (killed).
arg-notify-unit = The systemd unit that failed, named in the mail.

## Reading a large file in pieces
info-one-piece = read in one pass, not in pieces: { $reason }
info-kept-out = { $rows } rows of { $communes } communes the config leaves out were kept out
changes-kept-out = { $source }: { $rows } rows of communes not in the config kept out: { $values }
changes-kept-out-more = and { $more } more
delivery-no-rows = the shared exports hold no dossier rows of it
piece-small = no cut point found (lines too long, or inside quoted cells)
piece-not-at-record = the cut point at byte { $offset } falls inside a record (non-standard quotes)
piece-record-cut = a record is longer than the bound
piece-failed = a piece could not be read; the one-pass read names the error
