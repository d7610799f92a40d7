"""Users calling the counter service in the background, with the signature the rollout demo's
own `load.single` has (written here for the tests, without tracing)."""
import threading
import time
import urllib.request


def single(url: str, duration: int, frequency: float = 1.0, configuration=None, secrets=None):
    """Call `url` every `frequency` seconds for `duration` seconds, in a thread, and return."""
    end = time.time() + duration

    def call():
        while time.time() < end:
            try:
                urllib.request.urlopen(url, timeout=1).read()
            except Exception:  # noqa: BLE001 - a failed call is what the probes measure
                pass
            time.sleep(frequency)

    threading.Thread(target=call).start()
