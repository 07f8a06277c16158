"""CardDAV (and later CalDAV) under /dav/: Radicale speaks the protocol, tiekeeper's plugins
(auth.py, storage.py) answer it from the accounts and the people; mount.py puts it in the app."""
