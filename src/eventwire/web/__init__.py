"""The eventwire web app and API (`eventwire serve`)."""

from eventwire.web.app import create_app

__all__ = ["create_app"]
