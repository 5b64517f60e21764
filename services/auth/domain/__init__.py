"""Rules of identity: passwords, login identifiers, sessions. Plain Python."""
