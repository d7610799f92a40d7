"""An extension of our own: an action that reads the experiment's configuration and a secret,
as chaoslib passes them to a function that declares `configuration` and `secrets`."""
from chaoslib.exceptions import ActivityFailed


def note(message: str, configuration: dict = None, secrets: dict = None) -> dict:
    if not message:
        raise ActivityFailed("nothing to note")
    return {
        "noted": message,
        "base": (configuration or {}).get("base"),
        "has_token": bool((secrets or {}).get("token")),
    }
