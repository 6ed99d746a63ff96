"""Command modules of the ``kg`` CLI beyond the core ones in :mod:`kg.cli`.

Each module here defines ``command``, a :class:`click.Command` (or group), which
:mod:`kg.cli` adds to the ``kg`` group.  Modules import only click at the top;
heavy libraries are imported inside the command functions.
"""
