#!/usr/bin/env python3
"""androguard's DEX string tables, the peer bench/artifact.ts measures LeakLens against:
DalvikVMFormat(bytes).get_strings() over every classes*.dex of an APK.
Usage: androguard_strings.py APK  ->  prints one JSON line {"dex": N, "strings": N}."""
import json
import re
import sys
import zipfile

from androguard.core.bytecodes.dvm import DalvikVMFormat


def main(apk):
    dex = strings = 0
    with zipfile.ZipFile(apk) as z:
        for name in sorted(z.namelist()):
            if re.fullmatch(r"classes\d*\.dex", name):
                dex += 1
                strings += len(DalvikVMFormat(z.read(name)).get_strings())
    print(json.dumps({"dex": dex, "strings": strings}))


if __name__ == "__main__":
    main(sys.argv[1])
