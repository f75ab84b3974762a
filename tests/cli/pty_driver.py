"""Drives a program through a pseudo-terminal like a person at a keyboard: waits for a
prompt before typing each line. Lines of stdin are typed in order; `<TAB>` in a line
is the Tab key. Directives:
  <CTRL-C>      sends Ctrl-C after a short wait (to interrupt a running query)
  <CPU>         after a pause, measures the program's CPU use over one second and
                reports it as `[driver] cpu=<cores busy>` at the end
  <EXEC> CMD    runs CMD with sh (between two lines typed) and waits for it
Prints everything the program wrote, then the driver's reports."""
import os
import pty
import re
import select
import subprocess
import sys
import time

PROMPTS = (b"sql> ", b"  -> ")
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def main() -> None:
    script = sys.stdin.read().rstrip("\n").split("\n")
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(sys.argv[1], sys.argv[1:])
    seen = b""

    def read_for(seconds: float) -> None:
        nonlocal seen
        end = time.time() + seconds
        while time.time() < end:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                seen += chunk

    def wait_prompt(since: int, seconds: float = 60) -> None:
        # A prompt counts once the screen ends with it and stays quiet a moment
        # (rustyline redraws the prompt while a long line is typed).
        end = time.time() + seconds
        while time.time() < end:
            before = len(seen)
            read_for(0.3)
            quiet = len(seen) == before
            tail = ANSI.sub(b"", seen[since:]).rstrip()
            if quiet and any(tail.endswith(p.rstrip()) for p in PROMPTS):
                return
        sys.stdout.write(seen.decode(errors="replace"))
        sys.exit("timed out waiting for a prompt")

    def cpu_seconds() -> float:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    reports = []
    mark = 0
    for line in script:
        if line == "<CTRL-C>":
            read_for(1.5)
            mark = len(seen)
            os.write(fd, b"\x03")
            continue
        if line == "<CPU>":
            read_for(1.0)
            before = cpu_seconds()
            read_for(1.0)
            reports.append(f"[driver] cpu={cpu_seconds() - before:.2f}")
            continue
        if line.startswith("<EXEC> "):
            wait_prompt(mark)
            subprocess.run(["sh", "-c", line[len("<EXEC> "):]], check=True)
            continue
        wait_prompt(mark)
        if os.environ.get("PTY_DEBUG"): sys.stderr.write(f"typing {line!r}\n")
        mark = len(seen)
        os.write(fd, line.replace("<TAB>", "\t").encode() + b"\r")
        read_for(0.2)
    read_for(5)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(seen.decode(errors="replace"))
    for report in reports:
        sys.stdout.write("\n" + report)
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
