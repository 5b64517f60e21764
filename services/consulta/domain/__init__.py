"""Rules of the agenda and of appointments: plain Python, no framework, no database."""
