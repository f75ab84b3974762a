"""Drives a program through a pseudo-terminal like a person at a keyboard: waits for a
prompt before typing each line. Lines of stdin are typed in order; a line `<CTRL-C>`
sends Ctrl-C after a short wait (to interrupt a running query). Prints everything
the program wrote."""
import os
import pty
import re
import select
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

    mark = 0
    for line in script:
        if line == "<CTRL-C>":
            read_for(1.5)
            mark = len(seen)
            os.write(fd, b"\x03")
            continue
        wait_prompt(mark)
        if os.environ.get("PTY_DEBUG"): sys.stderr.write(f"typing {line!r}\n")
        mark = len(seen)
        os.write(fd, line.encode() + b"\r")
        read_for(0.2)
    read_for(5)
    _, status = os.waitpid(pid, 0)
    sys.stdout.write(seen.decode(errors="replace"))
    sys.exit(os.waitstatus_to_exitcode(status))


if __name__ == "__main__":
    main()
