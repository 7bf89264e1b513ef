"""Runs basecrm's shipped test suite and writes one JSON line per test to the file named by argv[1]."""
import json
import sys
import unittest

import basecrm.test


class RecordingResult(unittest.TextTestResult):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcomes = []

    def addSuccess(self, test):
        super().addSuccess(test)
        self.outcomes.append({"test": test.id(), "outcome": "passed"})

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self.outcomes.append({"test": test.id(), "outcome": "failed", "message": self._exc_info_to_string(err, test)[-2000:]})

    def addError(self, test, err):
        super().addError(test, err)
        self.outcomes.append({"test": test.id(), "outcome": "error", "message": self._exc_info_to_string(err, test)[-2000:]})

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self.outcomes.append({"test": test.id(), "outcome": "skipped", "message": reason})


def main():
    runner = unittest.TextTestRunner(resultclass=RecordingResult, verbosity=1, stream=sys.stderr)
    result = runner.run(basecrm.test.all())
    with open(sys.argv[1], "w", encoding="utf-8") as report:
        for outcome in result.outcomes:
            report.write(json.dumps(outcome) + "\n")


if __name__ == "__main__":
    main()
