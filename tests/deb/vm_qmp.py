#!/usr/bin/env python3
"""vm_qmp.py: one command to a running QEMU over its QMP socket, for vm_install_boot.sh.

usage: vm_qmp.py SOCKET screendump FILE.png
       vm_qmp.py SOCKET tap X Y WIDTH HEIGHT     (a press and release of the usb-tablet bound to "video0"
                                                  at pixel X,Y of a WIDTHxHEIGHT screen)
Exit 0 when QEMU answered "return", 1 with its error on stderr otherwise."""
import json
import socket
import sys
import time


def talk(sock_path, commands):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(30)
    s.connect(sock_path)
    f = s.makefile("rw")
    json.loads(f.readline())  # the greeting
    for cmd in [{"execute": "qmp_capabilities"}] + commands:
        f.write(json.dumps(cmd) + "\n")
        f.flush()
        while True:
            reply = json.loads(f.readline())
            if "event" in reply:
                continue
            if "error" in reply:
                sys.stderr.write("qmp %s: %s\n" % (cmd["execute"], reply["error"].get("desc")))
                return 1
            break
    s.close()
    return 0


def abs_events(x, y, w, h):
    # usb-tablet axes run 0..32767 over the whole screen.
    return [{"type": "abs", "data": {"axis": "x", "value": int(x * 32767 / max(1, w - 1))}},
            {"type": "abs", "data": {"axis": "y", "value": int(y * 32767 / max(1, h - 1))}}]


def main(argv):
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    sock, verb = argv[1], argv[2]
    if verb == "screendump" and len(argv) == 4:
        return talk(sock, [{"execute": "screendump",
                            "arguments": {"filename": argv[3], "format": "png"}}])
    if verb == "tap" and len(argv) == 7:
        x, y, w, h = (int(v) for v in argv[3:7])
        # To the input devices bound to the display "video0" (the usb-tablet is, with
        # display=video0): left alone, QEMU sends a button to the first device that
        # has buttons, which may be the PS/2 mouse.
        dev = {"device": "video0"}
        move = {"execute": "input-send-event", "arguments": dict(dev, events=abs_events(x, y, w, h))}
        down = {"execute": "input-send-event", "arguments": dict(dev, events=[
            {"type": "btn", "data": {"down": True, "button": "left"}}])}
        up = {"execute": "input-send-event", "arguments": dict(dev, events=[
            {"type": "btn", "data": {"down": False, "button": "left"}}])}
        if talk(sock, [move]) != 0:
            return 1
        time.sleep(0.3)
        if talk(sock, [down]) != 0:
            return 1
        time.sleep(0.15)
        return talk(sock, [up])
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
